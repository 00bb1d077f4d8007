import { createRoute, z } from '@hono/zod-openapi'
import { ImportKindSchema, ImportResultSchema } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { ProblemError, problemJson } from '../../http/problem.ts'
import { requireRole } from '../../auth/middleware.ts'
import { localeOf } from '../../http/locale.ts'
import { clientIp } from '../../http/client-ip.ts'
import { XLSX_TYPE } from '../../files/export.ts'
import { BACKGROUND_ROWS, importNow, prepareImport, readSheet, resultOf, writeImport, type ImportCaller } from './service.ts'
import { templateXlsx } from './template.ts'
import { mapHeaders } from './specs.ts'
import { startJob } from '../jobs/service.ts'

const tags = ['imports']
const security = [{ bearer: [] }]
const kindParam = z.object({ kind: ImportKindSchema.meta({ example: 'workers' }) })

const importRoute = createRoute({
  method: 'post', path: '/imports/{kind}', tags, security,
  summary: 'Import workers, workshops or enterprises from .xlsx or .csv (UTF-8 with/without BOM, or GBK). Atomic: every row or none.',
  description:
    'Every bad row is reported as {row, column, value, message} with the spreadsheet row number; duplicates in the file and against the database are reported. `dryRun=true` validates only. Files over 5,000 rows run as a background job: the answer is 202 with `jobId`; poll GET /jobs/{id}.',
  request: {
    params: kindParam,
    query: z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() }),
    body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true },
  },
  responses: {
    200: { description: 'Imported (imported = valid = total), or validated (dryRun / errors: imported = 0)', content: { 'application/json': { schema: ImportResultSchema } } },
    202: { description: 'Running in the background', content: { 'application/json': { schema: ImportResultSchema } } },
    401: { description: 'Not logged in', content: problemJson },
    403: { description: 'Role may not import', content: problemJson },
    413: { description: 'Too large', content: problemJson },
    422: { description: 'Unreadable file or required columns missing', content: problemJson },
  },
})

const templateRoute = createRoute({
  method: 'get', path: '/imports/{kind}/template.xlsx', tags, security, summary: 'The import template with Chinese headers and a notes sheet',
  request: { params: kindParam },
  responses: {
    200: { description: 'xlsx', content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } },
    401: { description: 'Not logged in', content: problemJson },
  },
})

const NAMES = { workers: '农户导入模板', workshops: '工坊导入模板', enterprises: '企业导入模板' }

export const importRoutes = createRouter()
  .openapi(templateRoute, async (c) => {
    requireRole(c, 'admin', 'staff')
    const { kind } = c.req.valid('param')
    return c.body(new Uint8Array(await templateXlsx(kind)), 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(NAMES[kind] + '.xlsx')}`,
    }) as never
  })
  .openapi(importRoute, async (c) => {
    const user = requireRole(c, 'admin', 'staff')
    const { kind } = c.req.valid('param')
    const q = c.req.valid('query')
    const dryRun = q.dryRun === 'true' || q.dryRun === '1'
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File))
      throw new ProblemError(422, 'validation', { zh: '请上传文件（表单字段 file）', en: 'Upload a file (form field "file")' }, undefined, [{ path: 'file', message: { zh: '必填', en: 'Required' } }])
    const sheet = await readSheet(new Uint8Array(await file.arrayBuffer()))
    const caller: ImportCaller = { user, scope: c.var.scope, locale: localeOf(c), ip: clientIp(c) }
    const db = c.var.db
    if (dryRun || sheet.rows.length <= BACKGROUND_ROWS) return c.json(await importNow(db, caller, kind, sheet, dryRun), 200)
    const { missing } = mapHeaders(kind, sheet.headers)
    if (missing.length) return c.json(await importNow(db, caller, kind, sheet, true), 200) // throws the 422 listing the columns
    const total = sheet.rows.length
    const jobId = await startJob(db, { kind: `import:${kind}`, userId: user.id, fileName: file.name, total }, async (job) => {
      // Progress: validation is the first half, writing the second.
      const p = await prepareImport(db, caller, kind, sheet, (n) => job.progress(Math.floor(n / 2)))
      if (p.errors.length) return { errors: p.errors, result: resultOf(p, false, 0, job.id), failed: true }
      job.progress(Math.floor(total / 2))
      const n = await writeImport(db, caller, p, (k) => job.progress(Math.floor(total / 2 + (k * total) / 2 / Math.max(1, p.valid.length))))
      return { errors: [], result: resultOf(p, false, n, job.id) }
    })
    return c.json({ kind, dryRun: false, total, valid: 0, imported: 0, encoding: sheet.encoding, errors: [], preview: [], jobId }, 202)
  })
