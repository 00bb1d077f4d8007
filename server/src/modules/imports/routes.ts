import { createRoute, z } from '@hono/zod-openapi'
import { ImportKindSchema, ImportResultSchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problems } from '../../http/route-helpers.ts'
import { XLSX_TYPE } from '../../files/export.ts'
import { importTemplate, runImport } from './service.ts'

const tags = ['imports']
const kindParam = z.object({ kind: ImportKindSchema.meta({ example: 'workers' }) })

const importRoute = createRoute({
  method: 'post', path: '/imports/{kind}', tags, security: bearer,
  summary: 'Import workers, workshops or enterprises from .xlsx or .csv (UTF-8 with/without BOM, or GBK). Atomic: every row or none.',
  description:
    'Every bad row is reported as {row, column, value, message} with the spreadsheet row number; duplicates in the file and against the database are reported. `dryRun=true` validates only. Files over 5,000 rows run as a background job: the answer is 202 with `jobId`; poll GET /jobs/{id}.',
  request: {
    params: kindParam,
    query: z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() }),
    body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true },
  },
  responses: {
    200: json(ImportResultSchema, 'Imported (imported = valid = total), or validated (dryRun / errors: imported = 0)'),
    202: json(ImportResultSchema, 'Running in the background'),
    ...problems({
      401: 'Not logged in',
      403: 'Role may not import',
      413: 'Too large',
      422: 'Unreadable file or required columns missing',
    }),
  },
})

const templateRoute = createRoute({
  method: 'get', path: '/imports/{kind}/template.xlsx', tags, security: bearer, summary: 'The import template with Chinese headers and a notes sheet',
  request: { params: kindParam },
  responses: {
    200: { description: 'xlsx', content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems({ 401: 'Not logged in', 403: 'Role may not import', 422: 'Unknown kind' }),
  },
})

export const importRoutes = createRouter()
  .openapi(templateRoute, async (c) => {
    const f = await importTemplate(c.var.db, c.var.caller, c.req.valid('param').kind)
    return c.body(f.body, 200, f.headers)
  })
  .openapi(importRoute, async (c) => {
    const q = c.req.valid('query')
    const file = async () => (await c.req.parseBody()).file
    const r = await runImport(c.var.db, c.var.caller, c.req.valid('param').kind, file, q.dryRun === 'true' || q.dryRun === '1')
    return r.status === 202 ? c.json(r.body, 202) : c.json(r.body, 200)
  })
