import { createRoute, z } from '@hono/zod-openapi'
import { JobSchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { getJob } from './service.ts'

const getRoute = createRoute({
  method: 'get', path: '/jobs/{id}', tags: ['jobs'], security: [{ bearer: [] }],
  summary: 'Progress of a background job (large imports): state, processed, total, errors',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } },
    401: { description: 'Not logged in', content: problemJson },
    404: { description: 'Missing or not yours', content: problemJson },
    422: { description: 'Invalid id', content: problemJson },
  },
})

export const jobRoutes = createRouter().openapi(getRoute, async (c) => c.json(await getJob(c.var.db, c.var.caller, c.req.valid('param').id), 200))
