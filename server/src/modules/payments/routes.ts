import { createRoute, z } from '@hono/zod-openapi'
import { PageQuerySchema } from '@gongfang/shared'
import {
  BankReturnResultSchema,
  BankTemplateCreateSchema,
  BankTemplateSchema,
  CashPaySchema,
  MonthReconciliationQuerySchema,
  PaySlipQuerySchema,
  PaySlipSchema,
  PaymentBatchCreateSchema,
  PaymentBatchListQuerySchema,
  PaymentBatchSchema,
  PaymentBatchSummarySchema,
  PaymentLineStatusSchema,
  ReconciliationSchema,
  WorkerAccountSchema,
  WorkerAccountSetSchema,
} from '@gongfang/shared/payments'
import { pageOf } from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, jsonBody, problemResponses } from '../../http/route-helpers.ts'
import { problemJson, ProblemError } from '../../http/problem.ts'
import { idempotencyKeyOf } from '../../http/idempotency.ts'
import { approveProxy, getWorkerAccount, setWorkerAccount } from './accounts.ts'
import { createBatch, getBatch, listBatches, monthReconciliation, payCash } from './batches.ts'
import { batchBankFile, createTemplate, listTemplates } from './bank-files.ts'
import { importBankReturn } from './returns.ts'
import { confirmReceipt, paySlips } from './slips.ts'
import { wageLedger } from './ledger.ts'

const tags = ['payments']
const errors = problemResponses
const binary = z.string().openapi({ format: 'binary' })

const getAccountRoute = createRoute({
  method: 'get',
  path: '/workers/{id}/account',
  tags,
  summary: "The worker's current wage account, masked to the last 4 (null when none is recorded)",
  security: bearer,
  request: { params: idParam },
  responses: { 200: json(WorkerAccountSchema.nullable(), 'The account'), ...errors },
})
const setAccountRoute = createRoute({
  method: 'put',
  path: '/workers/{id}/account',
  tags,
  summary: 'Record the worker’s wage account (16–19 digits, Luhn for UnionPay); a holder other than the worker needs a reason and staff approval (代领)',
  security: bearer,
  request: { params: idParam, ...jsonBody(WorkerAccountSetSchema) },
  responses: { 200: json(WorkerAccountSchema, 'The account, masked'), ...errors },
})
const approveProxyRoute = createRoute({
  method: 'post',
  path: '/workers/{id}/account/approve-proxy',
  tags,
  summary: 'Staff approve collection of the pay by the account holder named (代领)',
  security: bearer,
  request: { params: idParam },
  responses: { 200: json(WorkerAccountSchema, 'The account, masked'), ...errors },
})
const listRoute = createRoute({
  method: 'get',
  path: '/payment-batches',
  tags,
  summary: 'Payment batches in scope, newest first',
  security: bearer,
  request: { query: PageQuerySchema.extend(PaymentBatchListQuerySchema.shape) },
  responses: { 200: json(pageOf(PaymentBatchSummarySchema), 'A page of batches'), ...errors },
})
const createBatchRoute = createRoute({
  method: 'post',
  path: '/payment-batches',
  tags,
  summary: 'Make a batch of the unpaid lines of locked pay sheets (failed lines of earlier batches included); workers without a usable account are paid in cash',
  security: bearer,
  request: { headers: z.object({ 'idempotency-key': z.string().optional() }), ...jsonBody(PaymentBatchCreateSchema) },
  responses: { 201: json(PaymentBatchSchema, 'The batch'), ...errors },
})
const getBatchRoute = createRoute({
  method: 'get',
  path: '/payment-batches/{id}',
  tags,
  summary: 'One batch: a page of its lines (masked accounts) and its reconciliation',
  security: bearer,
  request: { params: idParam, query: PageQuerySchema.extend({ status: PaymentLineStatusSchema.optional() }) },
  responses: { 200: json(PaymentBatchSchema, 'The batch'), ...errors },
})
const fileRoute = createRoute({
  method: 'get',
  path: '/payment-batches/{id}/file',
  tags,
  summary: "The bank file of the batch's pending bank lines with full account numbers, in a template (audited with row count and total)",
  security: bearer,
  request: { params: idParam, query: z.object({ template: z.string().min(1).max(40).default('generic-xlsx') }) },
  responses: {
    200: {
      description: 'The bank file (xlsx or CSV as the template says); X-Row-Count and X-Total-Fen headers',
      content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary }, 'text/csv': { schema: binary } },
    },
    ...errors,
  },
})
const returnRoute = createRoute({
  method: 'post',
  path: '/payment-batches/{id}/returns',
  tags,
  summary: "Import the bank's return (xlsx or CSV): lines paid or failed (待重发); the same file twice changes nothing",
  security: bearer,
  request: {
    params: idParam,
    body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true },
  },
  responses: { 200: json(BankReturnResultSchema, 'What the return changed, rows it could not apply, and the batch'), 400: { description: 'No file', content: problemJson }, 413: { description: 'File too large', content: problemJson }, ...errors },
})
const cashRoute = createRoute({
  method: 'post',
  path: '/payment-batches/{id}/cash',
  tags,
  summary: 'Record cash lines as paid, with the date and who signed for the money',
  security: bearer,
  request: { params: idParam, ...jsonBody(CashPaySchema) },
  responses: { 200: json(PaymentBatchSchema, 'The batch'), ...errors },
})
const reconcileRoute = createRoute({
  method: 'get',
  path: '/payments/reconciliation',
  tags,
  summary: "A month's reconciliation over the locked sheets in scope: Σ paid + Σ failed + Σ unpaid = Σ net",
  security: bearer,
  request: { query: MonthReconciliationQuerySchema },
  responses: { 200: json(ReconciliationSchema, 'The reconciliation'), ...errors },
})
const templatesRoute = createRoute({
  method: 'get',
  path: '/bank-templates',
  tags,
  summary: 'Bank file templates: the built-in generic ones and those an admin added',
  security: bearer,
  responses: { 200: json(z.array(BankTemplateSchema), 'Templates'), ...errors },
})
const addTemplateRoute = createRoute({
  method: 'post',
  path: '/bank-templates',
  tags,
  summary: "Add a bank's file layout as data: columns, preamble rows, encoding, amount unit, date format (admin)",
  security: bearer,
  request: jsonBody(BankTemplateCreateSchema),
  responses: { 201: json(BankTemplateSchema, 'The template'), ...errors },
})

