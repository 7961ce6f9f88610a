export * from './runtime.module';
export * from './migrations';
