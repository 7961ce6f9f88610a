import { readFileSync } from 'node:fs';
import path from 'node:path';

import { renderEventsDoc } from './events-doc';

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
