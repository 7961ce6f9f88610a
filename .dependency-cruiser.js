/** One-way arrows: apps → evaluation/ledger/views → event-store; pure domain files stay framework-free. */
module.exports = {
  forbidden: [
    {
      name: 'event-store-knows-no-domain',
      comment:
        'The event store is infrastructure: it must not import the domain, the views, the report or any app.',
      severity: 'error',
      from: { path: '^libs/event-store' },
      to: { path: '^(libs/(ledger|views|evaluation|demo)|apps)/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'ledger-does-not-read-views',
      comment: 'The write side decides from its own streams, never from projections.',
      severity: 'error',
      from: { path: '^libs/ledger' },
      to: { path: '^libs/(views|evaluation|demo)/' },
    },
    {
      name: 'views-do-not-know-the-report',
      severity: 'error',
      from: { path: '^libs/views' },
      to: { path: '^libs/(evaluation|demo)/' },
    },
    {
      name: 'evaluation-reads-views-not-the-log',
      comment: 'The report is built from views through the QueryBus, never from the raw log.',
      severity: 'error',
      from: { path: '^libs/evaluation' },
      to: { path: '^libs/(event-store|demo)/' },
    },
    {
      name: 'pure-domain-files-are-framework-free',
      comment:
        'Events, deciders and projection folds are pure functions: no Nest, no TypeORM, no class-validator.',
      severity: 'error',
      from: { path: '\\.(events|decider|projection)\\.ts$' },
      to: { path: 'node_modules/(@nestjs|typeorm|class-validator|class-transformer)' },
    },
    {
      name: 'audit-reads-the-ledger-and-serves-no-one-below',
      comment:
        'The auditor’s library replays, verifies and exports from the log, the views and the ledger; it knows no app, and the report (which may use it to regenerate itself as of a date) is above it, not below.',
      severity: 'error',
      from: { path: '^libs/audit' },
      to: { path: '^(apps|libs/(evaluation|demo))/' },
    },
    {
      name: 'the-audited-do-not-know-the-audit',
      severity: 'error',
      from: { path: '^libs/(event-store|ledger|views)' },
      to: { path: '^libs/audit/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
