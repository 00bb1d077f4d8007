import { createRoute, z } from '@hono/zod-openapi'
import { PageQuerySchema, RegionDetailSchema, RegionSchema, pageOf } from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { json, problems } from '../../http/route-helpers.ts'
import { getRegion, listRegions } from './service.ts'

const code = z.string().regex(/^\d{2,12}$/)

const listRoute = createRoute({
  method: 'get',
  path: '/regions',
  tags: ['regions'],
  summary: 'List regions: children of `parent`, or names matching `q` (optionally `within` a subtree)',
  request: {
    query: PageQuerySchema.extend({
      parent: code.optional().openapi({ example: '3311' }),
      q: z.string().trim().min(1).max(50).optional().openapi({ example: '青田' }),
      within: code.optional().openapi({ example: '331126' }),
    }),
  },
  responses: {
    200: json(pageOf(RegionSchema), 'A page of regions'),
    ...problems({ 422: 'Invalid query' }),
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/regions/{code}',
  tags: ['regions'],
  summary: 'One region with the path of its ancestors',
  request: { params: z.object({ code: code.openapi({ example: '331126' }) }) },
  responses: {
    200: json(RegionDetailSchema, 'The region'),
    ...problems({ 404: 'No such region', 422: 'Invalid code' }),
  },
})

export const regionRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listRegions(c.var.db, c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getRegion(c.var.db, c.req.valid('param').code), 200))
