import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  ExportFormatSchema,
  HistoryEntrySchema,
  MemberAddSchema,
  MemberEndSchema,
  MemberSchema,
  SKILL_LABELS,
  WORKSHOP_STATUS_LABELS,
  WORKSHOP_TYPE_LABELS,
  WorkshopCreateSchema,
  WorkshopListQuerySchema,
  WorkshopSchema,
  WorkshopStatusChangeSchema,
  WorkshopStatusEntrySchema,
  WorkshopUpdateSchema,
} from '@gongfang/shared/registry'
import { and, eq } from 'drizzle-orm'
import { createRouter } from '../../http/router.ts'
import { ProblemError, problemJson } from '../../http/problem.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { sendExport, type ExportColumn } from '../../files/export.ts'
import { workers } from '../../db/schema/index.ts'
import { seesPersonalData, idNumberFor, phoneFor } from '../workers/privacy.ts'
import { ageOn, createWorker, lowIncomeOn, workerScope } from '../workers/service.ts'
import { historyOf } from './history.ts'
import {
  addMember,
  assertWorkshopVisible,
  changeStatus,
  createWorkshop,
  endMember,
  exportWorkshops,
  getWorkshop,
  listMembers,
  listWorkshops,
  rosterWritable,
  statusHistory,
  updateWorkshop,
  type WorkshopView,
} from './service.ts'
import { parseIdNumber } from '@gongfang/shared'
import { queryRows } from '../../db/client.ts'
import { sql } from 'drizzle-orm'

const tags = ['workshops']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid() })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}
const forbiddenResp = { 403: { description: 'Role or area not allowed', content: problemJson } }

