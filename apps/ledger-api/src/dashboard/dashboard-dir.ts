import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the built dashboard lives: `LEDGER_DASHBOARD_DIR`, else `dist/dashboard` under the package root (found by
 * walking up from this file, so it is the same from the compiled `dist/` tree and from the TypeScript sources).
 */
export function dashboardDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LEDGER_DASHBOARD_DIR) return resolve(env.LEDGER_DASHBOARD_DIR);
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'dashboard');
}
