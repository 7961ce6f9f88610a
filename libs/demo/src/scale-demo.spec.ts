import { commandNamed, parseCommandInput } from '@ledger/ledger';

import { demoRecords } from './load-demo';
import { scaledDemoRecords, scaleFactorFor } from './scale-demo';

type Input = { category?: string; count?: number; qualifier?: string; accidentId?: string; deaths?: number };

/** Sums of tally counts by category, and the accidents' count and deaths. */
function totals(records: readonly { command: string; input: object }[]) {
  const tallies = new Map<string, number>();
  let accidents = 0;
  let deaths = 0;
  for (const r of records) {
    const input = r.input as Input;
    if (r.command === 'RecordTally')
      tallies.set(input.category!, (tallies.get(input.category!) ?? 0) + input.count!);
    if (r.command === 'RecordAccident') {
      accidents += 1;
      deaths += input.deaths!;
    }
  }
  return { tallies, accidents, deaths };
}

describe('the scaled demo', () => {
  const demo = demoRecords();
  const scaled = scaledDemoRecords(3);

  it('counts exactly factor times what the demo counts, and posts everything else once', () => {
    const base = totals(demo);
    const grown = totals(scaled);
    expect(grown.accidents).toBe(3 * base.accidents);
    expect(grown.deaths).toBe(3 * base.deaths);
    expect([...grown.tallies]).toEqual([...base.tallies].map(([c, n]) => [c, 3 * n]));
    const others = (rs: typeof demo) =>
      rs.filter((r) => r.command !== 'RecordTally' && r.command !== 'RecordAccident');
    expect(others(scaled)).toEqual(others(demo));
  });

  it('posts tallies item by item, except lower bounds', () => {
    const tallies = scaled.filter((r) => r.command === 'RecordTally').map((r) => r.input as Input);
    expect(tallies.filter((t) => t.qualifier === undefined).every((t) => t.count === 1)).toBe(true);
    expect(tallies.some((t) => t.qualifier === 'AT_LEAST' && t.count! > 1)).toBe(true);
  });

  it('gives every record its own retry key and every accident its own case number', () => {
    expect(new Set(scaled.map((r) => r.key)).size).toBe(scaled.length);
    const ids = scaled
      .filter((r) => r.command === 'RecordAccident')
      .map((r) => (r.input as Input).accidentId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds input the validators accept: a copied accident, a tally item', async () => {
    const copy = scaled.find((r) => r.command === 'RecordAccident' && r.key.endsWith('#2'))!;
    const item = scaled.find((r) => r.command === 'RecordTally' && r.key.endsWith('#5'))!;
    for (const r of [copy, item])
      await expect(parseCommandInput(commandNamed(r.command)!, r.input)).resolves.toBeDefined();
  });

  it('is the demo itself at factor 1, and finds the factor for a size', () => {
    const one = scaledDemoRecords(1);
    expect(one.length).toBeGreaterThan(demo.length); // tallies item by item
    expect(totals(one)).toEqual(totals(demo));
    const factor = scaleFactorFor(150_000);
    expect(scaledDemoRecords(factor).length).toBeGreaterThanOrEqual(150_000);
    expect(scaledDemoRecords(factor - 1).length).toBeLessThan(150_000);
    expect(() => scaledDemoRecords(0)).toThrow(/whole number/);
  });
});
