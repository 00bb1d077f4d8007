import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { CollectiveCreateSchema, CollectiveListQuerySchema, CollectiveSchema, CollectiveUpdateSchema, ExportFormatSchema, HistoryEntrySchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { idParam, json, jsonBody, problems } from '../../http/route-helpers.ts'
import { collectiveHistory, createCollective, exportCollectives, getCollective, listCollectives, updateCollective } from './service.ts'

const tags = ['collectives']
const security = [{ bearer: [] }]
const errs = problems({ 401: 'Not logged in', 404: 'Missing or out of scope', 422: 'Invalid input' })

const listRoute = createRoute({
  method: 'get', path: '/collectives', tags, security, summary: 'List village collectives, strong-village companies and cooperatives in scope',
  request: { query: CollectiveListQuerySchema },
  responses: { 200: json(pageOf(CollectiveSchema), 'A page'), 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/collectives/export', tags, security, summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
  request: { query: CollectiveListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/collectives/{id}', tags, security, summary: 'One collective', request: { params: idParam },
  responses: { 200: json(CollectiveSchema, 'The collective'), ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/collectives', tags, security, summary: 'Register a collective, strong-village company or cooperative',
  request: jsonBody(CollectiveCreateSchema),
  responses: { 201: json(CollectiveSchema, 'Created'), ...problems({ 403: 'Not allowed', 409: 'Duplicate credit code' }), ...errs },
})
const updateRoute = createRoute({
  method: 'patch', path: '/collectives/{id}', tags, security, summary: 'Update a collective',
  request: { params: idParam, ...jsonBody(CollectiveUpdateSchema) },
  responses: { 200: json(CollectiveSchema, 'Updated'), ...problems({ 403: 'Not allowed', 409: 'Duplicate credit code' }), ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/collectives/{id}/history', tags, security, summary: 'Change history: who, when, old → new', request: { params: idParam },
  responses: { 200: json(z.array(HistoryEntrySchema), 'Newest first'), ...errs },
})

export const collectiveRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listCollectives(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const f = await exportCollectives(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getCollective(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createCollective(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateCollective(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(historyRoute, async (c) => c.json(await collectiveHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
