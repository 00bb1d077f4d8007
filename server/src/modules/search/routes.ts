import { createRoute, z } from '@hono/zod-openapi'
import { SearchHitSchema, SearchQuerySchema } from '@gongfang/shared/search'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problemResponses } from '../../http/route-helpers.ts'
import { search } from './service.ts'

const { 401: unauthenticated, 403: forbidden, 422: invalid } = problemResponses

const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  tags: ['search'],
  summary: 'Workshops, workers, enterprises and orders by name or code (a full ID or phone number finds a worker), within the caller’s scope; up to 5 of each',
  security: bearer,
  request: { query: SearchQuerySchema },
  responses: { 200: json(z.array(SearchHitSchema), 'Hits, grouped by kind'), 401: unauthenticated, 403: forbidden, 422: invalid },
})

export const searchRoutes = createRouter().openapi(searchRoute, async (c) => c.json(await search(c.var.db, c.var.caller, c.req.valid('query').q), 200))
