import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group commit: several appends in one transaction, one round trip and one WAL flush. `ledger_append` holds the
 * global advisory lock through COMMIT (positions gapless in commit order), so separate transactions can never share
 * a flush; a group does. Each append runs in its own `BEGIN … EXCEPTION` block (a subtransaction), so a conflict or
 * an idempotency clash rolls back only that append and is reported in its row, and the others commit.
 *
 * Lock order, so groups cannot deadlock with each other or with lone appends: every stream row of the group is
 * created if missing and row-locked in one sorted pass, and only then is the global lock taken — rows before the
 * global lock, as a lone `ledger_append` does. A stream created here whose append then fails stays at version -1,
 * which every reader already treats as "no stream".
 */
export class GroupAppend1765000000000 implements MigrationInterface {
  name = 'GroupAppend1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_append_many(p_appends jsonb)
      RETURNS TABLE (out_index integer, out_position bigint, out_version bigint, out_replayed boolean,
                     out_error text, out_detail text)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_a      jsonb;
        v_i      integer := 0;
        v_state  text;
        v_detail text;
      BEGIN
        INSERT INTO streams (stream_id, version, chain_hash)
          SELECT DISTINCT a->>'stream', -1::bigint, '' FROM jsonb_array_elements(p_appends) a ORDER BY 1
          ON CONFLICT DO NOTHING;
        PERFORM 1 FROM streams s
          WHERE s.stream_id IN (SELECT a->>'stream' FROM jsonb_array_elements(p_appends) a)
          ORDER BY s.stream_id FOR UPDATE;
        PERFORM pg_advisory_xact_lock(72634181);
        FOR v_a IN SELECT a FROM jsonb_array_elements(p_appends) a LOOP
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
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION ledger_append_many(jsonb)');
  }
}
