import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { QueryBus } from '@nestjs/cqrs';
import type { Command } from 'commander';

import { ID_PATTERN, isCalendarDate, ROLES, type Principal, type Role } from '@ledger/ledger';
import {
  errorWorkbook,
  EXPORT_VIEWS,
  exportViewWorkbook,
  formatProblem,
  importSheet,
  kindSpec,
  loadWorkbook,
  parseMapping,
  SHEET_KINDS,
  type ImportReport,
} from '@ledger/sheets';

import { cliOperatorId, progressBar, withRuntime } from '../cli-context';

interface ImportOptions {
  kind: string;
  unit: string;
  map?: string;
  squad?: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
  errors?: string;
  principal?: string;
  role?: string;
}

interface ExportOptions {
  view: string;
  unit: string;
  from: string;
  to: string;
  squad?: string;
  output: string;
  catchUp: boolean;
}

function summary(report: ImportReport): string {
  const skipped = [
    report.skipped.totals.length > 0 ? `合计行 ${report.skipped.totals.join(',')}` : '',
    report.skipped.notes.length > 0 ? `说明行 ${report.skipped.notes.join(',')}` : '',
    report.skipped.empty > 0 ? `空行 ${report.skipped.empty}` : '',
  ].filter((s) => s);
  return [
    `工作表「${report.sheet}」，表头第${report.headerRow}行：${report.columns.map((c) => `${c.header}→${c.field}`).join('，')}`,
    report.ignoredHeaders.length > 0 ? `未使用的列：${report.ignoredHeaders.join('，')}` : '',
    `数据 ${report.dataRows} 行，${report.commands} 条登记${skipped.length > 0 ? `；跳过 ${skipped.join('；')}` : ''}`,
    report.dryRun
      ? `试运行：${report.problems.length === 0 ? '全部有效' : `${report.invalidRows.length} 行有错`}，已导入过 ${report.alreadyImported} 条，未写入`
      : `已登记 ${report.posted} 条（${report.events} 个事件），已导入过 ${report.alreadyImported} 条${report.invalidRows.length > 0 ? `，${report.invalidRows.length} 行有错${report.committed ? '未登记' : ''}` : ''}`,
  ]
    .filter((line) => line)
    .join('\n');
}

export function registerSheets(program: Command): void {
  program
    .command('import-sheet <file>')
    .description('导入表格 — post every row of an .xlsx or .csv sheet as the command the API takes')
    .requiredOption('--kind <kind>', SHEET_KINDS.join(' | '))
    .requiredOption('--unit <unitId>', 'the unit the rows are posted for')
    .option('--map <map.yaml>', 'column map: columns / values / translate / sheet / headerRow / amountUnit')
    .option('--squad <squadId>', 'the squad of every row when the sheet has no squad column')
    .option('--skip-invalid', 'post the valid rows and report the others, instead of refusing the sheet')
    .option('--dry-run', 'check every row, post nothing')
    .option('--errors <out.xlsx>', 'where to write the error sheet (default: next to the input, .错误.xlsx)')
    .option('--principal <id>', 'who posts (default: cli-<user>); re-imports are recognised per principal')
    .option('--role <role>', `${ROLES.join(' | ')} (default: the kind's: brigade_office or finance)`)
    .action(async (file: string, o: ImportOptions) => {
      const spec = kindSpec(o.kind);
      if (!ID_PATTERN.test(o.unit)) throw new Error(`--unit ${o.unit} is not a valid unit id`);
      const role = (o.role ?? spec.defaultRole) as Role;
      if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const principal: Principal = {
        id: o.principal ?? cliOperatorId(),
        role,
        unitId: o.unit,
        squadId: role === 'squad_clerk' ? (o.squad ?? null) : null,
      };
      const mapping = o.map
        ? parseMapping(
            await readFile(o.map, 'utf8'),
            spec.fields.map((f) => f.field),
          )
        : undefined;
      const workbook = await loadWorkbook(await readFile(file), path.basename(file));
      let report: ImportReport | undefined;
      await withRuntime(async ({ backend }) => {
        report = await importSheet(backend.store, workbook, {
          kind: o.kind,
          unitId: o.unit,
          principal,
          mapping,
          defaults: o.squad ? { squadId: o.squad } : undefined,
          skipInvalid: o.skipInvalid === true,
          dryRun: o.dryRun === true,
          onProgress: (phase, done, total) => progressBar(phase === 'check' ? '检查' : '登记', done, total),
        });
      });
      if (!report) return;
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stdout.write(`${summary(report)}\n`);
      if (report.problems.length > 0) {
        const shown = report.problems.slice(0, 200);
        for (const p of shown) process.stderr.write(`${formatProblem(p)}\n`);
        if (report.problems.length > shown.length)
          process.stderr.write(`…另有 ${report.problems.length - shown.length} 处错误，见错误表\n`);
        const out =
          o.errors ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.错误.xlsx`);
        await writeFile(out, await errorWorkbook(workbook, report));
        process.stderr.write(`错误表已写入 ${out}（在原表上加了“错误”列；改正后可原样重新导入）\n`);
        if (!report.committed && !report.dryRun)
          throw new Error('表格有错误，未登记任何一行（--skip-invalid 可只登记有效行）');
      }
    });

  program
    .command('export-sheet')
    .description('导出表格 — a view as a formatted workbook, with the figures the API gives')
    .requiredOption('--view <view>', EXPORT_VIEWS.join(' | '))
    .requiredOption('--unit <unitId>')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption(
      '--to <date>',
      'last day; three-public is the year of --to, year-end projects that year as of --to',
    )
    .option('--squad <squadId>', 'counts of one squad only')
    .requiredOption('-o, --output <file.xlsx>')
    .option('--no-catch-up', 'read the views as they are, without applying events not yet projected')
    .action(async (o: ExportOptions) => {
      if (!EXPORT_VIEWS.includes(o.view as (typeof EXPORT_VIEWS)[number]))
        throw new Error(`--view must be one of ${EXPORT_VIEWS.join(', ')}`);
      if (!isCalendarDate(o.from) || !isCalendarDate(o.to) || o.from > o.to)
        throw new Error('--from and --to must be dates YYYY-MM-DD, --from not after --to');
      await withRuntime(async ({ app, engine }) => {
        if (o.catchUp) {
          await engine.register();
          await engine.catchUp();
        }
        const workbook = await exportViewWorkbook(app.get(QueryBus), o.view, {
          unitId: o.unit,
          from: o.from,
          to: o.to,
          squadId: o.squad,
        });
        await workbook.xlsx.writeFile(o.output);
        process.stdout.write(
          `${o.output}: ${workbook.worksheets.map((w) => `${w.name} (${Math.max(0, w.rowCount - 3)} 行)`).join('，')}\n`,
        );
      });
    });
}
