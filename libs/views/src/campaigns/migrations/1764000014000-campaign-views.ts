import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-campaign totals and checkpoint periods. */
export class CampaignViews1764000014000 implements MigrationInterface {
  name = 'CampaignViews1764000014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_totals (
        unit_id          text NOT NULL,
        campaign_id      text NOT NULL,
        name             text NOT NULL,
        kind             text NOT NULL,
        launched_on      date NOT NULL,
        closed_on        date,
        operations       integer NOT NULL,
        officers         bigint NOT NULL,
        vehicles_checked bigint NOT NULL,
        violations_found bigint NOT NULL,
        PRIMARY KEY (unit_id, campaign_id)
      )`);
    await q.query(`
      CREATE TABLE checkpoint_periods (
        unit_id       text NOT NULL,
        checkpoint_id text NOT NULL,
        from_date     date NOT NULL,
        to_date       date NOT NULL,
        squad_id      text NOT NULL,
        purpose       text NOT NULL,
        location      text NOT NULL,
        hours_per_day integer NOT NULL,
        PRIMARY KEY (unit_id, checkpoint_id, from_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checkpoint_periods');
    await q.query('DROP TABLE campaign_totals');
  }
}
