import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessTokens1764000001000 implements MigrationInterface {
  name = 'AccessTokens1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_tokens (
        token_id      text PRIMARY KEY,
        secret_sha256 text NOT NULL,
        principal_id  text NOT NULL,
        role          text NOT NULL,
        unit_id       text NOT NULL,
        squad_id      text,
        label         text NOT NULL DEFAULT '',
        issued_at     timestamptz NOT NULL DEFAULT now(),
        revoked_at    timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE access_tokens');
  }
}
