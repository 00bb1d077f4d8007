import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  CoverageMapSchema,
  CoverageQuerySchema,
  CoverageRowSchema,
  MountainCountySchema,
  TargetListQuerySchema,
  TargetSchema,
  TargetUpsertSchema,
} from '@gongfang/shared/programme'
import { exportFile, type ExportColumn } from '../../files/export.ts'
import { createRouter } from '../../http/router.ts'
import { bearer, json, jsonBody, problems } from '../../http/route-helpers.ts'
import * as svc from './service.ts'

const errors = problems({
  401: 'Not logged in',
  403: 'Role may not do this',
  404: 'Missing or out of scope',
  422: 'Invalid input',
})
const region = z.string().regex(/^33(\d{2}|\d{4}|\d{7}|\d{10})?$/)

const listTargets = createRoute({
  method: 'get',
  path: '/targets',
  tags: ['targets'],
  security: bearer,
  summary: 'Policy targets of the region, the regions below it and above it, each with its live value and progress',
  request: { query: TargetListQuerySchema },
  responses: { 200: json(pageOf(TargetSchema), 'A page of targets'), ...errors },
})
const putTarget = createRoute({
  method: 'put',
  path: '/targets',
  tags: ['targets'],
  security: bearer,
  summary: 'Set (create or replace) the target of a figure for a region and year',
  request: jsonBody(TargetUpsertSchema),
  responses: { 200: json(TargetSchema, 'The target with its live value'), ...errors },
})
const deleteTarget = createRoute({
  method: 'delete',
  path: '/targets/{id}',
  tags: ['targets'],
  security: bearer,
  summary: 'Remove a target',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: 'Removed' }, ...errors },
})
const CoverageListSchema = pageOf(CoverageRowSchema).extend({
  places: z.number().int().describe('Townships (or villages) in the region (after mountainOnly)'),
  covered: z.number().int(),
  missing: z.number().int(),
})
const coverage = createRoute({
  method: 'get',
  path: '/coverage',
  tags: ['targets'],
  summary:
    'Townships (or villages) of a region and whether each has an operating workshop; missingOnly=true lists the gaps (aggregates, public)',
  request: { query: CoverageQuerySchema },
  responses: { 200: json(CoverageListSchema, 'A page of places'), 404: errors[404], 422: errors[422] },
})
const coverageExport = createRoute({
  method: 'get',
  path: '/coverage/export',
  tags: ['targets'],
  security: bearer,
  summary: 'The coverage list as xlsx or CSV (staff, within scope)',
  request: {
    query: CoverageQuerySchema.omit({ page: true, pageSize: true }).extend({
      format: z.enum(['xlsx', 'csv']).default('xlsx'),
    }),
  },
  responses: {
    200: {
      description: 'The file',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
        'text/csv': { schema: z.string() },
      },
    },
    ...errors,
  },
})
const coverageMap = createRoute({
  method: 'get',
  path: '/coverage/map',
  tags: ['targets'],
  summary:
    'Coverage per child region (townships and villages covered, operating workshops) for the cockpit map (public)',
  request: { query: z.object({ region: region.default('33') }) },
  responses: { 200: json(CoverageMapSchema, 'Coverage by child region'), 404: errors[404], 422: errors[422] },
})
const mountain = createRoute({
  method: 'get',
  path: '/mountain-counties',
  tags: ['targets'],
  summary: 'The 26 mountain counties of Zhejiang (浙江山区26县) with their township coverage (public)',
  responses: { 200: json(z.array(MountainCountySchema), 'The counties') },
})

const columns: ExportColumn<Awaited<ReturnType<typeof svc.coverageAll>>[number]>[] = [
  { header: '区划代码 Code', value: (r) => r.code, text: true, width: 16 },
  { header: '名称 Name', value: (r) => r.name, width: 20 },
  { header: '县（市、区） County', value: (r) => r.countyName, width: 16 },
  { header: '山区26县 Mountain county', value: (r) => (r.mountain ? '是 yes' : '否 no') },
  { header: '运营中工坊数 Operating workshops', value: (r) => r.operatingWorkshops },
  { header: '已覆盖 Covered', value: (r) => (r.covered ? '是 yes' : '否 no') },
]

export const targetRoutes = createRouter()
  .openapi(listTargets, async (c) => c.json(await svc.listTargets(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(putTarget, async (c) => c.json(await svc.upsertTarget(c.var.db, c.var.caller, c.req.valid('json')), 200))
  .openapi(deleteTarget, async (c) => {
    await svc.deleteTarget(c.var.db, c.var.caller, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(coverage, async (c) => c.json(await svc.listCoverage(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(coverageExport, async (c) => {
    const q = c.req.valid('query')
    const { region, rows } = await svc.exportCoverage(c.var.db, c.var.caller, q)
    const name = `${q.missingOnly ? '未覆盖' : '覆盖情况'}-${q.level === 'township' ? '乡镇' : '村'}-${region}`
    const f = await exportFile(q.format, name, columns, rows)
    return c.body(f.body, 200, f.headers)
  })
  .openapi(coverageMap, async (c) => c.json(await svc.coverageMap(c.var.db, c.req.valid('query').region), 200))
  .openapi(mountain, async (c) => c.json(await svc.mountainCountyList(c.var.db), 200))
