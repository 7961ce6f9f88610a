import { readFileSync } from 'node:fs';
import path from 'node:path';

import { COMMANDS, parseCommandInput } from '@ledger/ledger';

import { commandExample, renderEventsDoc } from './events-doc';

describe('docs/events.md', () => {
  it('matches the event declarations and command validators (run `npm run docs:events` when it does not)', () => {
    const onDisk = readFileSync(path.join(__dirname, '..', 'docs', 'events.md'), 'utf8');
    expect(onDisk).toBe(renderEventsDoc());
  });
  it('lists the accident events with their fields', () => {
    expect(renderEventsDoc()).toMatch(
      /\| `AccidentRecorded` \| accidents \| v1 \| accidentId: string; .*directLossFen: number/,
    );
  });
});

describe('the command examples of docs/events.md', () => {
  it('are accepted as is by the API validators', async () => {
    const problems: string[] = [];
    for (const c of COMMANDS) {
      await parseCommandInput(c, commandExample(c)).catch((e: Error) =>
        problems.push(`${c.name}: ${e.message}`),
      );
    }
    expect(problems).toEqual([]);
  });
});
