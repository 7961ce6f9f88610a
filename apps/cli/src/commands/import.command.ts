import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { ROLES, type Principal, type Role } from '@ledger/ledger';
import { importNdjson } from '@ledger/sheets';

import { cliOperatorId, progressBar, withRuntime } from '../cli-context';

interface ImportOptions {
  principal?: string;
  role: string;
  unit: string;
  squad?: string;
  skipInvalid?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description(
      '一行一条登记 — post an NDJSON file, one {"command","input","idempotencyKey"?} per line, as the API takes it',
    )
    .requiredOption('--unit <unitId>', 'the unit the operator acts for')
    .option('--role <role>', ROLES.join(' | '), 'brigade_office')
    .option('--squad <squadId>', 'the squad of a squad clerk')
    .option('--principal <id>', 'who posts (default: cli-<user>); a re-import is recognised per principal')
    .option('--skip-invalid', 'post the valid lines and report the others, instead of refusing the file')
    .action(async (file: string, o: ImportOptions) => {
      if (!ROLES.includes(o.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const principal: Principal = {
        id: o.principal ?? cliOperatorId(),
        role: o.role as Role,
        unitId: o.unit,
        squadId: o.squad ?? null,
      };
      const text = readFileSync(file, 'utf8');
      await withRuntime(async ({ backend }) => {
        const report = await importNdjson(backend.store, text, {
          principal,
          skipInvalid: o.skipInvalid,
          onProgress: (phase, done, total) => progressBar(phase === 'check' ? '校验' : '登记', done, total),
        });
        process.stderr.write('\n');
        for (const p of report.problems) {
          process.stderr.write(`第${p.line}行${p.field ? ` ${p.field}` : ''}: ${p.message}\n`);
        }
        process.stderr.write(
          report.committed
            ? `${report.lines} lines: ${report.posted} posted, ${report.alreadyImported} already imported, ${report.problems.length} problems\n`
            : `${report.lines} lines: nothing appended — ${report.problems.length} problems (fix them, or --skip-invalid)\n`,
        );
        if (report.problems.length > 0) process.exitCode = 1;
      });
    });
}
