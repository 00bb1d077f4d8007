import { z } from '@hono/zod-openapi'
import {
  DisabilityConsentInputSchema,
  DisabilityConsentSchema,
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
import { json, jsonBody, problems, routesFor } from '../../http/route-helpers.ts'
import { registerProblems, registerRoutes } from '../registry-routes.ts'
import { listConsents, recordConsent, withdrawConsent, WithdrawSchema } from './consent.ts'
import { exportWorkers } from './export.ts'
import { changeLowIncome, createWorker, getWorker, listWorkers, revealWorker, updateWorker, workerHistory } from './service.ts'

const idParam = z.object({ id: z.uuid().openapi({ example: '0b7f3c1e-7a51-4d0c-9a0f-2f5d3c1b9e11' }) })
const register = registerRoutes('workers', '/workers', {
  query: WorkerListQuerySchema, item: WorkerListItemSchema, page: 'A page of workers', params: idParam,
  list: 'List workers in scope (ID numbers and phones masked unless the role needs them)',
  exportSummary: 'Export the filtered list as xlsx or CSV (UTF-8 with BOM); masking as in the list',
})
const workers = routesFor('workers', registerProblems, { id: idParam })

const getRoute = workers.get('/workers/{id}', 'One worker with low-income periods and memberships', json(WorkerSchema, 'The worker'))
const createRoute_ = workers.route({
  method: 'post', path: '/workers',
  summary: 'Register a worker; birth date and sex are derived from the ID number; a known ID number → 409 with existingId',
  request: jsonBody(WorkerCreateSchema),
  responses: {
    201: json(WorkerSchema, 'Created'),
    ...problems({
      403: 'Village outside your area',
      409: 'ID number already registered (existingId set when you may see it)',
    }),
  },
})
const updateRoute = workers.route({
  method: 'patch', path: '/workers/{id}', summary: 'Update a worker (the ID number cannot change)',
  request: { params: idParam, ...jsonBody(WorkerUpdateSchema) },
  responses: { 200: json(WorkerSchema, 'Updated'), ...problems({ 403: 'Role may not do this, or village outside your area (operators: their workshops’ townships)' }) },
})
const lowIncomeRoute = workers.route({
  method: 'post', path: '/workers/{id}/low-income', summary: 'Enter or leave the low-income household register on a date',
  request: { params: idParam, ...jsonBody(LowIncomeChangeSchema) },
  responses: { 200: json(WorkerSchema, 'Updated'), ...problems({ 403: 'Role may not do this', 409: 'Already in / not in the register' }) },
})
const revealRoute = workers.route({
  method: 'post', path: '/workers/{id}/reveal',
  summary: 'Full ID number and phone of one worker, with a reason from the list (audited); at most GONGFANG_REVEAL_LIMIT_PER_HOUR (30) an hour per user',
  request: { params: idParam, ...jsonBody(RevealSchema) },
  responses: { 200: json(RevealResultSchema, 'Full numbers'), ...problems({ 403: 'Role may not reveal', 429: 'Past the hourly reveal limit (Retry-After); the county staff get a notice' }) },
})

// The disability grade is for some roles only: every consent route also answers 403.
const consents = routesFor('workers', { ...problems({ 403: 'Role may not do this' }), ...registerProblems }, { id: idParam })
const consentsRoute = consents.get(
  '/workers/{id}/disability-consents',
  'The worker’s consents to the use of their disability grade (date, purpose, witness; withdrawn ones too), newest first',
  json(z.array(DisabilityConsentSchema), 'Newest first'),
)
const recordConsentRoute = consents.act(
  '/workers/{id}/disability-consents', 'Record the worker’s consent to the use of their disability grade (audited)',
  DisabilityConsentInputSchema, json(z.array(DisabilityConsentSchema), 'The consents, newest first'),
)
const withdrawConsentRoute = consents.route({
  method: 'post', path: '/workers/{id}/disability-consents/withdraw', summary: 'The worker withdraws consent: it ends on the date and the disability grade is erased (audited)',
  request: { params: idParam, ...jsonBody(WithdrawSchema) },
  responses: { 200: json(z.array(DisabilityConsentSchema), 'The consents, newest first'), ...problems({ 409: 'No consent in force' }) },
})

export const workerRoutes = createRouter()
  .openapi(consentsRoute, async (c) => c.json(await listConsents(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(recordConsentRoute, async (c) => c.json(await recordConsent(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(withdrawConsentRoute, async (c) => c.json(await withdrawConsent(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').on), 200))
  .openapi(register.list, async (c) => c.json(await listWorkers(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(register.export, async (c) => {
    const f = await exportWorkers(c.var.db, c.var.caller, { ...c.req.valid('query') })
    return c.body(f.body, 200, f.headers)
  })
  .openapi(getRoute, async (c) => c.json(await getWorker(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(createRoute_, async (c) => c.json(await createWorker(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateWorker(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(lowIncomeRoute, async (c) => c.json(await changeLowIncome(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(revealRoute, async (c) => c.json(await revealWorker(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(register.history, async (c) => c.json(await workerHistory(c.var.db, c.var.caller, c.req.valid('param').id), 200))
