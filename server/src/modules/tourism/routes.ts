import { createRoute, z } from '@hono/zod-openapi'
import { FactListQuerySchema, FactWorkshopOptionSchema, TourismRecordCreateSchema, TourismRecordPageSchema, TourismRecordSchema } from '@gongfang/shared/sales'
import { audit } from '../../audit/audit.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { workshopOptions } from '../sales/workshop-access.ts'
import { createTourism, listTourism } from './service.ts'

const tags = ['tourism']
const security = [{ bearer: [] }]

const listRoute = createRoute({
  method: 'get',
  path: '/tourism-records',
  tags,
  security,
  summary: 'Agri-tourism visitors and revenue in scope, with sums over all matching rows',
  request: { query: FactListQuerySchema },
  responses: {
    200: { description: 'A page of records', content: { 'application/json': { schema: TourismRecordPageSchema } } },
    401: { description: 'Not logged in', content: problemJson },
    422: { description: 'Invalid query', content: problemJson },
  },
})
const createTourismRoute = createRoute({
  method: 'post',
  path: '/tourism-records',
  tags,
  security,
  summary: "Record an agri-tourism workshop's visitors and revenue (integer fen) for a day (operator of the workshop, or staff in scope)",
  request: { body: { content: { 'application/json': { schema: TourismRecordCreateSchema } }, required: true } },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: TourismRecordSchema } } },
    401: { description: 'Not logged in', content: problemJson },
    403: { description: 'Role may not record', content: problemJson },
    404: { description: 'Workshop missing or out of scope', content: problemJson },
    422: { description: 'Invalid input (or not an agri-tourism workshop)', content: problemJson },
  },
})
const optionsRoute = createRoute({
  method: 'get',
  path: '/tourism-records/workshops',
  tags,
  security,
  summary: 'Agri-tourism workshops the caller may record for (picker)',
  request: { query: z.object({ q: z.string().trim().min(1).max(60).optional() }) },
  responses: {
    200: { description: 'Workshops', content: { 'application/json': { schema: z.array(FactWorkshopOptionSchema) } } },
    401: { description: 'Not logged in', content: problemJson },
  },
})

export const tourismRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requireUser(c)
    return c.json((await listTourism(c.var.db, c.var.scope, c.req.valid('query'))) as never, 200)
  })
  .openapi(createTourismRoute, async (c) => {
    const user = requireRole(c, 'admin', 'staff', 'operator')
    const input = c.req.valid('json')
    const rec = await c.var.db.transaction(async (tx) => {
      const rec = await createTourism(tx, c.var.scope, user.id, input)
      await audit(tx, c.var.caller, {
        action: 'tourism.create',
        targetType: 'tourism_record',
        targetId: String(rec.id),
        regionCode: rec.regionCode,
        detail: { workshopId: input.workshopId, recordDate: input.recordDate, visitors: input.visitors, revenueFen: input.revenueFen },
      })
      return rec
    })
    return c.json(rec as never, 201)
  })
  .openapi(optionsRoute, async (c) => {
    requireUser(c)
    return c.json(await workshopOptions(c.var.db, c.var.scope, 'agritourism', c.req.valid('query').q) as never, 200)
  })
