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
          schema: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
        },
      },
    },
  },
})

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  await c.var.db.execute(sql`select 1`)
  return c.json({ status: 'ok' as const, database: c.var.dbKind, version: VERSION }, 200)
})
