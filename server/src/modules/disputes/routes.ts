import { createRoute, z } from '@hono/zod-openapi'
import { DisputeCreateSchema, DisputeMediatorSchema, DisputeNoteCreateSchema, DisputeSchema, DisputeStatusSchema, DISPUTE_STATUSES } from '@gongfang/shared/orders'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { addNote, assignMediator, changeDisputeStatus, createDispute, getDispute, listDisputes } from './service.ts'

const tags = ['disputes']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid() })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: json(schema), required: true } })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Not a party, mediator or staff of the area', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'The dispute is closed or not in the right state', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}

const listRoute = createRoute({
  method: 'get', path: '/disputes', tags, security, summary: 'Disputes visible to the caller (parties, mediator, staff of the area)',
  request: { query: z.object({ status: z.enum(DISPUTE_STATUSES).optional(), orderId: z.uuid().optional() }) },
  responses: { 200: { description: 'Disputes (notes omitted)', content: json(z.object({ items: z.array(DisputeSchema) })) }, 401: errs[401], 422: errs[422] },
})
const createDisputeRoute = createRoute({
  method: 'post', path: '/disputes', tags, security, summary: 'Open a dispute about an order, a delivery, a payment or a wage',
  request: body(DisputeCreateSchema),
  responses: { 201: { description: 'The dispute', content: json(DisputeSchema) }, 401: errs[401], 404: errs[404], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/disputes/{id}', tags, security, summary: 'One dispute with its dated notes', request: { params: idParam },
  responses: { 200: { description: 'The dispute', content: json(DisputeSchema) }, 401: errs[401], 404: errs[404] },
})
const noteRoute = createRoute({
  method: 'post', path: '/disputes/{id}/notes', tags, security, summary: 'Add a dated note', request: { params: idParam, ...body(DisputeNoteCreateSchema) },
  responses: { 201: { description: 'The dispute', content: json(DisputeSchema) }, ...errs },
})
const mediatorRoute = createRoute({
  method: 'post', path: '/disputes/{id}/mediator', tags, security, summary: 'Staff of the area take on (or assign) the mediation: open → mediating',
  request: { params: idParam, ...body(DisputeMediatorSchema) },
  responses: { 200: { description: 'The dispute', content: json(DisputeSchema) }, ...errs },
})
const statusRoute = createRoute({
  method: 'post', path: '/disputes/{id}/status', tags, security, summary: 'mediating (staff), resolved with an outcome (mediator), withdrawn (the opener)',
  request: { params: idParam, ...body(DisputeStatusSchema) },
  responses: { 200: { description: 'The dispute', content: json(DisputeSchema) }, ...errs },
})

export const disputeRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listDisputes(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createDisputeRoute, async (c) => c.json(await createDispute(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(getRoute, async (c) => c.json(await getDispute(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(noteRoute, async (c) => c.json(await addNote(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').body), 201))
  .openapi(mediatorRoute, async (c) =>
    c.json(await assignMediator(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').mediatorUserId), 200),
  )
  .openapi(statusRoute, async (c) => c.json(await changeDisputeStatus(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
