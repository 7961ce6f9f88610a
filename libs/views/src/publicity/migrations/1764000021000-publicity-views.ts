import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Publicity activities as held, so a void can take back what one counted. */
export class PublicityViews1764000021000 implements MigrationInterface {
  name = 'PublicityViews1764000021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publicity_activities (
        unit_id         text NOT NULL,
        activity_id     text NOT NULL,
        squad_id        text NOT NULL,
        held_on         date NOT NULL,
        venue           text NOT NULL,
        audience        integer,
        helmets_donated integer,
        title           text NOT NULL,
        status          text NOT NULL,
        PRIMARY KEY (unit_id, activity_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE publicity_activities');
  }
}
