import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PROFILE } from './profile';

/** This run's directory (global-setup.js names it): figures/ and logs/ of the processes it started. */
export const OUTPUT_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'test-output',
  'reliability',
  `run-${process.env.LEDGER_RELIABILITY_RUN_ID ?? 'adhoc'}`,
);

export type Figures = Record<string, number | string | boolean | Record<string, number>>;

/** What a scenario measured, for the run's summary (global-teardown.js) and docs/reliability.md. */
export function recordFigures(scenario: string, figures: Figures): void {
  const dir = path.join(OUTPUT_DIR, 'figures');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${scenario.replace(/[^\w.-]+/g, '_')}.json`);
  writeFileSync(file, `${JSON.stringify({ scenario, profile: PROFILE, ...figures }, null, 2)}\n`);
  console.log(`[reliability] ${scenario}: ${JSON.stringify(figures)}`);
}
