import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training sessions as held, and the count of live lower-bound records behind each day's measure. */
export class TrainingViews1764000022000 implements MigrationInterface {
  name = 'TrainingViews1764000022000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_sessions (
        unit_id               text NOT NULL,
        session_id            text NOT NULL,
        squad_id              text NOT NULL,
        held_on               date NOT NULL,
        kind                  text NOT NULL,
        participants          integer NOT NULL,
        participants_at_least boolean NOT NULL,
        instructors           integer,
        days                  integer NOT NULL,
        units_covered         integer,
        title                 text NOT NULL,
        status                text NOT NULL,
        PRIMARY KEY (unit_id, session_id)
      )`);
    await q.query(`
      CREATE TABLE activity_count_bounds (
        unit_id  text NOT NULL,
        squad_id text NOT NULL,
        day      date NOT NULL,
        measure  text NOT NULL,
        records  integer NOT NULL,
        PRIMARY KEY (unit_id, day, measure, squad_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE activity_count_bounds');
    await q.query('DROP TABLE training_sessions');
  }
}
