import { accidentRecords } from './accidents';

type Input = {
  accidentId: string;
  occurredOn: string;
  deaths: number;
  injuries: number;
  directLossFen: number;
  procedure: string;
};

describe('demo accidents', () => {
  const records = accidentRecords();
  const finalState = new Map<string, Input>();
  for (const r of records) {
    const input = r.input as Input;
    finalState.set(input.accidentId, { ...(finalState.get(input.accidentId) ?? input), ...input });
  }
  const sum = (from: string, to: string) => {
    const t = { n: 0, deaths: 0, injuries: 0, loss: 0, fast: 0 };
    for (const a of finalState.values()) {
      if (a.occurredOn < from || a.occurredOn > to) continue;
      t.n += 1;
      t.deaths += a.deaths;
      t.injuries += a.injuries;
      t.loss += a.directLossFen;
      t.fast += a.procedure === 'FAST_SETTLEMENT' ? 1 : 0;
    }
    return t;
  };

  it('sums, after revisions, to the seed figures through 31 October 2020', () => {
    expect(sum('2020-01-01', '2020-10-31')).toEqual({
      n: 5784,
      deaths: 60,
      injuries: 856,
      loss: 38_900_000,
      fast: 801,
    });
  });
  it('sums to the prior-year figures the seed percentages imply', () => {
    expect(sum('2019-01-01', '2019-10-31')).toMatchObject({
      n: 5687,
      deaths: 43,
      injuries: 766,
      loss: 36_150_000,
    });
  });
  it('gives every record a unique retry key and posts revisions after their accident', () => {
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
    expect(records.some((r) => r.command === 'ReviseAccidentCasualties')).toBe(true);
  });
  it('is the same on every run', () => {
    expect(JSON.stringify(accidentRecords())).toBe(JSON.stringify(records));
  });
});
