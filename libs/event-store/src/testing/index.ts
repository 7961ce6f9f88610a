export * from './test-backends';
export * from './event-builders';
export * from './event-store.contract';
export * from './rechain';
