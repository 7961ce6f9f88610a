import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hazard cases: found, rectification requested, rectified, voided. */
export class HazardViews1764000012000 implements MigrationInterface {
  name = 'HazardViews1764000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hazard_cases (
        unit_id             text NOT NULL,
        hazard_id           text NOT NULL,
        squad_id            text NOT NULL,
        kind                text NOT NULL,
        identified_on       date NOT NULL,
        provincially_listed boolean NOT NULL,
        status              text NOT NULL,
        rectified_on        date,
        requested_on        jsonb NOT NULL,
        PRIMARY KEY (unit_id, hazard_id)
      )`);
    await q.query('CREATE INDEX hazard_cases_identified ON hazard_cases (unit_id, identified_on)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE hazard_cases');
  }
}
