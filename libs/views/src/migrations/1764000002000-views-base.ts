import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Checkpoints, the unit tree, and the day-grain activity counts every count view reads. */
export class ViewsBase1764000002000 implements MigrationInterface {
  name = 'ViewsBase1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE view_projections (
        name       text PRIMARY KEY,
        version    integer NOT NULL,
        position   bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE units (
        unit_id   text PRIMARY KEY,
        parent_id text,
        name      text NOT NULL,
        kind      text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE activity_counts (
        unit_id     text NOT NULL,
        squad_id    text NOT NULL,
        day         date NOT NULL,
        measure     text NOT NULL,
        value       bigint NOT NULL,
        lower_bound boolean NOT NULL DEFAULT false,
        PRIMARY KEY (unit_id, day, measure, squad_id)
      )`);
    await q.query('CREATE INDEX activity_counts_measure_day ON activity_counts (measure, day)');
    await q.query(`
      CREATE TABLE accident_cases (
        unit_id         text NOT NULL,
        accident_id     text NOT NULL,
        squad_id        text NOT NULL,
        occurred_on     date NOT NULL,
        procedure       text NOT NULL,
        deaths          integer NOT NULL,
        injuries        integer NOT NULL,
        direct_loss_fen bigint NOT NULL,
        hit_and_run     boolean NOT NULL,
        status          text NOT NULL,
        closed_on       date,
        PRIMARY KEY (unit_id, accident_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE accident_cases');
    await q.query('DROP TABLE activity_counts');
    await q.query('DROP TABLE units');
    await q.query('DROP TABLE view_projections');
  }
}
