// The reliability suite runs the real processes (API, projector, CLI) as children: compile them once per run into a
// private directory (so a concurrent `npm run build` elsewhere cannot pull dist/ from under a running test), and
// decide the databases like the other suites.
const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync } = require('node:fs');
const path = require('node:path');

const decideDatabases = require('../../support/global-setup.js');

const ROOT = path.resolve(__dirname, '..', '..', '..');

module.exports = async function globalSetup() {
  await decideDatabases();
  // One directory per run, so two runs at once (two sessions on one machine) neither clear each other's figures
  // nor delete each other's build.
  const runId = String(process.pid);
  process.env.LEDGER_RELIABILITY_RUN_ID = runId;
  const runDir = path.join(ROOT, 'test-output', 'reliability', `run-${runId}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(path.join(runDir, 'figures'), { recursive: true });
  mkdirSync(path.join(runDir, 'logs'), { recursive: true });
  const profile = process.env.LEDGER_RELIABILITY_PROFILE === 'ci' ? 'ci' : 'full';
  console.log(`[reliability] profile: ${profile}; logs and figures in ${runDir}`);
  if (process.env.LEDGER_RELIABILITY_BUILD_DIR) {
    console.log(`[reliability] using the build in ${process.env.LEDGER_RELIABILITY_BUILD_DIR}`);
    return;
  }
  // Inside node_modules so the compiled files resolve the project's packages; tsc is `npm run build` minus the dashboard.
  const cache = path.join(ROOT, 'node_modules', '.cache', 'ledger-reliability');
  mkdirSync(cache, { recursive: true });
  for (const name of readdirSync(cache)) {
    const pid = Number(/^build-(\d+)$/.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(path.join(cache, name), { recursive: true, force: true });
  }
  const out = path.join(cache, `build-${runId}`);
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
  process.env.LEDGER_RELIABILITY_OWN_BUILD = '1';
  console.log(
    `[reliability] compiled apps and libs into ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
};

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
