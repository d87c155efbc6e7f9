// ESLint flat config. The rule that matters most: pipelines/ stays pure (no I/O clients, no workers/).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const IO_PACKAGES = ['kafkajs', 'pg', 'pg-*', 'ioredis', 'bullmq', '@aws-sdk/*', '@clickhouse/*', '@confluentinc/*', 'pino', 'prom-client'];

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.stack/**', 'coverage/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Regex-heavy recognizers escape '-' and '/' inside classes on purpose: the intent stays
      // obvious when a class is later extended. Not a correctness rule.
      'no-useless-escape': 'off',
    },
  },
  {
    files: ['pipelines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IO_PACKAGES, message: 'pipelines/ is pure: do I/O in workers/.' },
            { group: ['**/workers/**', '../workers/*', '../../workers/*'], message: 'imports go one way: workers → pipelines → schemas.' },
          ],
        },
      ],
    },
  },
  {
    files: ['schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/pipelines/**', '**/workers/**'], message: 'schemas/ imports nothing of ours.' }] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
