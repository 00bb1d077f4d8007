import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { COLLECTIVE_KIND_LABELS, CollectiveCreateSchema, CollectiveListQuerySchema, CollectiveSchema, CollectiveUpdateSchema, ExportFormatSchema, HistoryEntrySchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { sendExport, type ExportColumn } from '../../files/export.ts'
import { historyOf } from '../workshops/history.ts'
import { assertCollectiveVisible, createCollective, exportCollectives, getCollective, listCollectives, updateCollective, type CollectiveView } from './service.ts'

const tags = ['collectives']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid() })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

const listRoute = createRoute({
  method: 'get', path: '/collectives', tags, security, summary: 'List village collectives, strong-village companies and cooperatives in scope',
  request: { query: CollectiveListQuerySchema },
  responses: { 200: { description: 'A page', content: json(pageOf(CollectiveSchema)) }, 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/collectives/export', tags, security, summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
  request: { query: CollectiveListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/collectives/{id}', tags, security, summary: 'One collective', request: { params: idParam },
  responses: { 200: { description: 'The collective', content: json(CollectiveSchema) }, ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/collectives', tags, security, summary: 'Register a collective, strong-village company or cooperative',
  request: { body: { content: json(CollectiveCreateSchema), required: true } },
  responses: { 201: { description: 'Created', content: json(CollectiveSchema) }, 403: { description: 'Not allowed', content: problemJson }, 409: { description: 'Duplicate credit code', content: problemJson }, ...errs },
})
const updateRoute = createRoute({
  method: 'patch', path: '/collectives/{id}', tags, security, summary: 'Update a collective',
  request: { params: idParam, body: { content: json(CollectiveUpdateSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(CollectiveSchema) }, 403: { description: 'Not allowed', content: problemJson }, 409: { description: 'Duplicate credit code', content: problemJson }, ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/collectives/{id}/history', tags, security, summary: 'Change history: who, when, old → new', request: { params: idParam },
  responses: { 200: { description: 'Newest first', content: json(z.array(HistoryEntrySchema)) }, ...errs },
})

export const COLLECTIVE_EXPORT_COLUMNS: ExportColumn<CollectiveView>[] = [
  { header: '名称', value: (r) => r.name, width: 30 },
  { header: '类别', value: (r) => COLLECTIVE_KIND_LABELS[r.kind]?.zh ?? r.kind, width: 16 },
  { header: '行政区划代码', value: (r) => r.regionCode, text: true, width: 15 },
  { header: '所在地', value: (r) => r.regionName },
  { header: '统一社会信用代码', value: (r) => r.creditCode, text: true, width: 22 },
  { header: '工坊数', value: (r) => r.workshopCount },
]

export const collectiveRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requireUser(c)
    return c.json(await listCollectives(c.var.db, c.var.scope, c.req.valid('query')), 200)
  })
  .openapi(exportRoute, async (c) => {
    requireUser(c)
    const { format, ...q } = c.req.valid('query')
    return sendExport(c, format, '村集体名录', COLLECTIVE_EXPORT_COLUMNS, await exportCollectives(c.var.db, c.var.scope, { ...q, page: 1, pageSize: 1 })) as never
  })
  .openapi(getRoute, async (c) => {
    requireUser(c)
    return c.json(await getCollective(c.var.db, c.var.scope, c.req.valid('param').id), 200)
  })
  .openapi(createRoute_, async (c) => {
    requireRole(c, 'admin', 'staff')
    const row = await c.var.db.transaction((tx) => createCollective(tx, c, c.req.valid('json')))
    return c.json(await getCollective(c.var.db, c.var.scope, row.id), 201)
  })
  .openapi(updateRoute, async (c) => {
    requireRole(c, 'admin', 'staff')
    const { id } = c.req.valid('param')
    await c.var.db.transaction((tx) => updateCollective(tx, c, id, c.req.valid('json')))
    return c.json(await getCollective(c.var.db, c.var.scope, id), 200)
  })
  .openapi(historyRoute, async (c) => {
    requireUser(c)
    const { id } = c.req.valid('param')
    await assertCollectiveVisible(c.var.db, c.var.scope, id)
    return c.json(await historyOf(c.var.db, 'collective', id), 200)
  })
