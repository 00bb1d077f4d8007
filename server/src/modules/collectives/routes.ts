import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { CollectiveCreateSchema, CollectiveListQuerySchema, CollectiveSchema, CollectiveUpdateSchema, ExportFormatSchema, HistoryEntrySchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { collectiveHistory, createCollective, exportCollectives, getCollective, listCollectives, updateCollective } from './service.ts'

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
