import { SlidingWindowThrottlerStorage } from './sliding-window-storage';

describe('sliding-window throttler storage', () => {
  let now = 0;
  let storage: SlidingWindowThrottlerStorage;
  const hit = (key = 'client-a', blockDuration = 60_000) =>
    storage.increment(key, 60_000, 3, blockDuration, 'default');
  beforeEach(() => {
    now = 120_000; // the start of a window
    storage = new SlidingWindowThrottlerStorage(() => now);
  });
  afterEach(() => storage.close());

  it('counts a client’s requests and refuses the one past the limit, for the block duration', async () => {
    expect((await hit()).totalHits).toBe(1);
    await hit();
    expect((await hit()).isBlocked).toBe(false);
    const refused = await hit();
    expect(refused.isBlocked).toBe(true);
    expect(refused.timeToBlockExpire).toBe(60);
    now += 59_000;
    expect((await hit()).isBlocked).toBe(true);
    now += 1_000;
    const after = await hit();
    expect(after).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps clients apart', async () => {
    await hit('a');
    await hit('a');
    await hit('a');
    expect((await hit('b')).totalHits).toBe(1);
    expect((await hit('a')).isBlocked).toBe(true);
  });

  it('weights the previous window by how much of it the sliding window still covers', async () => {
    await hit();
    await hit();
    await hit(); // 3 in the window [120 s, 180 s)
    now = 180_000 + 30_000; // half-way through the next: half of the previous window still counts
    expect((await hit()).totalHits).toBe(Math.floor(3 * 0.5) + 1);
    now = 240_000 + 60_000; // two windows on: nothing of the old ones counts
    expect((await hit()).totalHits).toBe(1);
  });

  it('without a block duration, refuses only while over the limit and does not count the refusals', async () => {
    for (let i = 0; i < 3; i += 1) await hit('c', 0);
    expect((await hit('c', 0)).isBlocked).toBe(true);
    expect((await hit('c', 0)).isBlocked).toBe(true);
    now = 180_000 + 45_000; // a quarter of the previous window's 3 hits still counts: 0 + 1
    expect(await hit('c', 0)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });
});
