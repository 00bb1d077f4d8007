import { defineConfig } from 'vitest/config'

// Projects: unit (pure, no db), the API integration suite on PGlite and again on PostgreSQL, and the browser suite.
const INT = ['server/**/*.int.test.ts']
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...INT, '**/*.e2e.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'int-pglite',
          include: INT,
          env: { GF_TEST_DB: 'pglite' },
          globalSetup: ['server/test/global-setup-pglite.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'int-postgres',
          include: INT,
          env: { GF_TEST_DB: 'postgres' },
          globalSetup: ['server/test/global-setup-postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
})
