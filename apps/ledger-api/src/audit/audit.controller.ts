import { once } from 'node:events';

import { Body, Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';

import {
  diffViews,
  eventsRecordedIn,
  exportEvents,
  lateChanges,
  recordAuditAction,
  recordingWindow,
  toEnvelopeJson,
  verifyJson,
  verifyLedger,
  viewTablesOf,
  whoPosted,
  withReplay,
  type AuditActionRecord,
  type EventEnvelopeJson,
  type ReplayResult,
  type ViewsDiff,
  type WhoSummary,
} from '@ledger/audit';
import { BACKEND, logSqlOf, type Backend } from '@ledger/event-store';
import { forbidden, parseDto, type Principal } from '@ledger/ledger';
import { PROJECTIONS } from '@ledger/views';

import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { assertMayRead } from '../views/read-scope';
import {
  AsOfBodyDto,
  asOfField,
  assertWindow,
  DiffBodyDto,
  HistoryQueryDto,
  LateChangesQueryDto,
  WhoQueryDto,
  RecordingWindowQueryDto,
} from './audit.dto';

/** The unit an action is confined to: the one asked for (if the principal may read it), else the principal's own. */
function unitScope(principal: Principal, asked: string | undefined): string | undefined {
  if (asked) {
    assertMayRead(principal, asked);
    return asked;
  }
  return principal.unitId === '*' ? undefined : principal.unitId;
}

function replaySummary(r: ReplayResult) {
  return {
    basis: r.asOf.basis,
    date: r.asOf.date,
    cutoff: r.asOf.cutoff.toISOString(),
    description: r.basisDescription,
    unitId: r.unitId,
    headPosition: r.headPosition.toString(),
    eventsRead: r.eventsRead,
    eventsFolded: r.eventsFolded,
    durationMs: r.durationMs,
    tables: r.tables,
  };
}

/**
 * 审计 — the auditor's door. Everything here reads: the log, the live views, or a scratch replay that is dropped
 * before the response. The one write is the record of the action itself (AuditActionPerformed, by the caller).
 */
@Controller('api/v1/audit')
@Roles('auditor')
export class AuditController {
  private readonly logger = new Logger('audit');

  constructor(@Inject(BACKEND) private readonly backend: Backend) {}

  private record(principal: Principal, action: AuditActionRecord) {
    return recordAuditAction(this.backend.store, principal, action);
  }

  /** Rebuilds every view as of a moment into a scratch schema, reports what it holds, and drops it. */
  @Post('replay')
  @HttpCode(200)
  async replay(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const q = await parseDto(AsOfBodyDto, body);
    const asOf = asOfField('asOf', q.asOf, q.basis);
    const unitId = unitScope(principal, q.unit);
    const replay = await withReplay(this.backend, { asOf, unitId }, async (r) => replaySummary(r));
    await this.record(principal, {
      action: 'replay',
      unitId: unitId ?? null,
      parameters: { asOf: q.asOf, basis: asOf.basis },
      outcome: { eventsFolded: replay.eventsFolded, headPosition: replay.headPosition },
    });
    return { replay };
  }

  /** Replays as of a moment and compares with the live views, row by row; "identical" or the differences. */
  @Post('diff')
  @HttpCode(200)
  async diff(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ replay: ReturnType<typeof replaySummary>; diff: ViewsDiff }> {
    const q = await parseDto(DiffBodyDto, body);
    const asOf = asOfField('asOf', q.asOf, q.basis);
    const unitId = unitScope(principal, q.unit);
    const result = await withReplay(this.backend, { asOf, unitId }, async (r) => ({
      replay: replaySummary(r),
      diff: await diffViews(this.backend.sql, r.schema, viewTablesOf(PROJECTIONS), {
        unitId,
        limit: q.limit,
      }),
    }));
    await this.record(principal, {
      action: 'diff',
      unitId: unitId ?? null,
      parameters: { asOf: q.asOf, basis: asOf.basis },
      outcome: {
        identical: result.diff.identical,
        differences: result.diff.tables
          .filter((t) => t.added + t.removed + t.changed > 0)
          .map((t) => ({ table: t.table, added: t.added, removed: t.removed, changed: t.changed })),
      },
    });
    return result;
  }

  /** Every event of a stream with its whole envelope, a page at a time. */
  @Get('history/:streamId')
  async history(
    @Param('streamId') streamId: string,
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ streamId: string; events: EventEnvelopeJson[]; nextFromVersion: number | null }> {
    const q = await parseDto(HistoryQueryDto, query);
    const limit = Number(q.limit ?? 1000);
    const events: EventEnvelopeJson[] = [];
    let more = false;
    for await (const batch of this.backend.store.readStream(streamId, {
      fromVersion: Number(q.fromVersion ?? 0),
      maxCount: limit + 1,
    })) {
      for (const e of batch) {
        if (principal.unitId !== '*' && e.unitId !== null && e.unitId !== principal.unitId)
          throw forbidden(
            'AUTH.UNIT',
            `无权查看流 ${streamId}`,
            `principal of unit ${principal.unitId} may not read ${streamId}`,
          );
        if (events.length < limit) events.push(toEnvelopeJson(e));
        else more = true;
      }
    }
    await this.record(principal, {
      action: 'history',
      unitId: principal.unitId === '*' ? null : principal.unitId,
      parameters: { streamId, fromVersion: Number(q.fromVersion ?? 0) },
      outcome: { events: events.length },
    });
    const last = events[events.length - 1];
    return { streamId, events, nextFromVersion: more && last ? last.streamVersion + 1 : null };
  }

  /** Who posted what in a recording-time window; with verbose=true, the events too (up to limit). */
  @Get('who')
  async who(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WhoSummary & { events?: object[]; truncated?: boolean }> {
    const q = await parseDto(WhoQueryDto, query);
    assertWindow(q.from, q.to);
    const unitId = unitScope(principal, q.unit);
    const summary = await whoPosted(logSqlOf(this.backend, 'who posted'), { unitId, from: q.from, to: q.to });
    let listed: object[] | undefined;
    let truncated = false;
    if (q.verbose === 'true') {
      const limit = Number(q.limit ?? 1000);
      listed = [];
      outer: for await (const batch of eventsRecordedIn(logSqlOf(this.backend, 'who posted'), {
        ...recordingWindow(q.from, q.to),
        unitId,
      })) {
        for (const e of batch) {
          if (listed.length >= limit) {
            truncated = true;
            break outer;
          }
          listed.push({
            position: e.position.toString(),
            recordedAt: e.recordedAt.toISOString(),
            principal: e.principal,
            role: e.role,
            type: e.type,
            streamId: e.streamId,
          });
        }
      }
    }
    await this.record(principal, {
      action: 'who',
      unitId: unitId ?? null,
      parameters: { from: q.from, to: q.to, verbose: q.verbose === 'true' },
      outcome: { total: summary.total },
    });
    return listed ? { ...summary, events: listed, truncated } : summary;
  }

  /** Events recorded after a moment that touch a business period (late postings, corrections), with who posted them. */
  @Get('late-changes')
  async lateChanges(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    const q = await parseDto(LateChangesQueryDto, query);
    assertWindow(q.from, q.to);
    const after = asOfField('after', q.after).cutoff;
    const unitId = unitScope(principal, q.unit);
    const limit = Number(q.limit ?? 1000);
    const events: EventEnvelopeJson[] = [];
    let truncated = false;
    outer: for await (const batch of lateChanges(logSqlOf(this.backend, 'late changes'), {
      after,
      from: q.from,
      to: q.to,
      unitId,
    })) {
      for (const e of batch) {
        if (events.length >= limit) {
          truncated = true;
          break outer;
        }
        events.push(toEnvelopeJson(e));
      }
    }
    await this.record(principal, {
      action: 'late-changes',
      unitId: unitId ?? null,
      parameters: { after: after.toISOString(), from: q.from, to: q.to },
      outcome: { events: events.length, truncated },
    });
    return { after: after.toISOString(), from: q.from, to: q.to, unitId: unitId ?? null, events, truncated };
  }

  /** Recomputes every hash, chain, head and seal of the whole log; says only whether and where it is broken. */
  @Get('verify')
  async verify(@CurrentPrincipal() principal: Principal): Promise<object> {
    const outcome = await verifyLedger(this.backend);
    const first = outcome.report.firstBroken;
    await this.record(principal, {
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
    return verifyJson(outcome);
  }

  /** Events recorded in a window as NDJSON, streamed batch by batch, ending with the manifest line. */
  @Get('export')
  async export(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const q = await parseDto(RecordingWindowQueryDto, query);
    assertWindow(q.from, q.to);
    const unitId = unitScope(principal, q.unit);
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="events-${q.from}-${q.to}.ndjson"`);
    const write = async (chunk: string) => {
      if (res.destroyed) throw new Error('client went away');
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    };
    try {
      const manifest = await exportEvents(
        logSqlOf(this.backend, 'export'),
        { from: q.from, to: q.to, unitId, exportedBy: principal.id },
        write,
      );
      res.end();
      await this.record(principal, {
        action: 'export',
        unitId: unitId ?? null,
        parameters: { from: q.from, to: q.to },
        outcome: {
          count: manifest.count,
          firstPosition: manifest.firstPosition,
          lastPosition: manifest.lastPosition,
          sha256: manifest.sha256,
          sealRoot: manifest.sealRoot,
        },
      });
    } catch (error) {
      if (!res.headersSent) throw error;
      this.logger.warn(`export aborted: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
    }
  }
}
