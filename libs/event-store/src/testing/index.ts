export * from './test-backends';
export * from './event-builders';
export * from './collect';
export * from './event-store.contract';
export * from './rechain';
