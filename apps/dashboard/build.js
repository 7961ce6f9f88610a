#!/usr/bin/env node
// Builds the dashboard with Vite into dist/dashboard (or LEDGER_DASHBOARD_OUT), quietly unless it fails.
// Used by `npm run build:dashboard`, `npm run build` (scripts/build.js) and the browser tests.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function buildDashboard({ outDir, quiet = false } = {}) {
  const vitePackage = require.resolve('vite/package.json');
  const vite = path.join(path.dirname(vitePackage), require(vitePackage).bin.vite);
  const config = path.join(__dirname, 'vite.config.mjs');
  const env = outDir ? { ...process.env, LEDGER_DASHBOARD_OUT: outDir } : process.env;
  const args = [vite, 'build', '--config', config, ...(quiet ? ['--logLevel', 'warn'] : [])];
  const result = spawnSync(process.execPath, args, {
    env,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(
      `dashboard build failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  }
}

module.exports = { buildDashboard };

if (require.main === module) {
  try {
    buildDashboard({ outDir: process.argv[2] });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
