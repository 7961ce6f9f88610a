#!/usr/bin/env node
// PGlite loads its WASM through dynamic import(), which jest's CommonJS runtime only allows with vm modules enabled.
const { spawnSync } = require('node:child_process');
const result = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    require.resolve('jest/bin/jest'),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
