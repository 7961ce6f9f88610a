/** Projects named by what a test needs: pure (.spec), a database (.int-spec), HTTP (.e2e-spec); reliability (.rel-spec). */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const wantReliability =
  process.env.LEDGER_RELIABILITY === '1' || process.argv.some((a) => /reliability|\.rel-spec/.test(a));

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  testTimeout: 60000,
  // Two workers on two cores: most of a database test is spent waiting on PostgreSQL or PGlite, not on the CPU.
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,scripts}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
    },
    // Faults, load and hostile input against the built processes: minutes, so only `npm run test:reliability`
    // (or a path under test/reliability) brings this project in; `npm test` never does.
    ...(wantReliability
      ? [
          {
            ...shared,
            displayName: 'reliability',
            testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'],
            globalSetup: '<rootDir>/test/reliability/support/global-setup.js',
            globalTeardown: '<rootDir>/test/reliability/support/global-teardown.js',
          },
        ]
      : []),
  ],
};
