import { defineConfig } from 'vitest/config'

// Projects run one after another (groupOrder), each with its own workers: unit (pure, no db), the API integration suite on PGlite and again on PostgreSQL, and the browser suite.
const INT = ['server/**/*.int.test.ts']

/** The API integration suite on one database: the same files, its own global setup. */
const intProject = (name: string, groupOrder: number, db: 'pglite' | 'postgres') => ({
  test: {
    name,
    sequence: { groupOrder },
    include: INT,
    env: { GF_TEST_DB: db },
    globalSetup: [`server/test/global-setup-${db}.ts`],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
    maxWorkers: 2,
    // Each file opens its own database and app (harness.ts); a worker keeps the server's modules loaded across
    // files instead of importing them again for each (about a third of the project's time).
    isolate: false,
  },
})
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...INT, '**/*.e2e.test.ts'],
          environment: 'node',
        },
      },
      intProject('int-pglite', 1, 'pglite'),
      intProject('int-postgres', 2, 'postgres'),
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['web/e2e/global-setup.ts'],
          // The UI answers through a real server: give polled expectations time on a loaded 2-core machine.
          expect: { poll: { timeout: 15_000 } },
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
