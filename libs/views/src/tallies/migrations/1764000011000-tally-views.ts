import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tallies by event id (for corrections) and per day and category (for exact lower-bound flags). */
export class TallyViews1764000011000 implements MigrationInterface {
  name = 'TallyViews1764000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tally_records (
        event_id  text PRIMARY KEY,
        unit_id   text NOT NULL,
        squad_id  text NOT NULL,
        day       date NOT NULL,
        category  text NOT NULL,
        count     bigint NOT NULL,
        qualifier text NOT NULL,
        status    text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE tally_days (
        unit_id  text NOT NULL,
        squad_id text NOT NULL,
        day      date NOT NULL,
        category text NOT NULL,
        value    bigint NOT NULL,
        at_least integer NOT NULL,
        PRIMARY KEY (unit_id, squad_id, day, category)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tally_days');
    await q.query('DROP TABLE tally_records');
  }
}
