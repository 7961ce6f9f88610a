import {
  contentHash,
  IdempotencyConflictError,
  WrongExpectedVersionError,
  type AppendOptions,
  type EventToAppend,
  type SqlClient,
} from '@ledger/event-store';

/**
 * A PROPOSAL measured by the bench, not the store's code: application-level group commit for the SQL store.
 *
 * `ledger_append` holds one advisory lock from its INSERT through COMMIT, so commits serialise and each pays its own
 * WAL flush; PostgreSQL's group commit cannot merge them. Here every append that arrives while a group is in flight
 * waits for the next group, and a group is one round trip and one transaction: `ledger_append_many` calls the
 * unchanged `ledger_append` once per append, each inside its own BEGIN … EXCEPTION block (a subtransaction), so one
 * append's conflict rolls back only that append. One lock hold and one fsync then cover the whole group, and the
 * gapless commit-order guarantee is untouched (still one lock, still held through COMMIT).
 */
export const APPEND_MANY_SQL = `
CREATE OR REPLACE FUNCTION ledger_append_many(p_appends jsonb)
RETURNS TABLE (out_index integer, out_position bigint, out_version bigint, out_replayed boolean,
               out_error text, out_detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_a jsonb;
  v_i integer := 0;
  v_state text;
  v_detail text;
BEGIN
  FOR v_a IN SELECT x FROM jsonb_array_elements(p_appends) x LOOP
    BEGIN
      RETURN QUERY SELECT v_i, r.out_position, r.out_version, r.out_replayed, NULL::text, NULL::text
        FROM ledger_append(v_a->>'stream', v_a->>'expected', v_a->'events', v_a->>'principal', v_a->>'role',
                           v_a->>'unit', v_a->>'correlation', v_a->>'causation') r;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_detail = PG_EXCEPTION_DETAIL;
      RETURN QUERY SELECT v_i, NULL::bigint, NULL::bigint, NULL::boolean, v_state, v_detail;
    END;
    v_i := v_i + 1;
  END LOOP;
END
$fn$`;

interface Pending {
  readonly streamId: string;
  readonly payload: object;
  readonly expected: string;
  readonly firstId: string;
  resolve(result: { positions: bigint[]; nextExpectedVersion: number }): void;
  reject(error: unknown): void;
}

export class GroupCommitAppender {
  private queue: Pending[] = [];
  private flushing = false;
  groups = 0;

  constructor(
    private readonly sql: SqlClient,
    private readonly maxGroup = 64,
  ) {}

  static async install(sql: SqlClient): Promise<void> {
    await sql.query(APPEND_MANY_SQL);
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<{ positions: bigint[]; nextExpectedVersion: number }> {
    const { metadata } = options;
    const payload = {
      stream: streamId,
      expected: String(options.expectedVersion),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        data: e.data,
        schemaVersion: e.schemaVersion,
        businessDate: e.businessDate,
        contentHash: contentHash({ ...e, streamId, ...metadata }),
      })),
      principal: metadata.principal,
      role: metadata.role,
      unit: metadata.unitId,
      correlation: metadata.correlationId,
      causation: metadata.causationId,
    };
    return new Promise((resolve, reject) => {
      this.queue.push({
        streamId,
        payload,
        expected: payload.expected,
        firstId: events[0]!.id,
        resolve,
        reject,
      });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        this.groups += 1;
        try {
          const rows = await this.sql.query<{
            out_index: number;
            out_position: string | null;
            out_version: string | null;
            out_error: string | null;
            out_detail: string | null;
          }>(
            'SELECT out_index, out_position::text, out_version::text, out_error, out_detail FROM ledger_append_many($1::jsonb)',
            [JSON.stringify(group.map((p) => p.payload))],
          );
          group.forEach((p, i) => {
            const mine = rows.filter((r) => r.out_index === i);
            const failed = mine.find((r) => r.out_error !== null);
            if (failed?.out_error === 'LD001')
              p.reject(
                new WrongExpectedVersionError(p.streamId, p.expected, Number(failed.out_detail ?? -1)),
              );
            else if (failed) p.reject(new IdempotencyConflictError(p.firstId));
            else
              p.resolve({
                positions: mine.map((r) => BigInt(r.out_position!)),
                nextExpectedVersion: Number(mine[mine.length - 1]!.out_version),
              });
          });
        } catch (error) {
          for (const p of group) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
