export { KurrentDbEventStore, connectKurrentDb } from './kurrentdb-event-store';
export { toLedgerPosition, readFrom, ledgerFilter, chunkForImport } from './kurrentdb-mapping';
