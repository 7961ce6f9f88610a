// Decides once which databases the integration and e2e tests run against, and says so.
const { Client } = require('pg');

module.exports = async function globalSetup() {
  if (process.env.LEDGER_TEST_BACKENDS_DECIDED) return;
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  let reachable = false;
  try {
    await client.connect();
    await client.query('SELECT 1');
    reachable = true;
  } catch (error) {
    if (process.env.LEDGER_REQUIRE_POSTGRES === '1') {
      throw new Error(`LEDGER_REQUIRE_POSTGRES=1 but PostgreSQL at ${url} does not answer: ${error.message}`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  process.env.LEDGER_TEST_BACKENDS_DECIDED = '1';
  if (reachable) {
    process.env.LEDGER_TEST_PG_URL = url;
    console.log(
      `\n[ledger tests] databases: PostgreSQL at ${url.replace(/:[^:@/]+@/, ':***@')} and PGlite (embedded)`,
    );
  } else {
    delete process.env.LEDGER_TEST_PG_URL;
    console.log(
      '\n[ledger tests] databases: PGlite (embedded) only — no PostgreSQL answered on 127.0.0.1:5432',
    );
  }
};
