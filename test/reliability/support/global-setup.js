// The reliability suite runs the real processes (API, projector, CLI) as children: compile them once per run into a
// private directory (so a concurrent `npm run build` elsewhere cannot pull dist/ from under a running test), decide
// the databases like the other suites, and clear the figures of a previous run.
const { spawnSync } = require('node:child_process');
const { mkdirSync, rmSync } = require('node:fs');
const path = require('node:path');

const decideDatabases = require('../../support/global-setup.js');

const ROOT = path.resolve(__dirname, '..', '..', '..');

module.exports = async function globalSetup() {
  await decideDatabases();
  const figures = path.join(ROOT, 'test-output', 'reliability', 'figures');
  rmSync(figures, { recursive: true, force: true });
  mkdirSync(figures, { recursive: true });
  mkdirSync(path.join(ROOT, 'test-output', 'reliability', 'logs'), { recursive: true });
  const profile = process.env.LEDGER_RELIABILITY_PROFILE === 'ci' ? 'ci' : 'full';
  console.log(`[reliability] profile: ${profile}`);
  if (process.env.LEDGER_RELIABILITY_BUILD_DIR) {
    console.log(`[reliability] using the build in ${process.env.LEDGER_RELIABILITY_BUILD_DIR}`);
    return;
  }
  // Inside node_modules so the compiled files resolve the project's packages; tsc is `npm run build` minus the dashboard.
  const out = path.join(ROOT, 'node_modules', '.cache', 'ledger-reliability', 'build');
  rmSync(out, { recursive: true, force: true });
  const started = Date.now();
  const tsc = spawnSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      out,
      '--sourceMap',
      'false',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (tsc.status !== 0) throw new Error(`[reliability] tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  process.env.LEDGER_RELIABILITY_BUILD_DIR = out;
  console.log(
    `[reliability] compiled apps and libs into ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
};
