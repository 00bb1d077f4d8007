import { createRoute, z } from '@hono/zod-openapi'
import { JobSchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problems } from '../../http/route-helpers.ts'
import { getJob } from './service.ts'

const getRoute = createRoute({
  method: 'get', path: '/jobs/{id}', tags: ['jobs'], security: bearer,
  summary: 'Progress of a background job (large imports): state, processed, total, errors',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: json(JobSchema, 'The job'),
    ...problems({ 401: 'Not logged in', 404: 'Missing or not yours', 422: 'Invalid id' }),
  },
})

export const jobRoutes = createRouter().openapi(getRoute, async (c) => c.json(await getJob(c.var.db, c.var.caller, c.req.valid('param').id), 200))
