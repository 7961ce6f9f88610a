import type { Command } from 'commander';

import { logSqlOf, sealLog } from '@ledger/event-store';

import { withRuntime } from '../cli-context';

export function registerSeal(program: Command): void {
  program
    .command('seal')
    .description('seal every event since the last seal under a Merkle root')
    .action(async () => {
      await withRuntime(async ({ backend }) => {
        const seal = await sealLog(logSqlOf(backend, 'seal'));
        process.stdout.write(
          seal
            ? `seal ${seal.sealNo}: positions ${seal.fromPosition}–${seal.toPosition}, root ${seal.merkleRoot}\n`
            : 'nothing to seal\n',
        );
      });
    });
}
