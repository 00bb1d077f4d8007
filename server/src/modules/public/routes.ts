import { createRoute } from '@hono/zod-openapi'
import { CockpitQuerySchema, PublicSummarySchema } from '@gongfang/shared/cockpit'
import { createRouter } from '../../http/router.ts'
import { json, problems } from '../../http/route-helpers.ts'
import { publicSummary } from './service.ts'
import { z } from '@hono/zod-openapi'
import { demoLoadStatus } from '../../demo/full.ts'

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
    200: json(PublicSummarySchema, 'Figures of the region and its child regions'),
    ...problems({ 404: 'No such region', 422: 'Invalid query' }),
  },
})

const DemoStatusSchema = z
  .object({
    state: z.enum(['off', 'loading', 'done', 'failed']).describe('off: not a full demo, or nothing to load'),
    percent: z.number().int().min(0).max(100),
    step: z.string().describe('The month or part being written'),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    lines: z.number().int().describe('Work-record lines the background load has written'),
  })
  .meta({ id: 'DemoLoadStatus' })

const demoStatusRoute = createRoute({
  method: 'get',
  path: '/public/demo-status',
  tags: ['public'],
  summary: 'Progress of the full demo’s background load (演示数据加载中), without login',
  description: 'On the first start of the embedded demo the server answers at once and writes two years of daily work in the background; pages show this progress until it is done. Holds no one’s data; never cached.',
  responses: { 200: json(DemoStatusSchema, 'Progress') },
})

export const publicRoutes = createRouter()
  .openapi(summaryRoute, async (c) => {
    const q = c.req.valid('query')
    c.header('Cache-Control', 'public, max-age=60')
    return c.json(await publicSummary(c.var.db, c.var.caller, q), 200)
  })
  .openapi(demoStatusRoute, (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(demoLoadStatus(), 200)
  })
