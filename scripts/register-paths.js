// Maps the @ledger/* aliases of tsconfig.json onto the compiled tree in dist/, so `node dist/...` runs without a bundler.
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');
register({ baseUrl: path.resolve(__dirname, '..', 'dist'), paths: compilerOptions.paths });
