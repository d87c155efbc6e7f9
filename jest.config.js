/** Jest projects: unit (pure, no services), integration (real services), e2e (whole pipeline), faults (stack faults), fuzz (generated inputs). */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/timeout-60s.js'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/timeout-300s.js'] },
    // Not in `npm test`: `npm run test:faults` stops and restarts stack services (issue 9).
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/timeout-300s.js'] },
    // Not in `npm test`: `npm run test:fuzz` runs the generated-input suites (issue 9).
    { ...common, displayName: 'fuzz', testMatch: ['<rootDir>/test/fuzz/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/timeout-600s.js'] },
  ],
};
