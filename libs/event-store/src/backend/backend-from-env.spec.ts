import { backendFromEnv, describeBackend } from './open-backend';

describe('backendFromEnv', () => {
  it('keeps the log beside the views unless told otherwise', () => {
    expect(backendFromEnv({})).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(backendFromEnv({ DATABASE_URL: 'postgres://h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgres://h/db',
    });
    expect(backendFromEnv({ LEDGER_STORE: 'sql', LEDGER_DATA_DIR: ':memory:' })).toEqual({
      kind: 'pglite',
      dataDir: null,
    });
  });

  it('puts the log in KurrentDB with LEDGER_STORE=kurrentdb and its connection string', () => {
    const config = backendFromEnv({
      DATABASE_URL: 'postgres://h/views',
      LEDGER_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://admin:changeit@k1:2113,k2:2113,k3:2113?tls=false',
    });
    expect(config).toEqual({
      kind: 'postgres',
      url: 'postgres://h/views',
      log: {
        kind: 'kurrentdb',
        connectionString: 'kurrentdb://admin:changeit@k1:2113,k2:2113,k3:2113?tls=false',
      },
    });
    // The password never reaches a log line.
    expect(describeBackend(config)).toBe(
      'PostgreSQL at postgres://h/views, the log in KurrentDB at kurrentdb://admin:***@k1:2113,k2:2113,k3:2113?tls=false',
    );
  });

  it('puts the log in a PostgreSQL database of its own with LEDGER_LOG_DATABASE_URL', () => {
    expect(
      backendFromEnv({ DATABASE_URL: 'postgres://h/views', LEDGER_LOG_DATABASE_URL: 'postgres://h/log' }),
    ).toEqual({
      kind: 'postgres',
      url: 'postgres://h/views',
      log: { kind: 'postgres', url: 'postgres://h/log' },
    });
  });

  it('refuses a setting it cannot honour, naming it', () => {
    expect(() => backendFromEnv({ LEDGER_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_CONNECTION_STRING/);
    expect(() => backendFromEnv({ LEDGER_STORE: 'eventstore' })).toThrow(
      /LEDGER_STORE must be sql or kurrentdb/,
    );
    expect(() =>
      backendFromEnv({
        LEDGER_STORE: 'kurrentdb',
        KURRENTDB_CONNECTION_STRING: 'kurrentdb://k1:2113',
        LEDGER_LOG_DATABASE_URL: 'postgres://h/log',
      }),
    ).toThrow(/two places/);
  });
});
