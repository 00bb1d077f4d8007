import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { EnterpriseCreateSchema, EnterpriseListQuerySchema, EnterpriseSchema, EnterpriseUpdateSchema, ExportFormatSchema, HistoryEntrySchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { idParam, json, jsonBody, problems } from '../../http/route-helpers.ts'
import { createEnterprise, enterpriseHistory, exportEnterprises, getEnterprise, listEnterprises, updateEnterprise } from './service.ts'

const tags = ['enterprises']
const security = [{ bearer: [] }]
const errs = problems({ 401: 'Not logged in', 404: 'Missing or out of scope', 422: 'Invalid input' })

const listRoute = createRoute({
  method: 'get', path: '/enterprises', tags, security, summary: 'List enterprises in scope', request: { query: EnterpriseListQuerySchema },
  responses: { 200: json(pageOf(EnterpriseSchema), 'A page'), 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/enterprises/export', tags, security, summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
  request: { query: EnterpriseListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/enterprises/{id}', tags, security, summary: 'One enterprise', request: { params: idParam },
  responses: { 200: json(EnterpriseSchema, 'The enterprise'), ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/enterprises', tags, security, summary: 'Register an enterprise (credit code checked with GB 32100; duplicates → 409)',
  request: jsonBody(EnterpriseCreateSchema),
  responses: { 201: json(EnterpriseSchema, 'Created'), ...problems({ 403: 'Not allowed', 409: 'Credit code already registered' }), ...errs },
})
const updateRoute = createRoute({
  method: 'patch', path: '/enterprises/{id}', tags, security, summary: 'Update an enterprise (the enterprise itself: contact and industry)',
  request: { params: idParam, ...jsonBody(EnterpriseUpdateSchema) },
  responses: { 200: json(EnterpriseSchema, 'Updated'), ...problems({ 403: 'Not allowed', 409: 'Duplicate credit code' }), ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/enterprises/{id}/history', tags, security, summary: 'Change history: who, when, old → new', request: { params: idParam },
  responses: { 200: json(z.array(HistoryEntrySchema), 'Newest first'), ...errs },
})

export const enterpriseRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listEnterprises(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const f = await exportEnterprises(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getEnterprise(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createEnterprise(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateEnterprise(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(historyRoute, async (c) => c.json(await enterpriseHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
