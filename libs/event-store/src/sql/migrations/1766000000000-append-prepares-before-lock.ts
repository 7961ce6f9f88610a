import type { MigrationInterface, QueryRunner } from 'typeorm';

import { LEDGER_APPEND_1764 } from './1764000000000-event-store-schema';

/** `ledger_append` as this migration leaves it; 1767000000000 replaces it and restores it on the way down. */
export const LEDGER_APPEND_1766 = `
      CREATE OR REPLACE FUNCTION ledger_append(
        p_stream text, p_expected text, p_events jsonb,
        p_principal text, p_role text, p_unit text, p_correlation text, p_causation text)
      RETURNS TABLE (out_position bigint, out_version bigint, out_replayed boolean)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_version bigint;
        v_head    text;
        v_hash    text;
        v_count   integer;
        v_found   integer;
        v_content text[];
        v_chain   text[];
        v_now     timestamptz;
        v_stamp   text;
        v_newest  timestamptz;
        v_early   boolean;
        v_locked  boolean := false;
      BEGIN
        -- A retried append returns the first result. Appends are atomic, so probing the first id is enough; an id
        -- reused in a different append surfaces as a unique violation on insert instead.
        IF EXISTS (SELECT 1 FROM events e WHERE e.event_id = (p_events->0->>'id')::uuid) THEN
          SELECT count(*) INTO v_found FROM events e
            JOIN jsonb_array_elements(p_events) x ON e.event_id = (x->>'id')::uuid
           WHERE e.stream_id = p_stream AND e.content_hash = x->>'contentHash';
          IF v_found <> jsonb_array_length(p_events) THEN
            RAISE EXCEPTION 'idempotency conflict' USING ERRCODE = 'LD002';
          END IF;
          RETURN QUERY SELECT e.position, e.stream_version, true FROM events e
            WHERE e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) x) ORDER BY e.position;
          RETURN;
        END IF;

        v_content := ARRAY(SELECT x->>'contentHash' FROM jsonb_array_elements(p_events) x);
        v_count := cardinality(v_content);

        SELECT s.version, s.chain_hash INTO v_version, v_head FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO streams (stream_id, version, chain_hash) VALUES (p_stream, -1, '') ON CONFLICT DO NOTHING;
          SELECT s.version, s.chain_hash INTO v_version, v_head FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
        END IF;
        IF (p_expected = 'no_stream' AND v_version <> -1)
           OR (p_expected = 'exists' AND v_version = -1)
           OR (p_expected NOT IN ('any', 'no_stream', 'exists') AND p_expected::bigint <> v_version) THEN
          RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'LD001', DETAIL = v_version::text;
        END IF;

        -- A big append holds the lock longest, so it stamps and hashes before taking it and checks the stamp under
        -- it. A small one (at most 10 events: what group commit sends — GROUPED_MAX_EVENTS in sql-event-store.ts —
        -- whose group already holds the lock) stamps
        -- under the lock as before — for it the check would only add a query to the group's hold.
        v_early := v_count > 10;
        IF NOT v_early THEN
          PERFORM pg_advisory_xact_lock(72634181);
        END IF;
        -- Kept to the millisecond so a JavaScript verifier can reproduce the stamp, which is chained into the hash:
        -- a moved recording time breaks the chain.
        v_now := date_trunc('milliseconds', clock_timestamp());
        v_chain := array_fill(NULL::text, ARRAY[v_count]);
        LOOP
          v_stamp := (extract(epoch FROM v_now) * 1000)::bigint::text;
          v_hash := v_head;
          FOR i IN 1..v_count LOOP
            v_hash := encode(sha256(convert_to(v_hash || v_content[i] || v_stamp, 'UTF8')), 'hex');
            v_chain[i] := v_hash;
          END LOOP;
          UPDATE streams SET version = v_version + v_count, chain_hash = v_hash WHERE stream_id = p_stream;
          EXIT WHEN NOT v_early;
          IF NOT v_locked THEN
            PERFORM pg_advisory_xact_lock(72634181);
            v_locked := true;
          END IF;
          SELECT e.recorded_at INTO v_newest FROM events e ORDER BY e.position DESC LIMIT 1;
          EXIT WHEN v_newest IS NULL OR v_newest <= v_now;
          v_now := greatest(v_newest, date_trunc('milliseconds', clock_timestamp()));
        END LOOP;

        RETURN QUERY
        INSERT INTO events (stream_id, stream_version, event_id, type, data, schema_version, business_date,
                            recorded_at, principal, role, unit_id, correlation_id, causation_id, content_hash, chain_hash)
        SELECT p_stream, v_version + x.n, (x.e->>'id')::uuid, x.e->>'type', x.e->'data', (x.e->>'schemaVersion')::integer,
               (x.e->>'businessDate')::date, v_now, p_principal, p_role, p_unit, p_correlation, p_causation,
               v_content[x.n], v_chain[x.n]
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
         ORDER BY x.n
        RETURNING position, stream_version, false;
      END
      $fn$`;

/**
 * A big append (more than 10 events) stamps its recording time, computes its chain hashes and updates its stream row
 * before it takes the global lock, because that lock is held through COMMIT and every append of every stream queues
 * on it (bench/README.md, "append"). Under the lock it reads the newest event's recording time (one probe of the
 * position index); if that is later than its stamp — an append that stamped after it committed first, or the clock
 * stepped back — it is stamped again and its hashes recomputed there. So a big append never records an earlier time
 * than the event positioned before it, and the stamp is still chained into the hash.
 *
 * Small appends keep stamping under the lock: group commit sends them already holding it.
 * Same signature, same rows, same stored values as before; only where the work happens moved.
 */
export class AppendPreparesBeforeLock1766000000000 implements MigrationInterface {
  name = 'AppendPreparesBeforeLock1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(LEDGER_APPEND_1766);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION ledger_append(text, text, jsonb, text, text, text, text, text)');
    await q.query(LEDGER_APPEND_1764);
  }
}