const listRoute = createRoute({
  method: 'get', path: '/workshops', tags, security, summary: 'List workshops in scope with filters, sort and pagination',
  request: { query: WorkshopListQuerySchema },
  responses: { 200: { description: 'A page of workshops', content: json(pageOf(WorkshopSchema)) }, 401: errs[401], 422: errs[422] },
})
const exportRoute = createRoute({
  method: 'get', path: '/workshops/export', tags, security, summary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM)',
  request: { query: WorkshopListQuerySchema.omit({ page: true, pageSize: true }).extend({ format: ExportFormatSchema.default('xlsx') }) },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 401: errs[401], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/workshops/{id}', tags, security, summary: 'One workshop', request: { params: idParam },
  responses: { 200: { description: 'The workshop', content: json(WorkshopSchema) }, ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/workshops', tags, security, summary: 'Register a workshop (staff/admin, village in their area)',
  request: { body: { content: json(WorkshopCreateSchema), required: true } },
  responses: { 201: { description: 'Created', content: json(WorkshopSchema) }, ...forbiddenResp, ...errs },
})
const updateRoute = createRoute({
  method: 'patch', path: '/workshops/{id}', tags, security, summary: 'Update a workshop (operators: address, capacity, places, skills, photos only)',
  request: { params: idParam, body: { content: json(WorkshopUpdateSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(WorkshopSchema) }, ...forbiddenResp, ...errs },
})
const statusRoute = createRoute({
  method: 'post', path: '/workshops/{id}/status', tags, security, summary: 'Dated status change: planned → operating → suspended ⇄ operating → closed',
  request: { params: idParam, body: { content: json(WorkshopStatusChangeSchema), required: true } },
  responses: { 200: { description: 'Updated', content: json(WorkshopSchema) }, 409: { description: 'Transition not allowed', content: problemJson }, ...forbiddenResp, ...errs },
})
const statusHistoryRoute = createRoute({
  method: 'get', path: '/workshops/{id}/status-history', tags, security, summary: 'Dated status history', request: { params: idParam },
  responses: { 200: { description: 'Oldest first', content: json(z.array(WorkshopStatusEntrySchema)) }, ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/workshops/{id}/history', tags, security, summary: 'Change history: who, when, old → new', request: { params: idParam },
  responses: { 200: { description: 'Newest first', content: json(z.array(HistoryEntrySchema)) }, ...errs },
})
const membersRoute = createRoute({
  method: 'get', path: '/workshops/{id}/members', tags, security, summary: 'The roster (current members; `all=true` includes past ones)',
  request: { params: idParam, query: z.object({ all: z.enum(['true', 'false']).optional() }) },
  responses: { 200: { description: 'Members', content: json(z.array(MemberSchema)) }, ...errs },
})
const addMemberRoute = createRoute({
  method: 'post', path: '/workshops/{id}/members', tags, security,
  summary: 'Add to the roster: an existing worker, or a person by ID number (linked when registered under the same name, created otherwise)',
  request: { params: idParam, body: { content: json(MemberAddSchema), required: true } },
  responses: { 201: { description: 'Added', content: json(MemberSchema) }, 409: { description: 'Already a member, or ID number registered under another name', content: problemJson }, ...forbiddenResp, ...errs },
})
const endMemberRoute = createRoute({
  method: 'post', path: '/workshops/{id}/members/{memberId}/end', tags, security, summary: 'End a membership on a date',
  request: { params: z.object({ id: z.uuid(), memberId: z.coerce.number().int().positive() }), body: { content: json(MemberEndSchema), required: true } },
  responses: { 200: { description: 'Ended', content: json(z.object({ ok: z.literal(true) })) }, ...forbiddenResp, ...errs },
})

export const WORKSHOP_EXPORT_COLUMNS: ExportColumn<WorkshopView>[] = [
  { header: '名称', value: (w) => w.name, width: 30 },
  { header: '类型', value: (w) => WORKSHOP_TYPE_LABELS[w.type].zh },
  { header: '村代码', value: (w) => w.regionCode, text: true, width: 15 },
  { header: '村', value: (w) => w.regionName },
  { header: '村集体', value: (w) => w.collectiveName, width: 24 },
  { header: '负责人', value: (w) => w.operatorName },
  { header: '地址', value: (w) => w.address, width: 30 },
  { header: '经度', value: (w) => w.lng },
  { header: '纬度', value: (w) => w.lat },
  { header: '面积（平方米）', value: (w) => w.floorAreaM2 },
  { header: '日产能（件）', value: (w) => w.dailyCapacity },
  { header: '岗位数', value: (w) => w.workerPlaces },
  { header: '在册人数', value: (w) => w.memberCount },
  { header: '技能', value: (w) => w.skills.map((s) => SKILL_LABELS[s]?.zh ?? s).join('、'), width: 20 },
  { header: '状态', value: (w) => WORKSHOP_STATUS_LABELS[w.status].zh },
  { header: '开办日期', value: (w) => w.openedOn, width: 12 },
  { header: '合作企业', value: (w) => w.enterprises.map((e) => e.name).join('、'), width: 30 },
]

async function memberViews(c: { var: { db: any; scope: any; user: any } }, workshopId: string, all: boolean) {
  const full = seesPersonalData(c.var.user, c.var.scope)
  const rows = await listMembers(c.var.db, c.var.scope, workshopId, all)
  const low = new Set(
    rows.length
      ? (
          await queryRows<{ id: string }>(
            c.var.db,
            sql`select ${workers.id} as id from ${workers} where ${workers.id} in (${sql.join(rows.map((r) => sql`${r.workerId}`), sql`, `)}) and ${lowIncomeOn()}`,
          )
        ).map((r) => r.id)
      : [],
  )
  return rows.map(({ birthDate, ...r }) => ({
    ...r,
    idNumber: idNumberFor(full, r.idNumber),
    phone: phoneFor(full, r.phone),
    sex: r.sex as 'F' | 'M',
    age: ageOn(birthDate),
    lowIncome: low.has(r.workerId),
  }))
}

export const workshopRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requireUser(c)
    return c.json(await listWorkshops(c.var.db, c.var.scope, c.req.valid('query')), 200)
  })
  .openapi(exportRoute, async (c) => {
    requireUser(c)
    const { format, ...q } = c.req.valid('query')
    const rows = await exportWorkshops(c.var.db, c.var.scope, { ...q, page: 1, pageSize: 1 })
    return sendExport(c, format, '工坊名录', WORKSHOP_EXPORT_COLUMNS, rows) as never
  })
  .openapi(getRoute, async (c) => {
    requireUser(c)
    return c.json(await getWorkshop(c.var.db, c.var.scope, c.req.valid('param').id), 200)
  })
  .openapi(createRoute_, async (c) => {
    requireRole(c, 'admin', 'staff')
    const row = await c.var.db.transaction((tx) => createWorkshop(tx, c, c.req.valid('json')))
    return c.json(await getWorkshop(c.var.db, c.var.scope, row.id), 201)
  })
  .openapi(updateRoute, async (c) => {
    requireRole(c, 'admin', 'staff', 'operator')
    const { id } = c.req.valid('param')
    await c.var.db.transaction((tx) => updateWorkshop(tx, c, id, c.req.valid('json')))
    return c.json(await getWorkshop(c.var.db, c.var.scope, id), 200)
  })
  .openapi(statusRoute, async (c) => {
    requireRole(c, 'admin', 'staff')
    const { id } = c.req.valid('param')
    await c.var.db.transaction((tx) => changeStatus(tx, c, id, c.req.valid('json')))
    return c.json(await getWorkshop(c.var.db, c.var.scope, id), 200)
  })
  .openapi(statusHistoryRoute, async (c) => {
    requireUser(c)
    const { id } = c.req.valid('param')
    await assertWorkshopVisible(c.var.db, c.var.scope, id)
    return c.json(await statusHistory(c.var.db, id), 200)
  })
  .openapi(historyRoute, async (c) => {
    requireUser(c)
    const { id } = c.req.valid('param')
    await assertWorkshopVisible(c.var.db, c.var.scope, id)
    return c.json(await historyOf(c.var.db, 'workshop', id), 200)
  })
  .openapi(membersRoute, async (c) => {
    requireUser(c)
    return c.json(await memberViews(c, c.req.valid('param').id, c.req.valid('query').all === 'true'), 200)
  })
  .openapi(addMemberRoute, async (c) => {
    requireRole(c, 'admin', 'staff', 'operator')
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const m = await c.var.db.transaction(async (tx) => {
      await rosterWritable(tx, c.var.scope, id)
      let workerId = body.workerId
      if (workerId) {
        const [w] = await tx.select({ id: workers.id }).from(workers).where(and(workerScope(c.var.scope), eq(workers.id, workerId)))
        if (!w) throw new ProblemError(404, 'not-found', { zh: '农户不存在或无权查看', en: 'Worker not found' })
      } else {
        const input = body.worker!
        const idNumber = input.idNumber.trim().toUpperCase()
        const [existing] = parseIdNumber(idNumber) ? await tx.select({ id: workers.id, name: workers.name }).from(workers).where(eq(workers.idNumber, idNumber)) : []
        if (existing) {
          // The person is already registered (perhaps by another workshop): the same name links them.
          if (existing.name !== input.name.trim())
            throw new ProblemError(409, 'duplicate-id-number', { zh: '该身份证号已以其他姓名登记', en: 'This ID number is registered under another name' }, undefined, [
              { path: 'worker.idNumber', message: { zh: '身份证号与姓名不符', en: 'ID number and name do not match' } },
            ])
          workerId = existing.id
        } else {
          workerId = (await createWorker(tx, c, input, { viaRoster: c.var.scope.kind === 'operator' })).id
        }
      }
      return addMember(tx, c, id, workerId!, body.startOn)
    })
    const views = await memberViews(c, id, true)
    return c.json(views.find((v) => v.id === m.id)!, 201)
  })
  .openapi(endMemberRoute, async (c) => {
    requireRole(c, 'admin', 'staff', 'operator')
    const { id, memberId } = c.req.valid('param')
    await c.var.db.transaction((tx) => endMember(tx, c, id, memberId, c.req.valid('json').endOn))
    return c.json({ ok: true as const }, 200)
  })
