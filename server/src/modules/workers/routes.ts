import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  DisabilityConsentInputSchema,
  DisabilityConsentSchema,
  ExportFormatSchema,
  HistoryEntrySchema,
  LowIncomeChangeSchema,
  RevealResultSchema,
  RevealSchema,
  WorkerCreateSchema,
  WorkerListItemSchema,
  WorkerListQuerySchema,
  WorkerSchema,
  WorkerUpdateSchema,
} from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { json, jsonBody, problems } from '../../http/route-helpers.ts'
import { listConsents, recordConsent, withdrawConsent, WithdrawSchema } from './consent.ts'
import { exportWorkers } from './export.ts'
import { changeLowIncome, createWorker, getWorker, listWorkers, revealWorker, updateWorker, workerHistory } from './service.ts'

const tags = ['workers']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid().openapi({ example: '0b7f3c1e-7a51-4d0c-9a0f-2f5d3c1b9e11' }) })
const errs = problems({ 401: 'Not logged in', 404: 'Missing or out of scope', 422: 'Invalid input' })

const listRoute = createRoute({
  method: 'get', path: '/workers', tags, security,
  summary: 'List workers in scope (ID numbers and phones masked unless the role needs them)',
  request: { query: WorkerListQuerySchema },
  responses: { 200: json(pageOf(WorkerListItemSchema), 'A page of workers'), 401: errs[401], 422: errs[422] },
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
  responses: { 200: json(WorkerSchema, 'The worker'), ...errs },
})
const createRoute_ = createRoute({
  method: 'post', path: '/workers', tags, security,
  summary: 'Register a worker; birth date and sex are derived from the ID number; a known ID number → 409 with existingId',
  request: jsonBody(WorkerCreateSchema),
  responses: {
    201: json(WorkerSchema, 'Created'),
    ...problems({
      403: 'Village outside your area',
      409: 'ID number already registered (existingId set when you may see it)',
    }),
    ...errs,
  },
})
const updateRoute = createRoute({
  method: 'patch', path: '/workers/{id}', tags, security, summary: 'Update a worker (the ID number cannot change)',
  request: { params: idParam, ...jsonBody(WorkerUpdateSchema) },
  responses: { 200: json(WorkerSchema, 'Updated'), ...problems({ 403: 'Role may not do this, or village outside your area (operators: their workshops’ townships)' }), ...errs },
})
const lowIncomeRoute = createRoute({
  method: 'post', path: '/workers/{id}/low-income', tags, security, summary: 'Enter or leave the low-income household register on a date',
  request: { params: idParam, ...jsonBody(LowIncomeChangeSchema) },
  responses: { 200: json(WorkerSchema, 'Updated'), ...problems({ 403: 'Role may not do this', 409: 'Already in / not in the register' }), ...errs },
})
const revealRoute = createRoute({
  method: 'post', path: '/workers/{id}/reveal', tags, security,
  summary: 'Full ID number and phone of one worker, with a reason from the list (audited); at most GONGFANG_REVEAL_LIMIT_PER_HOUR (30) an hour per user',
  request: { params: idParam, ...jsonBody(RevealSchema) },
  responses: { 200: json(RevealResultSchema, 'Full numbers'), ...problems({ 403: 'Role may not reveal', 429: 'Past the hourly reveal limit (Retry-After); the county staff get a notice' }), ...errs },
})
const historyRoute = createRoute({
  method: 'get', path: '/workers/{id}/history', tags, security, summary: 'Change history: who, when, old → new',
  request: { params: idParam },
  responses: { 200: json(z.array(HistoryEntrySchema), 'Newest first'), ...errs },
})

const consentsRoute = createRoute({
  method: 'get', path: '/workers/{id}/disability-consents', tags, security, summary: 'The worker’s consents to the use of their disability grade (date, purpose, witness; withdrawn ones too), newest first',
  request: { params: idParam },
  responses: { 200: json(z.array(DisabilityConsentSchema), 'Newest first'), ...problems({ 403: 'Role may not do this' }), ...errs },
})
const recordConsentRoute = createRoute({
  method: 'post', path: '/workers/{id}/disability-consents', tags, security, summary: 'Record the worker’s consent to the use of their disability grade (audited)',
  request: { params: idParam, ...jsonBody(DisabilityConsentInputSchema) },
  responses: { 200: json(z.array(DisabilityConsentSchema), 'The consents, newest first'), ...problems({ 403: 'Role may not do this' }), ...errs },
})
const withdrawConsentRoute = createRoute({
  method: 'post', path: '/workers/{id}/disability-consents/withdraw', tags, security, summary: 'The worker withdraws consent: it ends on the date and the disability grade is erased (audited)',
  request: { params: idParam, ...jsonBody(WithdrawSchema) },
  responses: { 200: json(z.array(DisabilityConsentSchema), 'The consents, newest first'), ...problems({ 403: 'Role may not do this', 409: 'No consent in force' }), ...errs },
})

export const workerRoutes = createRouter()
  .openapi(consentsRoute, async (c) => c.json(await listConsents(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(recordConsentRoute, async (c) => c.json(await recordConsent(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(withdrawConsentRoute, async (c) => c.json(await withdrawConsent(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').on), 200))
  .openapi(listRoute, async (c) => c.json(await listWorkers(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const f = await exportWorkers(c.var.db, c.var.caller, { ...c.req.valid('query') })
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getWorker(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createWorker(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateWorker(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(lowIncomeRoute, async (c) => c.json(await changeLowIncome(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(revealRoute, async (c) => c.json(await revealWorker(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(historyRoute, async (c) => c.json(await workerHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
