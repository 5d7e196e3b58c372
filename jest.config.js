/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking runs once in `npm test` (tsc --noEmit); with isolatedModules ts-jest only transpiles, which keeps
    // the suite fast.
    '^.+\\.ts$': 'ts-jest',
  },
  moduleNameMapper: { '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js' },
  // Generous on purpose: the suite must pass on a machine a few times slower or busy with other work; a test that hangs
  // still ends, and none of them asserts how fast anything is.
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/plainSummaryReporter.js'],
};