const slipsRoute = createRoute({
  method: 'get',
  path: '/payslips',
  tags,
  summary: "Pay slips (工资条) of a month: a worker's own; payers name the worker. One per workshop with a locked sheet",
  security: bearer,
  request: { query: PaySlipQuerySchema },
  responses: { 200: json(z.array(PaySlipSchema), 'The slips'), ...errors },
})
const confirmRoute = createRoute({
  method: 'post',
  path: '/payslips/{lineId}/confirm',
  tags,
  summary: 'The worker confirms the pay of a slip reached them (after it is paid; repeating changes nothing)',
  security: bearer,
  request: { params: z.object({ lineId: z.coerce.number().int().positive() }) },
  responses: { 200: json(z.object({ confirmedAt: z.string() }), 'When it was confirmed'), ...errors },
})

const ledgerRoute = createRoute({
  method: 'get',
  path: '/paysheets/{id}/ledger.xlsx',
  tags,
  summary: 'The wage ledger (工资支付台账) of a locked sheet with the legal fields, full ID and phone numbers (audited with its row count)',
  security: bearer,
  request: { params: idParam },
  responses: { 200: { description: 'xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary } } }, ...errors },
})

const MAX_RETURN_BYTES = 10 * 1024 * 1024

export const paymentRoutes = createRouter()
  .openapi(getAccountRoute, async (c) => c.json(await getWorkerAccount(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(setAccountRoute, async (c) => c.json(await setWorkerAccount(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(approveProxyRoute, async (c) => c.json(await approveProxy(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(listRoute, async (c) => c.json(await listBatches(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createBatchRoute, async (c) => {
    const body = c.req.valid('json')
    const r = await createBatch(c.var.db, c.var.caller, body, idempotencyKeyOf(c, body))
    return c.json(r.body, 201)
  })
  .openapi(getBatchRoute, async (c) => c.json(await getBatch(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(fileRoute, async (c) => {
    const f = await batchBankFile(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('query').template)
    return c.body(f.body, 200, f.headers)
  })
  .openapi(returnRoute, async (c) => {
    const file = (await c.req.parseBody()).file
    if (!(file instanceof File)) throw new ProblemError(400, 'no-file', { zh: '请上传银行回单文件（字段 file）', en: 'Upload the bank return file (field "file")' })
    if (file.size > MAX_RETURN_BYTES) throw new ProblemError(413, 'file-too-large', { zh: '回单文件不能超过 10 MB', en: 'The return file may not exceed 10 MB' })
    return c.json(await importBankReturn(c.var.db, c.var.caller, c.req.valid('param').id, new Uint8Array(await file.arrayBuffer())), 200)
  })
  .openapi(cashRoute, async (c) => c.json(await payCash(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(reconcileRoute, async (c) => c.json(await monthReconciliation(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(slipsRoute, async (c) => c.json(await paySlips(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(confirmRoute, async (c) => c.json(await confirmReceipt(c.var.db, c.var.caller, c.req.valid('param').lineId), 200))
  .openapi(ledgerRoute, async (c) => {
    const f = await wageLedger(c.var.db, c.var.caller, c.req.valid('param').id)
    return c.body(f.body, 200, f.headers)
  })
  .openapi(templatesRoute, async (c) => c.json(await listTemplates(c.var.db, c.var.caller), 200))
  .openapi(addTemplateRoute, async (c) => c.json(await createTemplate(c.var.db, c.var.caller, c.req.valid('json')), 201))
