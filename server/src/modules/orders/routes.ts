import { createRoute, z } from '@hono/zod-openapi'
import { PageQuerySchema, pageOf } from '@gongfang/shared'
import {
  ALLOCATION_STATUSES,
  AllocationDecisionSchema,
  AllocationSchema,
  ClaimCreateSchema,
  DeliveryAcceptanceSchema,
  DeliveryCreateSchema,
  DeliverySchema,
  OrderCreateSchema,
  OrderDetailSchema,
  OrderListQuerySchema,
  OrderSchema,
  OrderTransitionSchema,
  PaymentCreateSchema,
  PaymentSchema,
  SettlementLineSchema,
} from '@gongfang/shared/orders'
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, jsonBody, problems, problemResponses } from '../../http/route-helpers.ts'
import { acceptDelivery, listArrears, recordDelivery, recordPayment } from './deliveries.ts'
import { claimOrder, createOrder, decideAllocation, transitionOrder } from './lifecycle.ts'
import { getOrder, listAllocations, listOrders } from './read.ts'

const tags = ['orders']
const body = <T extends z.ZodType>(schema: T) => ({ ...jsonBody(schema) })
// The usual problem answers, with what 403 and 409 mean here.
const errs = {
  ...problemResponses,
  ...problems({ 403: 'Role not allowed', 409: 'Conflicts with the order’s state (e.g. more than its quantity)' }),
}

const listRoute = createRoute({
  method: 'get', path: '/orders', tags, security: bearer,
  summary: 'Orders in scope: an enterprise its own, staff their region’s, operators the open orders they could take and their own',
  request: { query: PageQuerySchema.extend(OrderListQuerySchema.shape) },
  responses: { 200: json(pageOf(OrderSchema), 'A page of orders'), 401: errs[401], 422: errs[422] },
})
const createOrderRoute = createRoute({
  method: 'post', path: '/orders', tags, security: bearer,
  summary: 'Post an order (enterprise, or staff on its behalf). Rates are integer centifen (1/100 fen) per piece',
  request: body(OrderCreateSchema),
  responses: { 201: json(OrderDetailSchema, 'The order'), 401: errs[401], 403: errs[403], 404: errs[404], 422: errs[422] },
})
const getRoute = createRoute({
  method: 'get', path: '/orders/{id}', tags, security: bearer, summary: 'One order with allocations, deliveries, payments, settlement and status history',
  request: { params: idParam },
  responses: { 200: json(OrderDetailSchema, 'The order'), 401: errs[401], 404: errs[404] },
})
const statusRoute = createRoute({
  method: 'post', path: '/orders/{id}/status', tags, security: bearer,
  summary: 'Change status: draft → open, → cancelled (before deliveries), allocated → in_production, in_production → delivered',
  request: { params: idParam, ...body(OrderTransitionSchema) },
  responses: { 200: json(OrderDetailSchema, 'The order after the change'), ...errs },
})
const claimRoute = createRoute({
  method: 'post', path: '/orders/{id}/claims', tags, security: bearer,
  summary: 'An operator claims part of an open order for their workshop; never more than the order has left',
  request: { params: idParam, ...body(ClaimCreateSchema) },
  responses: { 201: json(AllocationSchema, 'The accepted allocation'), ...errs },
})
const allocationsRoute = createRoute({
  method: 'get', path: '/allocations', tags, security: bearer, summary: 'Allocations in scope (operators: their workshops’ offers and claims)',
  request: { query: z.object({ status: z.enum(ALLOCATION_STATUSES).optional(), orderId: z.uuid().optional() }) },
  responses: { 200: json(z.object({ items: z.array(AllocationSchema) }), 'Allocations'), 401: errs[401], 422: errs[422] },
})
const acceptAllocRoute = createRoute({
  method: 'post', path: '/allocations/{id}/accept', tags, security: bearer, summary: 'The workshop’s operator accepts an offered allocation',
  request: { params: idParam, ...jsonBody(AllocationDecisionSchema, { required: false }) },
  responses: { 200: json(AllocationSchema, 'The allocation'), ...errs },
})
const declineAllocRoute = createRoute({
  method: 'post', path: '/allocations/{id}/decline', tags, security: bearer, summary: 'The workshop’s operator declines an offered allocation; its pieces return to the order',
  request: { params: idParam, ...jsonBody(AllocationDecisionSchema, { required: false }) },
  responses: { 200: json(AllocationSchema, 'The allocation'), ...errs },
})
const deliveryRoute = createRoute({
  method: 'post', path: '/orders/{id}/deliveries', tags, security: bearer, summary: 'A workshop records a delivered batch',
  request: { params: idParam, ...body(DeliveryCreateSchema) },
  responses: { 201: json(DeliverySchema, 'The delivery'), ...errs },
})
const acceptanceRoute = createRoute({
  method: 'post', path: '/deliveries/{id}/acceptance', tags, security: bearer,
  summary: 'The enterprise checks a delivery: accepted and rejected pieces with reasons; owed = accepted × workshop rate (centifen → fen, half-up once)',
  request: { params: idParam, ...body(DeliveryAcceptanceSchema) },
  responses: { 200: json(DeliverySchema, 'The delivery'), ...errs },
})
const paymentRoute = createRoute({
  method: 'post', path: '/orders/{id}/payments', tags, security: bearer, summary: 'Record a payment (integer fen) from the enterprise to a workshop',
  request: { params: idParam, ...body(PaymentCreateSchema) },
  responses: { 201: json(PaymentSchema, 'The payment'), ...errs },
})
const arrearsRoute = createRoute({
  method: 'get', path: '/arrears', tags, security: bearer,
  summary: 'Settlement per order and workshop in scope: owed, paid, and arrears (unpaid past the payment term, default 30 days)',
  request: { query: z.object({ overdueOnly: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(), workshopId: z.uuid().optional(), orderId: z.uuid().optional() }) },
  responses: {
    200: json(z.object({ items: z.array(SettlementLineSchema), overdueFen: z.number().int() }), 'Settlement lines'),
    401: errs[401],
    422: errs[422],
  },
})

export const orderRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listOrders(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createOrderRoute, async (c) => c.json(await createOrder(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(getRoute, async (c) => c.json(await getOrder(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(statusRoute, async (c) => c.json(await transitionOrder(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(claimRoute, async (c) => c.json(await claimOrder(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(allocationsRoute, async (c) => c.json(await listAllocations(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(acceptAllocRoute, async (c) =>
    c.json(await decideAllocation(c.var.db, c.var.caller, c.req.valid('param').id, 'accepted', c.req.valid('json')?.note), 200),
  )
  .openapi(declineAllocRoute, async (c) =>
    c.json(await decideAllocation(c.var.db, c.var.caller, c.req.valid('param').id, 'declined', c.req.valid('json')?.note), 200),
  )
  .openapi(deliveryRoute, async (c) => c.json(await recordDelivery(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(acceptanceRoute, async (c) => c.json(await acceptDelivery(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(paymentRoute, async (c) => c.json(await recordPayment(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(arrearsRoute, async (c) => c.json(await listArrears(c.var.db, c.var.caller, c.req.valid('query')), 200))
