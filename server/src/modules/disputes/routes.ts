import { createRoute, z } from '@hono/zod-openapi'
import { DisputeCreateSchema, DisputeMediatorSchema, DisputeNoteCreateSchema, DisputeSchema, DisputeStatusSchema, DISPUTE_STATUSES } from '@gongfang/shared/orders'
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, jsonBody, problems, problemResponses } from '../../http/route-helpers.ts'
import { addNote, assignMediator, changeDisputeStatus, createDispute, getDispute, listDisputes } from './service.ts'

const tags = ['disputes']
// The usual problem answers, with what 403 and 409 mean here.
const errs = {
  ...problemResponses,
  ...problems({
    403: 'Not a party, mediator or staff of the area',
    409: 'The dispute is closed or not in the right state',
  }),
}

const listRoute = createRoute({
  method: 'get', path: '/disputes', tags, security: bearer, summary: 'Disputes visible to the caller (parties, mediator, staff of the area)',
  request: { query: z.object({ status: z.enum(DISPUTE_STATUSES).optional(), orderId: z.uuid().optional() }) },
  responses: { 200: json(z.object({ items: z.array(DisputeSchema) }), 'Disputes (notes omitted)'), 401: errs[401], 422: errs[422] },
})
const createDisputeRoute = createRoute({
  method: 'post', path: '/disputes', tags, security: bearer, summary: 'Open a dispute about an order, a delivery, a payment or a wage',
  request: jsonBody(DisputeCreateSchema),
  responses: { 201: json(DisputeSchema, 'The dispute'), 401: errs[401], 404: errs[404], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/disputes/{id}', tags, security: bearer, summary: 'One dispute with its dated notes', request: { params: idParam },
  responses: { 200: json(DisputeSchema, 'The dispute'), 401: errs[401], 404: errs[404] },
})
const noteRoute = createRoute({
  method: 'post', path: '/disputes/{id}/notes', tags, security: bearer, summary: 'Add a dated note', request: { params: idParam, ...jsonBody(DisputeNoteCreateSchema) },
  responses: { 201: json(DisputeSchema, 'The dispute'), ...errs },
})
const mediatorRoute = createRoute({
  method: 'post', path: '/disputes/{id}/mediator', tags, security: bearer, summary: 'Staff of the area take on (or assign) the mediation: open → mediating',
  request: { params: idParam, ...jsonBody(DisputeMediatorSchema) },
  responses: { 200: json(DisputeSchema, 'The dispute'), ...errs },
})
const statusRoute = createRoute({
  method: 'post', path: '/disputes/{id}/status', tags, security: bearer, summary: 'mediating (staff), resolved with an outcome (mediator), withdrawn (the opener)',
  request: { params: idParam, ...jsonBody(DisputeStatusSchema) },
  responses: { 200: json(DisputeSchema, 'The dispute'), ...errs },
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
