import type { Command } from 'commander';

import { issueToken, revokeTokensOf, ROLES, type Role } from '@ledger/ledger';

import { withRuntime } from '../cli-context';

export function registerTokens(program: Command): void {
  const tokens = program
    .command('tokens')
    .alias('token')
    .description('访问令牌 — bearer tokens for the API (`ledger token create` is `ledger tokens issue`)');
  tokens
    .command('issue')
    .alias('create')
    .description('issue a token; it is printed once and only its hash is stored')
    .requiredOption('--principal <id>', 'who the token is for')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--unit <unitId>', "the unit the principal acts for ('*' for admin)")
    .option('--squad <squadId>', 'the squad of a squad clerk')
    .action(async (o: { principal: string; role: string; unit: string; squad?: string }) => {
      if (!ROLES.includes(o.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      await withRuntime(async ({ backend }) => {
        const issued = await issueToken(backend.sql, {
          id: o.principal,
          role: o.role as Role,
          unitId: o.unit,
          squadId: o.squad ?? null,
        });
        process.stdout.write(`${issued.token}\n`);
      });
    });
  tokens
    .command('revoke')
    .requiredOption('--principal <id>')
    .action(async (o: { principal: string }) => {
      await withRuntime(async ({ backend }) => {
        process.stdout.write(`revoked ${await revokeTokensOf(backend.sql, o.principal)} token(s)\n`);
      });
    });
}
