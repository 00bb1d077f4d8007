import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import { EnterpriseCreateSchema, EnterpriseListQuerySchema, EnterpriseSchema, EnterpriseUpdateSchema, ExportFormatSchema, HistoryEntrySchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { sendExport, type ExportColumn } from '../../files/export.ts'
import { historyOf } from '../workshops/history.ts'
import { seesPersonalData } from '../workers/privacy.ts'
import { assertEnterpriseVisible, createEnterprise, exportEnterprises, getEnterprise, listEnterprises, updateEnterprise, type EnterpriseView } from './service.ts'

const tags = ['enterprises']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid() })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

const listRoute = createRoute({
  method: 'get', path: '/enterprises', tags, security, summary: 'List enterprises in scope', request: { query: EnterpriseListQuerySchema },
  responses: { 200: { description: 'A page', content: json(pageOf(EnterpriseSchema)) }, 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/enterprises/export', tags, security, summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
  request: { query: EnterpriseListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/enterprises/{id}', tags, security, summary: 'One enterprise', request: { params: idParam },
  responses: { 200: { description: 'The enterprise', content: json(EnterpriseSchema) }, ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/enterprises', tags, security, summary: 'Register an enterprise (credit code checked with GB 32100; duplicates → 409)',
  request: { body: { content: json(EnterpriseCreateSchema), required: true } },
  responses: { 201: { description: 'Created', content: json(EnterpriseSchema) }, 403: { description: 'Not allowed', content: problemJson }, 409: { description: 'Credit code already registered', content: problemJson }, ...errs },
})
const updateRoute = createRoute({
  method: 'patch', path: '/enterprises/{id}', tags, security, summary: 'Update an enterprise (the enterprise itself: contact and industry)',
  request: { params: idParam, body: { content: json(EnterpriseUpdateSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(EnterpriseSchema) }, 403: { description: 'Not allowed', content: problemJson }, 409: { description: 'Duplicate credit code', content: problemJson }, ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/enterprises/{id}/history', tags, security, summary: 'Change history: who, when, old → new', request: { params: idParam },
  responses: { 200: { description: 'Newest first', content: json(z.array(HistoryEntrySchema)) }, ...errs },
})

export const ENTERPRISE_EXPORT_COLUMNS: ExportColumn<EnterpriseView>[] = [
  { header: '企业名称', value: (e) => e.name, width: 30 },
  { header: '统一社会信用代码', value: (e) => e.creditCode, text: true, width: 22 },
  { header: '行政区划代码', value: (e) => e.regionCode, text: true, width: 15 },
  { header: '所在地', value: (e) => e.regionName },
  { header: '联系人', value: (e) => e.contactName },
  { header: '联系电话', value: (e) => e.contactPhone, text: true, width: 14 },
  { header: '行业', value: (e) => e.industry, width: 16 },
  { header: '合作工坊', value: (e) => e.workshops.map((w) => w.name).join('、'), width: 30 },
]

export const enterpriseRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requireUser(c)
    return c.json(await listEnterprises(c.var.db, c.var.scope, c.req.valid('query'), seesPersonalData(c.var.user, c.var.scope)), 200)
  })
  .openapi(exportRoute, async (c) => {
    requireUser(c)
    const { format, ...q } = c.req.valid('query')
    const rows = await exportEnterprises(c.var.db, c.var.scope, { ...q, page: 1, pageSize: 1 }, seesPersonalData(c.var.user, c.var.scope))
    return sendExport(c, format, '企业名录', ENTERPRISE_EXPORT_COLUMNS, rows) as never
  })
  .openapi(getRoute, async (c) => {
    requireUser(c)
    return c.json(await getEnterprise(c.var.db, c.var.scope, c.req.valid('param').id, seesPersonalData(c.var.user, c.var.scope)), 200)
  })
  .openapi(createRoute_, async (c) => {
    requireRole(c, 'admin', 'staff')
    const row = await c.var.db.transaction((tx) => createEnterprise(tx, c, c.req.valid('json')))
    return c.json(await getEnterprise(c.var.db, c.var.scope, row.id, seesPersonalData(c.var.user, c.var.scope)), 201)
  })
  .openapi(updateRoute, async (c) => {
    requireRole(c, 'admin', 'staff', 'enterprise')
    const { id } = c.req.valid('param')
    await c.var.db.transaction((tx) => updateEnterprise(tx, c, id, c.req.valid('json')))
    return c.json(await getEnterprise(c.var.db, c.var.scope, id, seesPersonalData(c.var.user, c.var.scope)), 200)
  })
  .openapi(historyRoute, async (c) => {
    requireUser(c)
    const { id } = c.req.valid('param')
    await assertEnterpriseVisible(c.var.db, c.var.scope, id)
    return c.json(await historyOf(c.var.db, 'enterprise', id), 200)
  })
