import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Report sections, performance targets and prior-period baselines, every version kept for "as of position P". */
export class NarrativeViews1764000023000 implements MigrationInterface {
  name = 'NarrativeViews1764000023000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_sections (
        unit_id     text NOT NULL,
        year        integer NOT NULL,
        version     integer NOT NULL,
        section     text NOT NULL,
        position    bigint NOT NULL,
        paragraphs  jsonb NOT NULL,
        drafted_on  date NOT NULL,
        drafted_by  text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (unit_id, year, version)
      )`);
    await q.query(
      'CREATE INDEX report_sections_as_of ON report_sections (unit_id, year, section, position DESC)',
    );
    await q.query(`
      CREATE TABLE performance_targets (
        unit_id        text NOT NULL,
        year           integer NOT NULL,
        version        integer NOT NULL,
        indicator_code text NOT NULL,
        position       bigint NOT NULL,
        target         text NOT NULL,
        unit           text NOT NULL,
        weight         integer NOT NULL,
        recorded_by    text NOT NULL,
        recorded_at    timestamptz NOT NULL,
        PRIMARY KEY (unit_id, year, version)
      )`);
    await q.query(`
      CREATE TABLE prior_baselines (
        unit_id     text NOT NULL,
        metric      text NOT NULL,
        version     integer NOT NULL,
        position    bigint NOT NULL,
        period_from date NOT NULL,
        period_to   date NOT NULL,
        value       text NOT NULL,
        qualifier   text NOT NULL,
        source      text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (unit_id, metric, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE prior_baselines');
    await q.query('DROP TABLE performance_targets');
    await q.query('DROP TABLE report_sections');
  }
}
