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
} from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { requireUser } from '../../auth/middleware.ts'
import { idempotent } from '../../http/idempotency.ts'
import { decidePaysheet, listApprovalRules, setApprovalRule, exportPaysheetXlsx, getPaysheet, listPaysheets, lockPaysheet, openPaysheet, payPaysheet, verifyPaysheet, workshopIncome } from './service.ts'

const security = [{ bearer: [] }]
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
  security,
  request: { query: PageQuerySchema.extend(PaysheetListQuerySchema.shape) },
  responses: { 200: { description: 'A page of sheets', content: { 'application/json': { schema: pageOf(PaysheetSummarySchema) } } }, ...errors },
})
const incomeRoute = createRoute({
  method: 'get',
  path: '/paysheets/income',
  tags: ['paysheets'],
  summary: "Per month: the workshop's income from accepted pieces (deliveries when present) vs wages on locked sheets and paid",
  security,
  request: { query: z.object({ workshopId: z.uuid(), from: MonthSchema, to: MonthSchema }) },
  responses: { 200: { description: 'Income vs wages', content: { 'application/json': { schema: IncomeReportSchema } } }, ...errors },
})
const openRoute = createRoute({
  method: 'post',
  path: '/paysheets',
  tags: ['paysheets'],
  summary: "Open (or get) the draft sheet of a workshop's month",
  security,
  request: { body: { required: true, content: { 'application/json': { schema: PaysheetOpenSchema } } } },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const getRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}',
  tags: ['paysheets'],
  summary: 'One sheet: per-worker lines (masked ID), adjustments linked to the original lines, total in figures and 大写',
  security,
  request: { params: id },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const lockRoute = createRoute({
  method: 'post',
  path: '/paysheets/{id}/lock',
  tags: ['paysheets'],
  summary: 'Lock a draft: lines are frozen and SHA-256 chained to the previous locked sheet of the workshop; the month never changes again',
  security,
  request: { params: id, headers: z.object({ 'idempotency-key': z.string().optional() }) },
  responses: { 200: { description: 'The locked sheet', content: sheetJson }, ...errors },
})
const payRoute = createRoute({
  method: 'post',
  path: '/paysheets/{id}/pay',
  tags: ['paysheets'],
  summary: 'Record payment (date, method, reference) of the whole sheet or of some lines',
  security,
  request: { params: id, headers: z.object({ 'idempotency-key': z.string().optional() }), body: { required: true, content: { 'application/json': { schema: PaysheetPaySchema } } } },
  responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
})
const verifyRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}/verify',
  tags: ['paysheets'],
  summary: "Recompute a locked sheet's hash from its stored lines and check its link to the previous sheet",
  security,
  request: { params: id },
  responses: { 200: { description: 'Verification', content: { 'application/json': { schema: PaysheetVerifySchema } } }, ...errors },
})
const exportRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}/export.xlsx',
  tags: ['paysheets'],
  summary: 'The sheet as an Excel workbook (A4, signature column, total in 大写)',
  security,
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
    security,
    request: { params: id },
    responses: { 200: { description: 'The sheet', content: sheetJson }, ...errors },
  })
const ruleRoute = createRoute({
  method: 'put',
  path: '/paysheets/approval-rules',
  tags: ['paysheets'],
  summary: "Staff require (or stop requiring) approval of pay sheets in a region of theirs: operators' locks then wait for staff",
  security,
  request: { body: { required: true, content: { 'application/json': { schema: ApprovalRuleSetSchema } } } },
  responses: { 200: { description: 'The rule', content: { 'application/json': { schema: ApprovalRuleSetSchema } } }, ...errors },
})

const rulesRoute = createRoute({
  method: 'get',
  path: '/paysheets/approval-rules',
  tags: ['paysheets'],
  summary: 'Approval rules in the caller’s region, and those above it that bind it (staff)',
  security,
  responses: { 200: { description: 'Rules', content: { 'application/json': { schema: z.array(ApprovalRuleSchema) } } }, ...errors },
})

export const paysheetRoutes = createRouter()
  .openapi(rulesRoute, async (c) => {
    requireUser(c)
    return c.json(await listApprovalRules(c.var.db, c), 200)
  })
  .openapi(ruleRoute, async (c) => {
    requireUser(c)
    const b = c.req.valid('json')
    return c.json(await c.var.db.transaction((tx) => setApprovalRule(tx, c, b.regionCode, b.required)), 200)
  })
  .openapi(decideRoute('approve'), async (c) => {
    requireUser(c)
    const sheetId = c.req.valid('param').id
    return c.json(await c.var.db.transaction((tx) => decidePaysheet(tx, c, sheetId, true)), 200)
  })
  .openapi(decideRoute('reject'), async (c) => {
    requireUser(c)
    const sheetId = c.req.valid('param').id
    return c.json(await c.var.db.transaction((tx) => decidePaysheet(tx, c, sheetId, false)), 200)
  })
  .openapi(listRoute, async (c) => {
    requireUser(c)
    return c.json(await listPaysheets(c.var.db, c.var.scope, c.req.valid('query')), 200)
  })
  .openapi(incomeRoute, async (c) => {
    requireUser(c)
    const q = c.req.valid('query')
    return c.json(await workshopIncome(c.var.db, c.var.scope, q.workshopId, q.from, q.to), 200)
  })
  .openapi(openRoute, async (c) => {
    requireUser(c)
    const b = c.req.valid('json')
    return c.json(await c.var.db.transaction((tx) => openPaysheet(tx, c, b.workshopId, b.month)), 200)
  })
  .openapi(getRoute, async (c) => {
    requireUser(c)
    return c.json(await getPaysheet(c.var.db, c.var.scope, c.req.valid('param').id), 200)
  })
  .openapi(lockRoute, async (c) => {
    requireUser(c)
    const sheetId = c.req.valid('param').id
    const r = await idempotent(c, { lock: sheetId }, async (tx) => ({ status: 200 as const, body: await lockPaysheet(tx, c, sheetId) }))
    return c.json(r.body, 200)
  })
  .openapi(payRoute, async (c) => {
    requireUser(c)
    const sheetId = c.req.valid('param').id
    const body = c.req.valid('json')
    const r = await idempotent(c, { pay: sheetId, ...body }, async (tx) => ({ status: 200 as const, body: await payPaysheet(tx, c, sheetId, body) }))
    return c.json(r.body, 200)
  })
  .openapi(verifyRoute, async (c) => {
    requireUser(c)
    return c.json(await verifyPaysheet(c.var.db, c.var.scope, c.req.valid('param').id), 200)
  })
  .openapi(exportRoute, async (c) => {
    requireUser(c)
    const { filename, data } = await exportPaysheetXlsx(c.var.db, c.var.scope, c.req.valid('param').id)
    return c.body(new Uint8Array(data), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="paysheet.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    })
  })
