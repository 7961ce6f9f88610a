// Like scripts/register-paths.js, but for the private build the reliability suite compiles (LEDGER_RELIABILITY_BUILD_DIR).
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../../tsconfig.json');
const dir = process.env.LEDGER_RELIABILITY_BUILD_DIR;
if (!dir) throw new Error('LEDGER_RELIABILITY_BUILD_DIR is not set');
register({ baseUrl: path.resolve(dir), paths: compilerOptions.paths });
