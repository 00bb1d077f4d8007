import { createRoute, z } from '@hono/zod-openapi'
import {
  FactListQuerySchema,
  FactWorkshopOptionSchema,
  TourismRecordCreateSchema,
  TourismRecordPageSchema,
  TourismRecordSchema,
} from '@gongfang/shared/sales'
import { createRouter } from '../../http/router.ts'
import { bearer, json, jsonBody, problems, pickerRoute } from '../../http/route-helpers.ts'
import { createTourism, listTourism, tourismWorkshops } from './service.ts'

const tags = ['tourism']

const listRoute = createRoute({
  method: 'get',
  path: '/tourism-records',
  tags,
  security: bearer,
  summary: 'Agri-tourism visitors and revenue in scope, with sums over all matching rows',
  request: { query: FactListQuerySchema },
  responses: {
    200: json(TourismRecordPageSchema, 'A page of records'),
    ...problems({ 401: 'Not logged in', 422: 'Invalid query' }),
  },
})
const createTourismRoute = createRoute({
  method: 'post',
  path: '/tourism-records',
  tags,
  security: bearer,
  summary:
    "Record an agri-tourism workshop's visitors and revenue (integer fen) for a day (operator of the workshop, or staff in scope)",
  request: jsonBody(TourismRecordCreateSchema),
  responses: {
    201: json(TourismRecordSchema, 'Recorded'),
    ...problems({
      401: 'Not logged in',
      403: 'Role may not record',
      404: 'Workshop missing or out of scope',
      422: 'Invalid input (or not an agri-tourism workshop)',
    }),
  },
})
const optionsRoute = pickerRoute(
  'tourism',
  '/tourism-records/workshops',
  'Agri-tourism workshops the caller may record for (picker)',
  json(z.array(FactWorkshopOptionSchema), 'Workshops'),
)

export const tourismRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listTourism(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createTourismRoute, async (c) =>
    c.json(await createTourism(c.var.db, c.var.caller, c.req.valid('json')), 201),
  )
  .openapi(optionsRoute, async (c) =>
    c.json(await tourismWorkshops(c.var.db, c.var.caller, c.req.valid('query').q), 200),
  )
