import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { json, problemResponses } from '../../http/route-helpers.ts'
import { AuditEntrySchema, AuditFilterSchema, AuditQuerySchema, exportAudit, listAudit } from './service.ts'

const { 401: unauthenticated, 403: forbidden, 422: invalid } = problemResponses
const security = [{ bearer: [] }]

const listRoute = createRoute({
  method: 'get', path: '/audit', tags: ['audit'], security,
  summary: 'The audit log, newest first: who did what to whose data (staff: their region; admin: all); filter by account, action (or family), target and China dates',
  request: { query: AuditQuerySchema },
  responses: { 200: json(pageOf(AuditEntrySchema), 'A page of entries'), 401: unauthenticated, 403: forbidden, 422: invalid },
})
const exportRoute = createRoute({
  method: 'get', path: '/audit/export.csv', tags: ['audit'], security,
  summary: 'The filtered audit log as CSV (at most 50,000 rows); the export is itself audited',
  request: { query: AuditFilterSchema },
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: unauthenticated, 403: forbidden, 422: invalid },
})

export const auditLogRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listAudit(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const f = await exportAudit(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
