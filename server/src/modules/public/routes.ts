import { createRoute } from '@hono/zod-openapi'
import { CockpitQuerySchema, PublicSummarySchema } from '@gongfang/shared/cockpit'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { publicSummary } from './service.ts'

const summaryRoute = createRoute({
  method: 'get',
  path: '/public/summary',
  tags: ['public'],
  summary: 'The programme’s achievements by region, without login',
  description:
    'Aggregates only, never a person’s data. Small-cell suppression: a person figure (workers employed, low-income, disabled, worker-months, wages and averages) computed from 1–4 persons is returned as null and listed in `suppressed`; the web shows "<5". Children stop at villages.',
  request: {
    query: CockpitQuerySchema.extend({
      region: CockpitQuerySchema.shape.region.meta({ example: '3311', description: 'Region code (default 33, Zhejiang)' }),
    }),
  },
  responses: {
    200: { description: 'Figures of the region and its child regions', content: { 'application/json': { schema: PublicSummarySchema } } },
    404: { description: 'No such region', content: problemJson },
    422: { description: 'Invalid query', content: problemJson },
  },
})

export const publicRoutes = createRouter().openapi(summaryRoute, async (c) => {
  const q = c.req.valid('query')
  c.header('Cache-Control', 'public, max-age=60')
  return c.json(await publicSummary(c.var.db, c.var.caller, q), 200)
})
