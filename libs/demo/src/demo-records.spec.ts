import { commandNamed, parseCommandInput } from '@ledger/ledger';

import { demoRecords } from './load-demo';

describe('the demo records', () => {
  const records = demoRecords();

  it('name only commands the ledger has, with input its validators accept', async () => {
    const problems: string[] = [];
    for (const r of records) {
      const definition = commandNamed(r.command);
      if (!definition) {
        problems.push(`${r.key}: unknown command ${r.command}`);
        continue;
      }
      await parseCommandInput(definition, JSON.parse(JSON.stringify(r.input))).catch((e: Error) =>
        problems.push(`${r.key}: ${e.message}`),
      );
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('carry a unique retry key each, so loading twice appends nothing', () => {
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
  });

  it('are the same on every run', () => {
    expect(JSON.stringify(demoRecords())).toBe(JSON.stringify(records));
  });
});
