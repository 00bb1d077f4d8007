import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { createRouter } from '../../http/router.ts'
import { VERSION } from '../../version.ts'

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and database check',
  responses: {
    200: {
      description: 'Healthy',
      content: {
        'application/json': {
          schema: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            databaseState: z.enum(['ok', 'busy', 'restarting']).openapi({ description: 'busy: a statement has run for over half a second; restarting: after a statement past its time limit' }),
            version: z.string(),
          }),
        },
      },
    },
  },
})

// Liveness never waits on the database: a long report must not make the platform look dead. PostgreSQL is
// asked (its pool has other connections); embedded PGlite's state comes from its thread's watchdog.
export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  if (c.var.dbKind === 'postgres') await c.var.db.execute(sql`select 1`)
  return c.json({ status: 'ok' as const, database: c.var.dbKind, databaseState: c.var.dbState(), version: VERSION }, 200)
})
