import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Criminal cases and administrative detentions as now known, so a void can take back what they counted. */
export class CasesViews1764000020000 implements MigrationInterface {
  name = 'CasesViews1764000020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE criminal_cases (
        unit_id          text NOT NULL,
        case_no          text NOT NULL,
        squad_id         text NOT NULL,
        filed_on         date NOT NULL,
        offence          text NOT NULL,
        status           text NOT NULL,
        applied_measures jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (unit_id, case_no)
      )`);
    await q.query(`
      CREATE TABLE administrative_detentions (
        unit_id    text NOT NULL,
        record_id  text NOT NULL,
        squad_id   text NOT NULL,
        imposed_on date NOT NULL,
        persons    integer NOT NULL,
        status     text NOT NULL,
        PRIMARY KEY (unit_id, record_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE administrative_detentions');
    await q.query('DROP TABLE criminal_cases');
  }
}
