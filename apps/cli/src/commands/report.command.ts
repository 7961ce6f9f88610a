import { readFileSync, writeFileSync } from 'node:fs';

import { QueryBus } from '@nestjs/cqrs';
import type { Command } from 'commander';

import { SEED_STATED_FIGURES } from '@ledger/demo';
import {
  GetEvaluationReportQuery,
  renderDocx,
  renderHtml,
  renderMarkdown,
  type EvaluationReport,
  type StatedFigure,
} from '@ledger/evaluation';

import { withRuntime } from '../cli-context';

interface ReportOptions {
  unit: string;
  year: string;
  cutoff: string;
  issuedOn?: string;
  asOfPosition?: string;
  format: 'json' | 'md' | 'html' | 'docx';
  output?: string;
  stated?: string;
}

function loadStated(source: string | undefined): StatedFigure[] {
  if (!source) return [];
  if (source === 'seed') return [...SEED_STATED_FIGURES];
  return JSON.parse(readFileSync(source, 'utf8')) as StatedFigure[];
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('部门整体支出绩效评价报告 — the evaluation report, computed from the views')
    .requiredOption('--unit <unitId>')
    .requiredOption('--year <year>')
    .requiredOption('--cutoff <date>', 'statistics cut-off date (outcomes run from 1 January to it)')
    .option('--issued-on <date>', 'the date under the signature')
    .option('--as-of-position <n>', 'narrative and targets as they stood at this log position')
    .option('--format <format>', 'json | md | html | docx', 'md')
    .option('-o, --output <file>', 'write to a file instead of stdout (required for docx)')
    .option(
      '--stated <file|seed>',
      "a hand-written report's figures to reconcile ([{figureId, value}] JSON, or 'seed')",
    )
    .action(async (o: ReportOptions) => {
      await withRuntime(async ({ app, engine }) => {
        await engine.register();
        await engine.catchUp();
        const report = await app.get(QueryBus).execute<GetEvaluationReportQuery, EvaluationReport>(
          new GetEvaluationReportQuery(
            {
              unitId: o.unit,
              year: Number(o.year),
              cutoff: o.cutoff,
              issuedOn: o.issuedOn,
              asOfPosition: o.asOfPosition === undefined ? undefined : BigInt(o.asOfPosition),
            },
            loadStated(o.stated),
          ),
        );
        const body =
          o.format === 'docx'
            ? await renderDocx(report.document)
            : o.format === 'html'
              ? renderHtml(report.document, { standalone: true })
              : o.format === 'json'
                ? JSON.stringify(report, null, 2)
                : renderMarkdown(report.document);
        if (o.output) writeFileSync(o.output, body);
        else if (o.format === 'docx') throw new Error('--format docx needs --output FILE');
        else process.stdout.write(body);
        const flagged = report.findings.filter((f) => f.severity !== 'ok');
        process.stderr.write(
          `score ${report.scorecard.score} (${report.scorecard.grade}); ${Object.keys(report.document.figures).length} figures; ${flagged.length} reconciliation findings\n`,
        );
        for (const f of flagged) process.stderr.write(`  [${f.severity}] ${f.messageZh}\n`);
      });
    });
}
