import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `ledger_append` as this migration creates it; 1766000000000 replaces it and restores it on the way down. */
export const LEDGER_APPEND_1764 = `
      CREATE FUNCTION ledger_append(
        p_stream text, p_expected text, p_events jsonb,
        p_principal text, p_role text, p_unit text, p_correlation text, p_causation text)
      RETURNS TABLE (out_position bigint, out_version bigint, out_replayed boolean)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_version bigint;
        v_hash    text;
        v_count   integer := jsonb_array_length(p_events);
        v_found   integer;
        v_hashes  text[] := '{}';
        v_event   jsonb;
        v_now     timestamptz;
        v_stamp   text;
      BEGIN
        -- A retried append returns the first result. Appends are atomic, so probing the first id is enough; an id
        -- reused in a different append surfaces as a unique violation on insert instead.
        IF EXISTS (SELECT 1 FROM events e WHERE e.event_id = (p_events->0->>'id')::uuid) THEN
          SELECT count(*) INTO v_found FROM events e
            JOIN jsonb_array_elements(p_events) x ON e.event_id = (x->>'id')::uuid
           WHERE e.stream_id = p_stream AND e.content_hash = x->>'contentHash';
          IF v_found <> v_count THEN
            RAISE EXCEPTION 'idempotency conflict' USING ERRCODE = 'LD002';
          END IF;
          RETURN QUERY SELECT e.position, e.stream_version, true FROM events e
            WHERE e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) x) ORDER BY e.position;
          RETURN;
        END IF;

        SELECT s.version, s.chain_hash INTO v_version, v_hash FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO streams (stream_id, version, chain_hash) VALUES (p_stream, -1, '') ON CONFLICT DO NOTHING;
          SELECT s.version, s.chain_hash INTO v_version, v_hash FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
        END IF;
        IF (p_expected = 'no_stream' AND v_version <> -1)
           OR (p_expected = 'exists' AND v_version = -1)
           OR (p_expected NOT IN ('any', 'no_stream', 'exists') AND p_expected::bigint <> v_version) THEN
          RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'LD001', DETAIL = v_version::text;
        END IF;

        PERFORM pg_advisory_xact_lock(72634181);
        -- Stamped under the lock, so recording times rise with positions; kept to the millisecond so a JavaScript
        -- verifier can reproduce the stamp, which is chained into the hash: a moved recording time breaks the chain.
        v_now := date_trunc('milliseconds', clock_timestamp());
        v_stamp := (extract(epoch FROM v_now) * 1000)::bigint::text;
        FOR v_event IN SELECT x FROM jsonb_array_elements(p_events) x LOOP
          v_hash := encode(sha256(convert_to(v_hash || (v_event->>'contentHash') || v_stamp, 'UTF8')), 'hex');
          v_hashes := v_hashes || v_hash;
        END LOOP;
        RETURN QUERY
        INSERT INTO events (stream_id, stream_version, event_id, type, data, schema_version, business_date,
                            recorded_at, principal, role, unit_id, correlation_id, causation_id, content_hash, chain_hash)
        SELECT p_stream, v_version + x.n, (x.e->>'id')::uuid, x.e->>'type', x.e->'data', (x.e->>'schemaVersion')::integer,
               (x.e->>'businessDate')::date, v_now, p_principal, p_role, p_unit, p_correlation, p_causation,
               x.e->>'contentHash', v_hashes[x.n]
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
         ORDER BY x.n
        RETURNING position, stream_version, false;
        UPDATE streams SET version = v_version + v_count, chain_hash = v_hash WHERE stream_id = p_stream;
      END
      $fn$`;

/**
 * The log. `position` is gapless in commit order because `ledger_append` takes one transaction-scoped advisory lock
 * just before it inserts and holds it through COMMIT (PostgreSQL makes a transaction visible before it releases
 * its locks). A reader that asks for `position > P` therefore never passes over an event that commits later with a
 * lower position — the gap problem cannot arise, and a checkpoint is one number. The cost is that commits of
 * different streams serialise; batching amortises it (bench/README.md).
 */
export class EventStoreSchema1764000000000 implements MigrationInterface {
  name = 'EventStoreSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE streams (
        stream_id  text PRIMARY KEY,
        version    bigint NOT NULL,
        chain_hash text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE events (
        position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id      text NOT NULL,
        stream_version bigint NOT NULL,
        event_id       uuid NOT NULL,
        type           text NOT NULL,
        data           jsonb NOT NULL,
        schema_version integer NOT NULL,
        business_date  date,
        recorded_at    timestamptz NOT NULL,
        principal      text NOT NULL,
        role           text NOT NULL,
        unit_id        text,
        correlation_id text NOT NULL,
        causation_id   text,
        content_hash   text NOT NULL,
        chain_hash     text NOT NULL,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      )`);
    await q.query(`
      CREATE TABLE seals (
        seal_no            integer PRIMARY KEY,
        from_position      bigint NOT NULL,
        to_position        bigint NOT NULL,
        event_count        bigint NOT NULL,
        merkle_root        text NOT NULL,
        previous_seal_hash text NOT NULL,
        seal_hash          text NOT NULL,
        sealed_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(LEDGER_APPEND_1764);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION ledger_append(text, text, jsonb, text, text, text, text, text)');
    await q.query('DROP TABLE seals');
    await q.query('DROP TABLE events');
    await q.query('DROP TABLE streams');
  }
}
