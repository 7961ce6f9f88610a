import { once } from 'node:events';
import { userInfo } from 'node:os';

import { QueryBus } from '@nestjs/cqrs';
import type { Command } from 'commander';

import { GetEvaluationReportQuery, type EvaluationReport } from '@ledger/evaluation';

import {
  AS_OF_BASES,
  checkExportFile,
  diffViews,
  traceFigure,
  dropScratchSchema,
  eventsRecordedIn,
  exportEvents,
  formatDiff,
  formatImportCheck,
  formatVerify,
  lateChanges,
  listScratchSchemas,
  parseAsOf,
  recordAuditAction,
  recordingWindow,
  replayAsOf,
  streamHistory,
  toEnvelopeJson,
  verifyLedger,
  viewTablesOf,
  whoPosted,
  type AsOfBasis,
  type AuditActionRecord,
  type ReplayResult,
} from '@ledger/audit';
import { logSqlOf, type Backend, type RecordedEvent } from '@ledger/event-store';
import type { Principal } from '@ledger/ledger';
import { PROJECTIONS } from '@ledger/views';

import { withRuntime } from '../cli-context';

/**
 * The CLI runs with the database's own credentials, so it audits the whole ledger; it still signs every action
 * it records, as `--as` (or LEDGER_AUDITOR, or `cli:<os user>`).
 */
function cliAuditor(as: string | undefined): Principal {
  const id = as ?? process.env.LEDGER_AUDITOR ?? `cli:${userInfo().username}`;
  return { id, role: 'auditor', unitId: '*', squadId: null };
}

/** A progress line with rate and ETA on stderr, redrawn at most five times a second. */
function progress(label: string): (done: number, total: number) => void {
  const started = Date.now();
  let drawn = 0;
  let ended = false;
  return (done, total) => {
    const now = Date.now();
    const finished = done >= total;
    if (ended || (!finished && now - drawn < 200)) return;
    ended = finished;
    drawn = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    const rate = done / seconds;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    const eta = rate > 0 && total > done ? `${Math.ceil((total - done) / rate)} s left` : 'done';
    const bar = '#'.repeat(Math.round(pct / 4)).padEnd(25, '.');
    const line = `${label} [${bar}] ${pct}% ${done}/${total} ${Math.round(rate)}/s ${finished ? `${seconds.toFixed(1)} s` : eta}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${finished ? '\n' : ''}`);
    else if (finished) process.stderr.write(`${line}\n`);
  };
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

interface AsOfOptions {
  asOf: string;
  basis: string;
  unit?: string;
}

function asOfOf(o: AsOfOptions) {
  if (!AS_OF_BASES.includes(o.basis as AsOfBasis))
    throw new Error(`--basis must be one of ${AS_OF_BASES.join(', ')}`);
  return parseAsOf(o.asOf, o.basis as AsOfBasis);
}

function replayWithProgress(backend: Backend, o: AsOfOptions): Promise<ReplayResult> {
  const bars = new Map<string, (d: number, t: number) => void>();
  return replayAsOf(backend, {
    asOf: asOfOf(o),
    unitId: o.unit,
    onProgress: (p) => {
      if (!bars.has(p.projection)) bars.set(p.projection, progress(`replay ${p.projection}`));
      bars.get(p.projection)!(p.done, p.total);
    },
  });
}

