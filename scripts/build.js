#!/usr/bin/env node
// Compiles every app and lib with plain tsc into dist/ (path aliases are resolved at run time by register-paths.js),
// then builds the dashboard with Vite into dist/dashboard.
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
// The dashboard (apps/dashboard): a Vite build into dist/dashboard, served by ledger-api at `/`.
require('../apps/dashboard/build.js').buildDashboard({ quiet: true });
