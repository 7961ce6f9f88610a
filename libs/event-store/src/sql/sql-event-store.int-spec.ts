import { describeEventStoreContract } from '../testing/event-store.contract';
import { openTestBackend, testBackendKinds } from '../testing/test-backends';

for (const kind of testBackendKinds()) {
  describeEventStoreContract(kind === 'postgres' ? 'PostgreSQL server' : 'PGlite', async () => {
    const backend = await openTestBackend(kind);
    return { store: backend.store, sql: backend.sql, close: () => backend.close() };
  });
}
