import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  ExportFormatSchema,
  HistoryEntrySchema,
  LowIncomeChangeSchema,
  RevealResultSchema,
  RevealSchema,
  SKILL_LABELS,
  WorkerCreateSchema,
  WorkerListItemSchema,
  WorkerListQuerySchema,
  WorkerSchema,
  WorkerUpdateSchema,
} from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { fenToYuan, sendExport, type ExportColumn } from '../../files/export.ts'
import { audit } from '../../audit/audit.ts'
import { historyOf } from '../workshops/history.ts'
import { seesPersonalData } from './privacy.ts'
import { assertWorkerVisible, changeLowIncome, createWorker, exportWorkers, getWorker, listWorkers, revealWorker, updateWorker, type workerView } from './service.ts'

const tags = ['workers']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid().openapi({ example: '0b7f3c1e-7a51-4d0c-9a0f-2f5d3c1b9e11' }) })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

const listRoute = createRoute({
  method: 'get', path: '/workers', tags, security,
  summary: 'List workers in scope (ID numbers and phones masked unless the role needs them)',
  request: { query: WorkerListQuerySchema },
  responses: { 200: { description: 'A page of workers', content: json(pageOf(WorkerListItemSchema)) }, 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/workers/export', tags, security,
  summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM); masking as in the list',
  request: { query: WorkerListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/workers/{id}', tags, security, summary: 'One worker with low-income periods and memberships',
  request: { params: idParam },
  responses: { 200: { description: 'The worker', content: json(WorkerSchema) }, ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/workers', tags, security,
  summary: 'Register a worker; birth date and sex are derived from the ID number; a known ID number → 409 with existingId',
  request: { body: { content: json(WorkerCreateSchema), required: true } },
  responses: {
    201: { description: 'Created', content: json(WorkerSchema) },
    403: { description: 'Village outside your area', content: problemJson },
    409: { description: 'ID number already registered (existingId set when you may see it)', content: problemJson },
    ...errs,
  },
})
const updateRoute = createRoute({
  method: 'patch', path: '/workers/{id}', tags, security, summary: 'Update a worker (the ID number cannot change)',
  request: { params: idParam, body: { content: json(WorkerUpdateSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(WorkerSchema) }, 403: { description: 'Not allowed', content: problemJson }, ...errs },
})
const lowIncomeRoute = createRoute({
  method: 'post', path: '/workers/{id}/low-income', tags, security, summary: 'Enter or leave the low-income household register on a date',
  request: { params: idParam, body: { content: json(LowIncomeChangeSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(WorkerSchema) }, 409: { description: 'Already in / not in the register', content: problemJson }, ...errs },
})
const revealRoute = createRoute({
  method: 'post', path: '/workers/{id}/reveal', tags, security,
  summary: 'Full ID number and phone of one worker; writes an audit row with the reason',
  request: { params: idParam, body: { content: json(RevealSchema), required: true } },
  responses: { 200: { description: 'Full numbers', content: json(RevealResultSchema) }, 403: { description: 'Role may not reveal', content: problemJson }, ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/workers/{id}/history', tags, security, summary: 'Change history: who, when, old → new',
  request: { params: idParam },
  responses: { 200: { description: 'Newest first', content: json(z.array(HistoryEntrySchema)) }, ...errs },
})

type W = ReturnType<typeof workerView>
const yesNo = (b: boolean) => (b ? '是' : '否')
export const WORKER_EXPORT_COLUMNS: ExportColumn<W>[] = [
  { header: '姓名', value: (w) => w.name },
  { header: '身份证号', value: (w) => w.idNumber, text: true, width: 22 },
  { header: '性别', value: (w) => (w.sex === 'F' ? '女' : '男') },
  { header: '出生日期', value: (w) => w.birthDate, width: 12 },
  { header: '年龄', value: (w) => w.age },
  { header: '手机号', value: (w) => w.phone, text: true, width: 14 },
  { header: '村代码', value: (w) => w.regionCode, text: true, width: 15 },
  { header: '村', value: (w) => w.regionName },
  { header: '家庭户', value: (w) => w.household },
  { header: '低收入农户', value: (w) => yesNo(w.lowIncome) },
  { header: '残疾等级', value: (w) => w.disabilityGrade },
  { header: '技能', value: (w) => w.skills.map((s) => SKILL_LABELS[s]?.zh ?? s).join('、'), width: 20 },
  { header: '每日可工作小时', value: (w) => w.availability?.hoursPerDay ?? null },
  { header: '加入前月收入（元）', value: (w) => fenToYuan(w.baselineMonthlyIncomeFen), width: 16 },
  { header: '收入来源', value: (w) => w.baselineSource, width: 20 },
]

export const workerRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requireUser(c)
    return c.json(await listWorkers(c.var.db, c.var.scope, c.req.valid('query'), seesPersonalData(c.var.user, c.var.scope)), 200)
  })
  .openapi(exportRoute, async (c) => {
    requireUser(c)
    const { format, ...q } = c.req.valid('query')
    const full = seesPersonalData(c.var.user, c.var.scope)
    const rows = await exportWorkers(c.var.db, c.var.scope, { ...q, page: 1, pageSize: 1 }, full)
    await audit(c.var.db, c.var.caller, { action: 'worker.export', targetType: 'worker', detail: { format, rows: rows.length, unmasked: full, filters: q } })
    return sendExport(c, format, '农户名册', WORKER_EXPORT_COLUMNS, rows) as never
  })
  .openapi(getRoute, async (c) => {
    requireUser(c)
    return c.json(await getWorker(c.var.db, c.var.scope, c.req.valid('param').id, seesPersonalData(c.var.user, c.var.scope)), 200)
  })
  .openapi(createRoute_, async (c) => {
    requireRole(c, 'admin', 'staff')
    const row = await c.var.db.transaction((tx) => createWorker(tx, c, c.req.valid('json')))
    return c.json(await getWorker(c.var.db, c.var.scope, row.id, seesPersonalData(c.var.user, c.var.scope)), 201)
  })
  .openapi(updateRoute, async (c) => {
    requireRole(c, 'admin', 'staff', 'operator')
    const { id } = c.req.valid('param')
    await c.var.db.transaction((tx) => updateWorker(tx, c, id, c.req.valid('json')))
    return c.json(await getWorker(c.var.db, c.var.scope, id, seesPersonalData(c.var.user, c.var.scope)), 200)
  })
  .openapi(lowIncomeRoute, async (c) => {
    requireRole(c, 'admin', 'staff', 'operator')
    const { id } = c.req.valid('param')
    await c.var.db.transaction((tx) => changeLowIncome(tx, c, id, c.req.valid('json')))
    return c.json(await getWorker(c.var.db, c.var.scope, id, seesPersonalData(c.var.user, c.var.scope)), 200)
  })
  .openapi(revealRoute, async (c) => {
    requireUser(c) // who may: anyone who can see the worker (scope decides; others get 404)
    const { id } = c.req.valid('param')
    return c.json(await c.var.db.transaction((tx) => revealWorker(tx, c, id, c.req.valid('json').reason)), 200)
  })
  .openapi(historyRoute, async (c) => {
    requireUser(c)
    const { id } = c.req.valid('param')
    await assertWorkerVisible(c.var.db, c.var.scope, id)
    return c.json(await historyOf(c.var.db, 'worker', id), 200)
  })
