import { createRoute, z } from '@hono/zod-openapi'
import {
  IncomeReportSchema,
  MonthSchema,
  PageQuerySchema,
  PaysheetListQuerySchema,
  PaysheetOpenSchema,
  PaysheetPaySchema,
  PaysheetSchema,
  PaysheetSummarySchema,
  PaysheetVerifySchema,
  ApprovalRuleSchema,
  ApprovalRuleSetSchema,
  pageOf,
  DeductionCreateSchema,
  DeductionRejectSchema,
  DeductionSchema,
} from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { bearer } from '../../http/route-helpers.ts'
import { problemJson } from '../../http/problem.ts'
import { idempotencyKeyOf } from '../../http/idempotency.ts'
import { decidePaysheet, listApprovalRules, lockPaysheet, openPaysheet, payPaysheet, setApprovalRule } from './service.ts'
import { getPaysheet, listPaysheets, verifyPaysheet } from './sheets.ts'
import { exportPaysheetXlsx } from './export.ts'
import { workshopIncome } from './workshop-income.ts'
import { addDeduction, approveDeduction, deleteDeduction, listDeductions, rejectDeduction } from './deductions.ts'

const id = z.object({ id: z.uuid() })
const errors = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Role may not do this', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'Wrong state (already locked, not locked, already paid)', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}
const sheetJson = { 'application/json': { schema: PaysheetSchema } }

const listRoute = createRoute({
  method: 'get',
  path: '/paysheets',
  tags: ['paysheets'],
  summary: 'Monthly pay sheets in scope (drafts with live figures); not for workers or enterprises',
  security: bearer,
  request: { query: PageQuerySchema.extend(PaysheetListQuerySchema.shape) },
  responses: { 200: { description: 'A page of sheets', content: { 'application/json': { schema: pageOf(PaysheetSummarySchema) } } }, ...errors },
})
const incomeRoute = createRoute({
  method: 'get',
  path: '/paysheets/income',
  tags: ['paysheets'],
  summary: "Per month: the workshop's income from accepted pieces (deliveries when present) vs wages on locked sheets and paid",
  security: bearer,
  request: { query: z.object({ workshopId: z.uuid(), from: MonthSchema, to: MonthSchema }) },
  responses: { 200: { description: 'Income vs wages', content: { 'application/json': { schema: IncomeReportSchema } } }, ...errors },
})
const openRoute = createRoute({
  method: 'post',
  path: '/paysheets',
  tags: ['paysheets'],
  summary: "Open (or get) the draft sheet of a workshop's month",
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: PaysheetOpenSchema } } } },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const getRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}',
  tags: ['paysheets'],
  summary: 'One sheet: per-worker lines (masked ID), adjustments linked to the original lines, total in figures and 大写',
  security: bearer,
  request: { params: id },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const lockRoute = createRoute({
  method: 'post',
  path: '/paysheets/{id}/lock',
  tags: ['paysheets'],
  summary: 'Lock a draft: lines are frozen and SHA-256 chained to the previous locked sheet of the workshop; the month never changes again',
  security: bearer,
  request: { params: id, headers: z.object({ 'idempotency-key': z.string().optional() }) },
  responses: { 200: { description: 'The locked sheet', content: sheetJson }, ...errors },
})
const payRoute = createRoute({
  method: 'post',
  path: '/paysheets/{id}/pay',
  tags: ['paysheets'],
  summary: 'Record payment (date, method, reference) of the whole sheet or of some lines',
  security: bearer,
  request: { params: id, headers: z.object({ 'idempotency-key': z.string().optional() }), body: { required: true, content: { 'application/json': { schema: PaysheetPaySchema } } } },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const verifyRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}/verify',
  tags: ['paysheets'],
  summary: "Recompute a locked sheet's hash from its stored lines and check its link to the previous sheet",
  security: bearer,
  request: { params: id },
  responses: { 200: { description: 'Verification', content: { 'application/json': { schema: PaysheetVerifySchema } } }, ...errors },
})
const exportRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}/export.xlsx',
  tags: ['paysheets'],
  summary: 'The sheet as an Excel workbook (A4, signature column, total in 大写)',
  security: bearer,
  request: { params: id },
  responses: {
    200: { description: 'xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errors,
  },
})

const decideRoute = (action: 'approve' | 'reject') =>
  createRoute({
    method: 'post',
    path: `/paysheets/{id}/${action}`,
    tags: ['paysheets'],
    summary: action === 'approve' ? 'Staff approve a submitted sheet: it is locked and hashed' : 'Staff send a submitted sheet back to draft',
    security: bearer,
    request: { params: id },
    responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
  })
const ruleRoute = createRoute({
  method: 'put',
  path: '/paysheets/approval-rules',
  tags: ['paysheets'],
  summary: "Staff require (or stop requiring) approval of pay sheets in a region of theirs: operators' locks then wait for staff",
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: ApprovalRuleSetSchema } } } },
  responses: { 200: { description: 'The rule', content: { 'application/json': { schema: ApprovalRuleSetSchema } } }, ...errors },
})

