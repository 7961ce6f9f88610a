import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IsOptional, Matches } from 'class-validator';

import { eventsForMeasure, type MeasureContribution } from '@ledger/audit';
import {
  BACKEND,
  EVENT_STORE,
  logSqlOf,
  type Backend,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@ledger/event-store';
import { ID_PATTERN, InputInvalidError, IsCalendarDate, parseDto, type Principal } from '@ledger/ledger';

import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { assertMayRead } from '../views/read-scope';

export class PostingsQueryDto {
  @Matches(ID_PATTERN) unit!: string;
  @IsOptional() @Matches(ID_PATTERN) squad?: string;
  @IsOptional()
  @Matches(/^([1-9]\d{0,2}|1000)$/, { message: 'limit 须为 1–1000 (must be 1–1000)' })
  limit?: string;
  /** Only events strictly before this global position: the next page. */
  @IsOptional() @Matches(/^\d{1,18}$/) before?: string;
}

export class MeasureEventsQueryDto {
  @Matches(ID_PATTERN) unit!: string;
  @Matches(/^[a-z0-9_.]{1,100}$/) measure!: string;
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
  @IsOptional() @Matches(ID_PATTERN) squad?: string;
}

export interface MeasureEvents {
  readonly unitId: string;
  readonly measure: string;
  readonly from: string;
  readonly to: string;
  /** The sum of every contribution: the count view's figure for the same unit, measure and days. */
  readonly value: string;
  readonly total: number;
  /** The first MAX_CONTRIBUTIONS contributions in log order. */
  readonly contributions: readonly MeasureContribution[];
  readonly truncated: boolean;
}

const MAX_CONTRIBUTIONS = 5000;

export interface Posting {
  readonly id: string;
  readonly position: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: JsonObject;
  readonly businessDate: string | null;
  readonly recordedAt: string;
  readonly principal: string;
  readonly role: string;
  readonly unitId: string | null;
}

export interface PostingsPage {
  readonly unitId: string;
  readonly squadId: string | null;
  /** Newest first. */
  readonly postings: readonly Posting[];
  /** Pass as `before` for the next page; null when the scan reached the start of the log. */
  readonly nextBefore: string | null;
  /** How many events of the log were looked at to fill the page. */
  readonly scanned: number;
}

/** The log is read backwards in windows of this many positions, newest window first. */
const WINDOW = 2000n;
/** A page never scans more than this much of the log: a unit with few postings answers quickly with fewer rows. */
const MAX_SCAN = 50_000n;

const toPosting = (e: RecordedEvent): Posting => ({
  id: e.id,
  position: e.position.toString(),
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  type: e.type,
  data: e.data,
  businessDate: e.businessDate,
  recordedAt: e.recordedAt.toISOString(),
  principal: e.principal,
  role: e.role,
  unitId: e.unitId,
});

/**
 * A unit's latest postings (a squad clerk sees its own squad's), and the postings behind a count — the dashboard's
 * unit view and the report's clickable figures.
 */
@Controller('api/v1/postings')
export class PostingsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BACKEND) private readonly backend: Backend,
  ) {}

  /** The events that make up an activity count over a range of days, each with how much it moved the count. */
  @Get('measure')
  @Roles('brigade_office', 'finance', 'auditor')
  async measure(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<MeasureEvents> {
    const q = await parseDto(MeasureEventsQueryDto, query);
    if (q.from > q.to)
      throw new InputInvalidError([
        { field: 'to', messages: ['结束日期不能早于开始日期 (to must not precede from)'] },
      ]);
    assertMayRead(principal, q.unit);
    const trace = await eventsForMeasure(logSqlOf(this.backend, 'a trace'), {
      unitId: q.unit,
      measure: q.measure,
      from: q.from,
      to: q.to,
      squadId: q.squad,
    });
    return {
      unitId: trace.unitId,
      measure: trace.measure,
      from: trace.from,
      to: trace.to,
      value: trace.value,
      total: trace.contributions.length,
      contributions: trace.contributions.slice(0, MAX_CONTRIBUTIONS),
      truncated: trace.contributions.length > MAX_CONTRIBUTIONS,
    };
  }

  @Get()
  async recent(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<PostingsPage> {
    const q = await parseDto(PostingsQueryDto, query);
    assertMayRead(principal, q.unit);
    const squadId = principal.role === 'squad_clerk' ? (principal.squadId ?? null) : (q.squad ?? null);
    const limit = Number(q.limit ?? 50);
    const head = await this.store.headPosition();
    let upper = q.before === undefined ? head : BigInt(q.before) - 1n;
    if (upper > head) upper = head;
    const floor = upper > MAX_SCAN ? upper - MAX_SCAN : 0n;
    const postings: Posting[] = [];
    let scanned = 0;
    while (upper > floor && postings.length < limit) {
      const lower = upper - WINDOW > floor ? upper - WINDOW : floor;
      const window: RecordedEvent[] = [];
      for await (const batch of this.store.readAll({ after: lower, upToPosition: upper, batchSize: 1000 })) {
        scanned += batch.length;
        for (const e of batch) {
          if (e.unitId !== q.unit) continue;
          if (squadId !== null && e.data.squadId !== squadId) continue;
          window.push(e);
        }
      }
      for (let i = window.length - 1; i >= 0 && postings.length < limit; i -= 1) {
        postings.push(toPosting(window[i]!));
      }
      upper = lower;
    }
    const last = postings[postings.length - 1];
    const nextBefore =
      postings.length >= limit && last ? last.position : upper > 0n ? (upper + 1n).toString() : null;
    return { unitId: q.unit, squadId, postings, nextBefore, scanned };
  }
}
