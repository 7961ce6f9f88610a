import { AccessTokens1764000001000 } from '@ledger/ledger';
import { ViewMigrations } from '@ledger/views';

/** Schema of every layer above the store, in order; the store's own migrations run first (open-backend.ts). */
export const migrations = [AccessTokens1764000001000, ...ViewMigrations];
