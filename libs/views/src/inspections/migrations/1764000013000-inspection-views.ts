import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Inspections with their resolutions, and rectification notices. */
export class InspectionViews1764000013000 implements MigrationInterface {
  name = 'InspectionViews1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection_cases (
        unit_id       text NOT NULL,
        inspection_id text NOT NULL,
        squad_id      text NOT NULL,
        target_kind   text NOT NULL,
        target        text NOT NULL,
        conducted_on  date NOT NULL,
        issues_found  integer NOT NULL,
        resolutions   jsonb NOT NULL,
        status        text NOT NULL,
        PRIMARY KEY (unit_id, inspection_id)
      )`);
    await q.query(`
      CREATE TABLE rectification_notices (
        unit_id    text NOT NULL,
        notice_id  text NOT NULL,
        squad_id   text NOT NULL,
        issued_on  date NOT NULL,
        target_org text NOT NULL,
        reason     text NOT NULL,
        status     text NOT NULL,
        PRIMARY KEY (unit_id, notice_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rectification_notices');
    await q.query('DROP TABLE inspection_cases');
  }
}
