import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, problemResponses } from '../../http/route-helpers.ts'
import { listNotices, markRead } from './service.ts'

const NoticeSchema = z
  .object({ id: z.number().int(), regionCode: z.string(), kind: z.string(), title: z.string(), createdAt: z.string(), read: z.boolean() })
  .meta({ id: 'StaffNotice' })

const { 401: unauthenticated, 403: forbidden, 404: missing, 422: invalid } = problemResponses
const listRoute = createRoute({
  method: 'get', path: '/notices', tags: ['notices'], security: bearer,
  summary: 'Notices to the staff of the caller’s region and below (e.g. a user past the hourly reveal limit)',
  responses: { 200: json(z.array(NoticeSchema), 'Notices, unread first'), 401: unauthenticated, 403: forbidden },
})
const readRoute = createRoute({
  method: 'post', path: '/notices/{id}/read', tags: ['notices'], security: bearer,
  summary: 'Mark a notice read',
  request: { params: idParam.extend({ id: z.coerce.number().int().positive() }) },
  responses: { 200: json(z.object({ id: z.number().int(), read: z.boolean() }), 'Marked'), 401: unauthenticated, 403: forbidden, 404: missing, 422: invalid },
})

export const noticeRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listNotices(c.var.db, c.var.caller), 200))
  .openapi(readRoute, async (c) => c.json(await markRead(c.var.db, c.var.caller, c.req.valid('param').id), 200))
