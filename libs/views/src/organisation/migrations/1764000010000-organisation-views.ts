import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Unit lifetimes and names as of a date, and headcounts as of a date. */
export class OrganisationViews1764000010000 implements MigrationInterface {
  name = 'OrganisationViews1764000010000';

  async up(q: QueryRunner): Promise<void> {
    // Nullable: a unit inserted without dates (a fixture, an import) counts as existing on every date.
    await q.query('ALTER TABLE units ADD COLUMN established_on date');
    await q.query(`ALTER TABLE units ADD COLUMN dissolved_on date`);
    await q.query('CREATE INDEX units_parent ON units (parent_id)');
    await q.query(`
      CREATE TABLE unit_names (
        unit_id    text NOT NULL,
        valid_from date NOT NULL,
        name       text NOT NULL,
        PRIMARY KEY (unit_id, valid_from)
      )`);
    await q.query(`
      CREATE TABLE unit_headcounts (
        unit_id                  text NOT NULL,
        as_of                    date NOT NULL,
        police                   integer NOT NULL,
        cadres                   integer NOT NULL,
        workers                  integer NOT NULL,
        auxiliary                integer NOT NULL,
        authorised_establishment integer,
        PRIMARY KEY (unit_id, as_of)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unit_headcounts');
    await q.query('DROP TABLE unit_names');
    await q.query('DROP INDEX units_parent');
    await q.query('ALTER TABLE units DROP COLUMN dissolved_on');
    await q.query('ALTER TABLE units DROP COLUMN established_on');
  }
}
