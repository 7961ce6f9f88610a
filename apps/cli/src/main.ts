import 'reflect-metadata';

import { Command } from 'commander';

import { registerAudit } from './commands/audit.command';
import { registerDemo } from './commands/demo.command';
import { registerImport } from './commands/import.command';
import { registerProjections } from './commands/projections.command';
import { registerReport } from './commands/report.command';
import { registerTokens } from './commands/tokens.command';
import { registerSeal } from './commands/seal.command';
import { registerMigrateStore } from './commands/migrate-store.command';
import { registerSheets } from './commands/sheets.command';

/** `ledger …` — every command registers itself from its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('ledger').description('交通警察 案件与统计台账 — the traffic-police ledger');
  registerTokens(program);
  registerProjections(program);
  registerDemo(program);
  registerImport(program);
  registerReport(program);
  registerSeal(program);
  registerMigrateStore(program);
  registerAudit(program);
  registerSheets(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`ledger: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
