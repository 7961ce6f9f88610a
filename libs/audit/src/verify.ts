import {
  verifyLog,
  verifyThroughStore,
  type BrokenLink,
  type EventStore,
  type SqlClient,
  type VerifyOptions,
  type VerifyReport,
} from '@ledger/event-store';

export interface VerifyOutcome {
  readonly report: VerifyReport;
  readonly durationMs: number;
}

/**
 * Recomputes every content hash, every per-stream chain, every stream head and every seal: by SQL where the log is
 * in PostgreSQL or PGlite, through the store where it is in KurrentDB (no stream heads or seals to compare there).
 */
export async function verifyLedger(
  log: { readonly store: EventStore; readonly logSql: SqlClient | null },
  options: VerifyOptions = {},
): Promise<VerifyOutcome> {
  const started = Date.now();
  const report = log.logSql
    ? await verifyLog(log.logSql, options)
    : await verifyThroughStore(log.store, { batchSize: options.batchSize, onProgress: options.onProgress });
  return { report, durationMs: Date.now() - started };
}

export function describeBrokenLink(b: BrokenLink): string {
  const parts = [
    b.position !== null ? `position ${b.position}` : null,
    b.streamId !== null ? `stream ${b.streamId}` : null,
    b.streamVersion !== null ? `version ${b.streamVersion}` : null,
    b.eventId !== null ? `event ${b.eventId}` : null,
  ].filter((x): x is string => x !== null);
  return `${b.reason} at ${parts.join(', ')}: ${b.detail}`;
}

export function formatVerify({ report, durationMs }: VerifyOutcome, listAll = false): string {
  const rate = durationMs > 0 ? Math.round((report.eventsChecked / durationMs) * 1000) : report.eventsChecked;
  const timing = `(${(durationMs / 1000).toFixed(2)} s, ${rate} events/s)`;
  if (report.ok)
    return `verified ${report.eventsChecked} events in ${report.streamsChecked} streams, ${report.sealsChecked} seals ${timing}\n`;
  const lines = [
    `BROKEN: ${report.broken.length} broken link(s) in ${report.eventsChecked} events, ${report.streamsChecked} streams, ${report.sealsChecked} seals ${timing}`,
    `first broken link: ${describeBrokenLink(report.firstBroken!)}`,
  ];
  const rest = listAll ? report.broken.slice(1) : report.broken.slice(1, 20);
  for (const b of rest) lines.push(`  also ${describeBrokenLink(b)}`);
  if (report.broken.length > rest.length + 1)
    lines.push(`  … ${report.broken.length - rest.length - 1} more`);
  return `${lines.join('\n')}\n`;
}

/** JSON-safe (positions as strings) for the API. */
export function verifyJson({ report, durationMs }: VerifyOutcome): object {
  const link = (b: BrokenLink) => ({ ...b, position: b.position?.toString() ?? null });
  return {
    ok: report.ok,
    eventsChecked: report.eventsChecked,
    streamsChecked: report.streamsChecked,
    sealsChecked: report.sealsChecked,
    durationMs,
    firstBroken: report.firstBroken ? link(report.firstBroken) : null,
    broken: report.broken.slice(0, 100).map(link),
    brokenCount: report.broken.length,
  };
}
