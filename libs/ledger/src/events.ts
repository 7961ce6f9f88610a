/**
 * The pure half of the ledger: event types and stream names, no Nest, no validators. Projections import this,
 * never the package index (which carries the command handlers).
 */
export * from './shared/event';
export * from './accidents/accident.events';
export * from './organisation/organisation.events';
export * from './tallies/qualifier';
export * from './tallies/tally.events';
export * from './hazards/hazard.events';
export * from './inspections/inspection.events';
export * from './campaigns/campaign.events';
export * from './finance/finance.events';
export * from './finance/finance.codes';
export * from './cases/case.events';
export * from './publicity/publicity.events';
export * from './training/training.events';
export * from './narrative/narrative.events';
