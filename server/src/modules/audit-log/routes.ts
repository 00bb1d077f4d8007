import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problemResponses } from '../../http/route-helpers.ts'
import { AuditEntrySchema, AuditFilterSchema, AuditQuerySchema, exportAudit, listAudit, UnusualReadSchema, unusualReadDays } from './service.ts'

const { 401: unauthenticated, 403: forbidden, 422: invalid } = problemResponses
const security = bearer

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

const unusualRoute = createRoute({
  method: 'get', path: '/audit/unusual', tags: ['audit'], security,
  summary: 'Accounts that read far more people than usual on one of the last 7 China days (GONGFANG_UNUSUAL_READS_PER_DAY, default 300, and 5× their usual day)',
  responses: { 200: json(z.array(UnusualReadSchema), 'Unusual days, most people first'), 401: unauthenticated, 403: forbidden },
})

export const auditLogRoutes = createRouter()
  .openapi(unusualRoute, async (c) => c.json(await unusualReadDays(c.var.db, c.var.caller), 200))
  .openapi(listRoute, async (c) => c.json(await listAudit(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const f = await exportAudit(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
