export * from './event-store.port';
export * from './errors';
export * from './hashing';
export * from './sql/sql-client';
export { SqlEventStore, EVENT_COLUMNS, toRecordedEvent, type EventRow } from './sql/sql-event-store';
export * from './backend/open-backend';
export * from './verify/verifier';
export * from './verify/sealer';
export * from './nest/backend.module';
