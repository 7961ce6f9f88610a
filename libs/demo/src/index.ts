export * from './load-demo';
export * from './post-demo-record';
export * from './scale-demo';
