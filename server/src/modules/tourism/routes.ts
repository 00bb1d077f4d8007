import { createRoute, z } from '@hono/zod-openapi'
import {
  FactListQuerySchema,
  FactWorkshopOptionSchema,
  TourismRecordCreateSchema,
  TourismRecordPageSchema,
  TourismRecordSchema,
} from '@gongfang/shared/sales'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { createTourism, listTourism, tourismWorkshops } from './service.ts'

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
  summary:
    "Record an agri-tourism workshop's visitors and revenue (integer fen) for a day (operator of the workshop, or staff in scope)",
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
    422: { description: 'Invalid query', content: problemJson },
  },
})

export const tourismRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listTourism(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createTourismRoute, async (c) =>
    c.json(await createTourism(c.var.db, c.var.caller, c.req.valid('json')), 201),
  )
  .openapi(optionsRoute, async (c) =>
    c.json(await tourismWorkshops(c.var.db, c.var.caller, c.req.valid('query').q), 200),
  )
