/**
 * The pure half of the ledger: event types and stream names, no Nest, no validators. Projections import this,
 * never the package index (which carries the command handlers).
 */
export * from './shared/event';
export * from './accidents/accident.events';