function describeReplay(r: ReplayResult): string {
  const lines = [
    `replayed ${r.basisDescription}${r.unitId ? `, unit ${r.unitId}` : ', all units'}`,
    `  ${r.eventsFolded} of ${r.eventsRead} events read were folded (log head ${r.headPosition}), ${(r.durationMs / 1000).toFixed(2)} s`,
    ...r.tables.filter((t) => t.rows > 0).map((t) => `  ${t.name}: ${t.rows} rows`),
  ];
  const empty = r.tables.filter((t) => t.rows === 0).map((t) => t.name);
  if (empty.length > 0) lines.push(`  empty: ${empty.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function record(backend: Backend, principal: Principal, action: AuditActionRecord): Promise<unknown> {
  return recordAuditAction(backend.store, principal, action);
}

const asOfOptions = (c: Command) =>
  c
    .requiredOption('--as-of <date|instant>', 'YYYY-MM-DD (end of that day, Asia/Shanghai) or an ISO instant')
    .option(
      '--basis <basis>',
      "'recorded' (as recorded then) or 'business' (business date up to then)",
      'recorded',
    )
    .option('--unit <unitId>', 'only this unit');

function historyLine(e: RecordedEvent): string {
  return [
    `#${e.position}`,
    `v${e.streamVersion}`,
    e.recordedAt.toISOString(),
    e.type,
    `by ${e.principal} (${e.role})`,
    `unit ${e.unitId ?? '-'}`,
    `business ${e.businessDate ?? '-'}`,
    `corr ${e.correlationId}`,
    `cause ${e.causationId ?? '-'}`,
    `id ${e.id}`,
  ].join('  ');
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description(
      '审计 — replay to any date, trace, verify, export (read-only; every action is itself recorded)',
    )
    .option('--as <principal>', 'who is auditing (default LEDGER_AUDITOR or cli:<os user>)');
  const auditor = () => cliAuditor(audit.opts<{ as?: string }>().as);

  asOfOptions(audit.command('replay'))
    .description('rebuild every view into a scratch schema from the events up to a moment')
    .option('--drop', 'drop the scratch schema after reporting (default: keep it for inspection)')
    .action(async (o: AsOfOptions & { drop?: boolean }) => {
      await withRuntime(async ({ backend }) => {
        const r = await replayWithProgress(backend, o);
        await write(describeReplay(r));
        if (o.drop) await dropScratchSchema(backend.sql, r.schema);
        else
          await write(
            `scratch schema ${r.schema} kept; drop it with: ledger audit drop-scratch ${r.schema}\n`,
          );
        await record(backend, auditor(), {
          action: 'replay',
          unitId: o.unit ?? null,
          parameters: { asOf: o.asOf, basis: o.basis },
          outcome: {
            schema: r.schema,
            eventsFolded: r.eventsFolded,
            headPosition: r.headPosition.toString(),
          },
        });
      });
    });

  asOfOptions(audit.command('diff'))
    .description('replay up to a moment and compare with the live views, row by row')
    .option('--keep', 'keep the scratch schema afterwards')
    .option('--limit <n>', 'rows listed per table', '50')
    .option('--json', 'print the diff as JSON')
    .action(async (o: AsOfOptions & { keep?: boolean; limit: string; json?: boolean }) => {
      await withRuntime(async ({ backend }) => {
        const r = await replayWithProgress(backend, o);
        try {
          const diff = await diffViews(backend.sql, r.schema, viewTablesOf(PROJECTIONS), {
            unitId: o.unit,
            limit: Number(o.limit),
          });
          if (o.json) await write(`${JSON.stringify({ replay: replaySummary(r), diff }, null, 2)}\n`);
          else await write(`${describeReplay(r)}${formatDiff(diff)}`);
          await record(backend, auditor(), {
            action: 'diff',
            unitId: o.unit ?? null,
            parameters: { asOf: o.asOf, basis: o.basis },
            outcome: {
              identical: diff.identical,
              tables: diff.tables.map((t) => ({
                table: t.table,
                added: t.added,
                removed: t.removed,
                changed: t.changed,
              })),
            },
          });
        } finally {
          if (!o.keep) await dropScratchSchema(backend.sql, r.schema);
          else process.stderr.write(`scratch schema ${r.schema} kept\n`);
        }
      });
    });

  audit
    .command('history <stream>')
    .description(
      'every event of a stream: position, version, type, principal, role, times, correlation, causation',
    )
    .option('--json', 'one JSON envelope per line')
    .action(async (stream: string, o: { json?: boolean }) => {
      await withRuntime(async ({ backend }) => {
        let count = 0;
        for await (const batch of streamHistory(backend.store, stream)) {
          count += batch.length;
          await write(
            batch.map((e) => `${o.json ? JSON.stringify(toEnvelopeJson(e)) : historyLine(e)}\n`).join(''),
          );
        }
        if (count === 0) process.stderr.write(`no events in stream ${stream}\n`);
        await record(backend, auditor(), {
          action: 'history',
          unitId: null,
          parameters: { stream },
          outcome: { events: count },
        });
      });
    });

  audit
    .command('trace <figureId>')
    .description(
      'the events behind one figure of the evaluation report, with who posted each and what it added',
    )
    .requiredOption('--unit <unitId>')
    .requiredOption('--year <year>')
    .requiredOption('--cutoff <date>', "the report's statistics cut-off")
    .action(async (figureId: string, o: { unit: string; year: string; cutoff: string }) => {
      await withRuntime(async ({ app, backend, engine }) => {
        await engine.register();
        await engine.catchUp();
        const report = await app
          .get(QueryBus)
          .execute<GetEvaluationReportQuery, EvaluationReport>(
            new GetEvaluationReportQuery({ unitId: o.unit, year: Number(o.year), cutoff: o.cutoff }),
          );
        const figure = report.document.figures[figureId];
        if (!figure)
          throw new Error(`no figure ${figureId}; known: ${Object.keys(report.document.figures).join(', ')}`);
        const trace = await traceFigure(
          backend.store,
          logSqlOf(backend, 'a trace'),
          o.unit,
          figure.provenance,
        );
        await write(
          `${figure.labelZh} = ${figure.display} ${figure.unitZh} (exact ${figure.exact}) from ${figure.provenance.view} ${figure.provenance.selector}\n`,
        );
        if (trace.kind === 'derived') await write(`derived from: ${trace.inputs.join(', ')}\n`);
        for (const e of trace.events) {
          await write(
            `${e.position.padStart(8)} ${e.recordedAt} ${e.principal}/${e.role} ${e.type} ${e.delta ?? ''} ${e.summary}\n`,
          );
        }
        if (trace.total !== null) await write(`Σ ${trace.total} over ${trace.events.length} events\n`);
        if (trace.note) await write(`${trace.note}\n`);
        await record(backend, auditor(), {
          action: 'trace',
          unitId: o.unit,
          parameters: { figureId, year: o.year, cutoff: o.cutoff },
          outcome: { events: trace.events.length },
        });
      });
    });

  audit
    .command('who')
    .description('who posted what in a recording-time window')
    .option('--unit <unitId>', 'only records of this unit')
    .requiredOption('--from <date>', 'first recording day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last recording day, YYYY-MM-DD')
    .option('--verbose', 'list every event too')
    .action(async (o: { unit?: string; from: string; to: string; verbose?: boolean }) => {
      await withRuntime(async ({ backend }) => {
        const who = await whoPosted(logSqlOf(backend, 'audit who'), {
          unitId: o.unit,
          from: o.from,
          to: o.to,
        });
        const lines = [
          `recorded ${o.from}..${o.to} (Asia/Shanghai)${o.unit ? `, unit ${o.unit}` : ''}: ${who.total} events`,
          ...who.counts.map(
            (c) => `  ${c.principal.padEnd(20)} ${c.role.padEnd(15)} ${c.type.padEnd(28)} ${c.count}`,
          ),
        ];
        await write(`${lines.join('\n')}\n`);
        if (o.verbose) {
          for await (const batch of eventsRecordedIn(logSqlOf(backend, 'audit who'), {
            ...recordingWindow(o.from, o.to),
            unitId: o.unit,
          }))
            await write(
              batch
                .map(
                  (e) =>
                    `#${e.position}  ${e.recordedAt.toISOString()}  ${e.principal} (${e.role})  ${e.type}  ${e.streamId}\n`,
                )
                .join(''),
            );
        }
        await record(backend, auditor(), {
          action: 'who',
          unitId: o.unit ?? null,
          parameters: { from: o.from, to: o.to },
          outcome: { total: who.total },
        });
      });
    });

  audit
    .command('late-changes')
    .description('events recorded after a moment that touch a business period: late postings and corrections')
    .requiredOption(
      '--after <date|instant>',
      'the moment (a report’s issue time); a date means the end of that day',
    )
    .requiredOption('--from <date>', 'first business day of the period')
    .requiredOption('--to <date>', 'last business day of the period')
    .option('--unit <unitId>', 'only this unit')
    .action(async (o: { after: string; from: string; to: string; unit?: string }) => {
      const after = parseAsOf(o.after).cutoff;
      recordingWindow(o.from, o.to);
      await withRuntime(async ({ backend }) => {
        let count = 0;
        for await (const batch of lateChanges(logSqlOf(backend, 'audit late'), {
          after,
          from: o.from,
          to: o.to,
          unitId: o.unit,
        })) {
          count += batch.length;
          await write(
            batch
              .map(
                (e) =>
                  `#${e.position}  recorded ${e.recordedAt.toISOString()} by ${e.principal} (${e.role})  ${e.type}  business ${e.businessDate}  ${e.streamId}\n`,
              )
              .join(''),
          );
        }
        await write(`${count} events recorded after ${after.toISOString()} touch ${o.from}..${o.to}\n`);
        await record(backend, auditor(), {
          action: 'late-changes',
          unitId: o.unit ?? null,
          parameters: { after: after.toISOString(), from: o.from, to: o.to },
          outcome: { events: count },
        });
      });
    });

  audit
    .command('verify')
    .description('recompute every content hash, stream chain, stream head and seal; exit code 1 when broken')
    .option('--all', 'list every broken link, not only the first twenty')
    .action(async (o: { all?: boolean }) => {
      await withRuntime(async ({ backend }) => {
        const outcome = await verifyLedger(backend, {
          onProgress: progress('verify'),
        });
        await write(formatVerify(outcome, o.all));
        const first = outcome.report.firstBroken;
        await record(backend, auditor(), {
          action: 'verify',
          unitId: null,
          parameters: {},
          outcome: {
            ok: outcome.report.ok,
            eventsChecked: outcome.report.eventsChecked,
            broken: outcome.report.broken.length,
            firstBroken: first ? `${first.reason} at ${first.position ?? first.streamId}` : null,
          },
        });
        if (!outcome.report.ok) process.exitCode = 1;
      });
    });

  audit
    .command('export')
    .description('events recorded in a window as NDJSON on stdout, ending with a manifest line')
    .requiredOption('--from <date>', 'first recording day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last recording day, YYYY-MM-DD')
    .option('--unit <unitId>', 'only records of this unit')
    .action(async (o: { from: string; to: string; unit?: string }) => {
      const window = recordingWindow(o.from, o.to);
      await withRuntime(async ({ backend }) => {
        const principal = auditor();
        const log = logSqlOf(backend, 'audit export');
        const [row] = await log.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM events WHERE recorded_at >= $1 AND recorded_at <= $2${o.unit ? ' AND unit_id = $3' : ''}`,
          o.unit ? [window.from, window.to, o.unit] : [window.from, window.to],
        );
        const total = Number(row?.n ?? 0);
        const bar = progress('export');
        const manifest = await exportEvents(
          log,
          {
            from: o.from,
            to: o.to,
            unitId: o.unit,
            exportedBy: principal.id,
            onProgress: (n) => bar(n, total),
          },
          write,
        );
        bar(manifest.count, manifest.count);
        process.stderr.write(
          `exported ${manifest.count} events, positions ${manifest.firstPosition}–${manifest.lastPosition}, sha256 ${manifest.sha256}\n`,
        );
        await record(backend, principal, {
          action: 'export',
          unitId: o.unit ?? null,
          parameters: { from: o.from, to: o.to },
          outcome: {
            count: manifest.count,
            firstPosition: manifest.firstPosition,
            lastPosition: manifest.lastPosition,
            sha256: manifest.sha256,
            sealRoot: manifest.sealRoot,
          },
        });
      });
    });

  audit
    .command('import-check <file>')
    .description('verify an export offline (no database): hashes, chains, manifest, seals')
    .action(async (file: string) => {
      const bar = progress('import-check (bytes)');
      const report = await checkExportFile(file, (_lines, bytes, totalBytes) => bar(bytes, totalBytes));
      await write(formatImportCheck(report));
      if (!report.ok) process.exitCode = 1;
    });

  audit
    .command('drop-scratch [schemas...]')
    .description('drop replay scratch schemas (all of them with --all)')
    .option('--all', 'every audit_* scratch schema')
    .action(async (schemas: string[], o: { all?: boolean }) => {
      await withRuntime(async ({ backend }) => {
        const names = o.all ? await listScratchSchemas(backend.sql) : schemas;
        for (const s of names) await dropScratchSchema(backend.sql, s);
        await write(names.length ? `dropped ${names.join(', ')}\n` : 'no scratch schemas\n');
      });
    });
}

function replaySummary(r: ReplayResult): object {
  return {
    basis: r.asOf.basis,
    date: r.asOf.date,
    cutoff: r.asOf.cutoff.toISOString(),
    description: r.basisDescription,
    unitId: r.unitId,
    headPosition: r.headPosition.toString(),
    eventsRead: r.eventsRead,
    eventsFolded: r.eventsFolded,
    tables: r.tables,
  };
}
