// Prints what the run measured: one line per scenario from the figures each test wrote.
const { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const DIR = path.resolve(__dirname, '..', '..', '..', 'test-output', 'reliability');

module.exports = async function globalTeardown() {
  if (process.env.LEDGER_RELIABILITY_OWN_BUILD === '1')
    rmSync(process.env.LEDGER_RELIABILITY_BUILD_DIR, { recursive: true, force: true });
  const runDir = path.join(DIR, `run-${process.env.LEDGER_RELIABILITY_RUN_ID}`);
  const dir = path.join(runDir, 'figures');
  if (!existsSync(dir)) return;
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  if (all.length === 0) return;
  writeFileSync(path.join(runDir, 'summary.json'), `${JSON.stringify(all, null, 2)}\n`);
  const lines = ['', '[reliability] summary'];
  for (const f of all) {
    const rest = Object.entries(f)
      .filter(([k]) => k !== 'scenario')
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' ');
    lines.push(`  ${f.scenario}: ${rest}`);
  }
  const crash = all.filter((f) => typeof f.acknowledged === 'number' && typeof f.kills === 'number');
  if (crash.length > 0) {
    const sum = (k) => crash.reduce((s, f) => s + (f[k] ?? 0), 0);
    lines.push(
      `  TOTAL under kill -9: kills=${sum('kills')} posted=${sum('posted')} acknowledged=${sum('acknowledged')} ` +
        `stored=${sum('stored')} duplicated=${sum('duplicated')} lost=${sum('lost')}`,
    );
  }
  console.log(lines.join('\n'));
};