const rulesRoute = createRoute({
  method: 'get',
  path: '/paysheets/approval-rules',
  tags: ['paysheets'],
  summary: 'Approval rules in the caller’s region, and those above it that bind it (staff)',
  security: bearer,
  responses: { 200: { description: 'Rules', content: { 'application/json': { schema: z.array(ApprovalRuleSchema) } } }, ...errors },
})

const deductionId = z.object({ id: z.uuid(), deductionId: z.uuid() })
const listDeductionsRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}/deductions',
  tags: ['paysheets'],
  summary: "The sheet's deductions, each with its code, reason and status: pending (awaiting staff, blocks the lock), approved (lowers the net) or rejected (with the reason, never counts)",
  security: bearer,
  request: { params: id },
  responses: { 200: { description: 'Deductions', content: { 'application/json': { schema: z.array(DeductionSchema) } } }, ...errors },
})
const addDeductionRoute = createRoute({
  method: 'post',
  path: '/paysheets/{id}/deductions',
  tags: ['paysheets'],
  summary: "Add a deduction (code, reason, fen) to a worker's line of an open sheet; it counts once staff approve it; 422 when it would make the net negative",
  security: bearer,
  request: { params: id, body: { required: true, content: { 'application/json': { schema: DeductionCreateSchema.extend({ workerId: z.uuid() }) } } } },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const approveDeductionRoute = createRoute({
  method: 'post',
  path: '/paysheets/{id}/deductions/{deductionId}/approve',
  tags: ['paysheets'],
  summary: 'Staff approve a pending deduction entered by someone else; 422 when the net would become negative',
  security: bearer,
  request: { params: deductionId },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const rejectDeductionRoute = createRoute({
  method: 'post',
  path: '/paysheets/{id}/deductions/{deductionId}/reject',
  tags: ['paysheets'],
  summary: 'Staff reject a pending deduction entered by someone else, with a reason; it stays listed as rejected, never counts and no longer blocks the lock',
  security: bearer,
  request: { params: deductionId, body: { required: true, content: { 'application/json': { schema: DeductionRejectSchema } } } },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const deleteDeductionRoute = createRoute({
  method: 'delete',
  path: '/paysheets/{id}/deductions/{deductionId}',
  tags: ['paysheets'],
  summary: 'Remove a deduction while the sheet is open',
  security: bearer,
  request: { params: deductionId },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})

export const paysheetRoutes = createRouter()
  .openapi(listDeductionsRoute, async (c) => c.json(await listDeductions(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(addDeductionRoute, async (c) => {
    const { workerId, ...input } = c.req.valid('json')
    return c.json(await addDeduction(c.var.db, c.var.caller, c.req.valid('param').id, { ...input, workerId }), 200)
  })
  .openapi(approveDeductionRoute, async (c) => {
    const p = c.req.valid('param')
    return c.json(await approveDeduction(c.var.db, c.var.caller, p.id, p.deductionId), 200)
  })
  .openapi(rejectDeductionRoute, async (c) => {
    const p = c.req.valid('param')
    return c.json(await rejectDeduction(c.var.db, c.var.caller, p.id, p.deductionId, c.req.valid('json')), 200)
  })
  .openapi(deleteDeductionRoute, async (c) => {
    const p = c.req.valid('param')
    return c.json(await deleteDeduction(c.var.db, c.var.caller, p.id, p.deductionId), 200)
  })
  .openapi(rulesRoute, async (c) => c.json(await listApprovalRules(c.var.db, c.var.caller), 200))
  .openapi(ruleRoute, async (c) => c.json(await setApprovalRule(c.var.db, c.var.caller, c.req.valid('json')), 200))
  .openapi(decideRoute('approve'), async (c) => c.json(await decidePaysheet(c.var.db, c.var.caller, c.req.valid('param').id, true), 200))
  .openapi(decideRoute('reject'), async (c) => c.json(await decidePaysheet(c.var.db, c.var.caller, c.req.valid('param').id, false), 200))
  .openapi(listRoute, async (c) => c.json(await listPaysheets(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(incomeRoute, async (c) => c.json(await workshopIncome(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(openRoute, async (c) => c.json(await openPaysheet(c.var.db, c.var.caller, c.req.valid('json')), 200))
  .openapi(getRoute, async (c) => c.json(await getPaysheet(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(lockRoute, async (c) => {
    const sheetId = c.req.valid('param').id
    const r = await lockPaysheet(c.var.db, c.var.caller, sheetId, idempotencyKeyOf(c, { lock: sheetId }))
    return c.json(r.body, 200)
  })
  .openapi(payRoute, async (c) => {
    const sheetId = c.req.valid('param').id
    const body = c.req.valid('json')
    const r = await payPaysheet(c.var.db, c.var.caller, sheetId, body, idempotencyKeyOf(c, { pay: sheetId, ...body }))
    return c.json(r.body, 200)
  })
  .openapi(verifyRoute, async (c) => c.json(await verifyPaysheet(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(exportRoute, async (c) => {
    const { filename, data } = await exportPaysheetXlsx(c.var.db, c.var.caller, c.req.valid('param').id)
    return c.body(new Uint8Array(data), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="paysheet.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    })
  })
