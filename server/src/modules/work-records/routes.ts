import { createRoute, z } from '@hono/zod-openapi'
import {
  DateSchema,
  DaySheetSchema,
  MonthSchema,
  PageQuerySchema,
  WorkProductCreateSchema,
  WorkProductSchema,
  WorkRecordBatchSchema,
  WorkRecordCorrectionResultSchema,
  WorkRecordCorrectionSchema,
  WorkRecordCreateSchema,
  WorkRecordListQuerySchema,
  WorkRecordSchema,
  WorkerEarningsSchema,
  pageOf,
} from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problems, problemResponses } from '../../http/route-helpers.ts'
import { idempotencyKeyOf } from '../../http/idempotency.ts'
import { recordableWorkshops, correctWorkRecord, createProduct, daySheet, listProducts, listWorkRecords, recordWorkLines, workerEarnings } from './service.ts'

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'A retry with the same key returns the first result and records nothing; the same key with another body is 409.' }),
})
// The usual problem answers, with what 409 means here.
const errors = {
  ...problemResponses,
  ...problems({ 409: 'Month locked, line already reversed, or Idempotency-Key reused with another body' }),
}

const createRecords = createRoute({
  method: 'post',
  path: '/work-records',
  tags: ['work-records'],
  summary: 'Record piece work: one line or a whole day sheet (all or nothing). Amount = good × rate (centifen) ÷ 100, half-up, per line.',
  security: bearer,
  request: { headers: idempotencyHeader, body: { required: true, content: { 'application/json': { schema: WorkRecordCreateSchema } } } },
  responses: {
    201: json(WorkRecordBatchSchema, 'Recorded (or the first result again, on a retry with the same Idempotency-Key)'),
    ...errors,
  },
})

const listRecords = createRoute({
  method: 'get',
  path: '/work-records',
  tags: ['work-records'],
  summary: 'Work records in scope, newest first (reversals and corrections included)',
  security: bearer,
  request: { query: PageQuerySchema.extend(WorkRecordListQuerySchema.shape) },
  responses: { 200: json(pageOf(WorkRecordSchema), 'A page of records'), ...errors },
})

const correct = createRoute({
  method: 'post',
  path: '/work-records/{id}/corrections',
  tags: ['work-records'],
  summary:
    'Correct a line: a reversing line plus a new line with goodQty, both linked to it; `reverse: true` (without quantities) only reverses it. A locked month is settled on the next open sheet.',
  security: bearer,
  request: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: WorkRecordCorrectionSchema } } },
  },
  responses: { 201: json(WorkRecordCorrectionResultSchema, 'The reversal and the replacement'), ...errors },
})

const getDaySheet = createRoute({
  method: 'get',
  path: '/work-records/day-sheet',
  tags: ['work-records'],
  summary: "A workshop-day: the members that day, the products and accepted allocations, and the day's records",
  security: bearer,
  request: { query: z.object({ workshopId: z.uuid(), date: DateSchema }) },
  responses: { 200: json(DaySheetSchema, 'The day sheet'), ...errors },
})

const earnings = createRoute({
  method: 'get',
  path: '/work-records/earnings',
  tags: ['work-records'],
  summary: "A worker's pieces and money by month (with pay status) and by day of one month; workers see their own",
  security: bearer,
  request: { query: z.object({ workerId: z.uuid().optional(), month: MonthSchema.optional() }) },
  responses: { 200: json(WorkerEarningsSchema, 'Earnings'), ...errors },
})

const listProductsRoute = createRoute({
  method: 'get',
  path: '/work-products',
  tags: ['work-records'],
  summary: "A workshop's own products and their worker piece rates (centifen)",
  security: bearer,
  request: { query: z.object({ workshopId: z.uuid() }) },
  responses: { 200: json(z.array(WorkProductSchema), 'Products'), ...errors },
})

const createProductRoute = createRoute({
  method: 'post',
  path: '/work-products',
  tags: ['work-records'],
  summary: 'Add a workshop product with its worker piece rate (centifen)',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: WorkProductCreateSchema } } } },
  responses: { 201: json(WorkProductSchema, 'Created'), ...errors },
})

const workshopsRoute = createRoute({
  method: 'get',
  path: '/work-records/workshops',
  tags: ['work-records'],
  summary: 'Workshops the caller may record piece work for (operator: own; staff: region), at most 200',
  security: bearer,
  responses: {
    200: { description: 'Workshops', content: { 'application/json': { schema: z.array(z.object({ id: z.uuid(), name: z.string(), regionCode: z.string() })) } } },
    ...errors,
  },
})

export const workRecordRoutes = createRouter()
  .openapi(workshopsRoute, async (c) => c.json(await recordableWorkshops(c.var.db, c.var.caller), 200))
  .openapi(createRecords, async (c) => {
    const input = c.req.valid('json')
    const r = await recordWorkLines(c.var.db, c.var.dbKind, c.var.caller, input, idempotencyKeyOf(c, input))
    if (r.replayed) c.header('Idempotent-Replayed', 'true')
    return c.json(r.body, 201)
  })
  .openapi(listRecords, async (c) => c.json(await listWorkRecords(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(getDaySheet, async (c) => c.json(await daySheet(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(earnings, async (c) => c.json(await workerEarnings(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(correct, async (c) => {
    const body = c.req.valid('json')
    const id = c.req.valid('param').id
    const r = await correctWorkRecord(c.var.db, c.var.caller, id, body, idempotencyKeyOf(c, { id, ...body }))
    if (r.replayed) c.header('Idempotent-Replayed', 'true')
    return c.json(r.body, 201)
  })
  .openapi(listProductsRoute, async (c) => c.json(await listProducts(c.var.db, c.var.caller, c.req.valid('query').workshopId), 200))
  .openapi(createProductRoute, async (c) => c.json(await createProduct(c.var.db, c.var.caller, c.req.valid('json')), 201))
