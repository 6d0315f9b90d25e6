// `npm run test:reliability`: the slow suite (own PostgreSQL cluster, SIGKILLs, SIGTERM, fuzzing),
// kept out of the default `npm test`. Same transforms as the main config; files run one at a time.
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/reliability/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/reliability/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/reliability/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 600_000,
};
