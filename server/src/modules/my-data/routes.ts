import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problemResponses } from '../../http/route-helpers.ts'
import { myViews } from './service.ts'

const { 401: unauthenticated, 403: forbidden } = problemResponses
const ViewSchema = z
  .object({ at: z.string(), who: z.string(), role: z.string(), action: z.string(), reason: z.string().nullable() })
  .meta({ id: 'RecordView' })

const viewsRoute = createRoute({
  method: 'get', path: '/me/views', tags: ['me'], security: bearer,
  summary: "Who looked at the worker's own record (lists, reads, exports, reveals with their reason), newest first, the last 50",
  responses: { 200: json(z.array(ViewSchema), 'Views'), 401: unauthenticated, 403: forbidden },
})

export const myDataRoutes = createRouter().openapi(viewsRoute, async (c) => c.json(await myViews(c.var.db, c.var.caller), 200))
