import { createRoute, z } from '@hono/zod-openapi'
import { AllocationSchema, MultiPlanRequestSchema, PlanOptionsSchema, PlanSchema, type PlanOptions } from '@gongfang/shared/orders'
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, jsonBody, problems, problemResponses } from '../../http/route-helpers.ts'
import { acceptPlan, createPlan, getPlan } from './service.ts'

const tags = ['matching']
// The usual problem answers, with what 403 and 409 mean here.
const errs = {
  ...problemResponses,
  ...problems({ 403: 'Role not allowed', 409: 'Order not open, fully allocated, or changed since the plan' }),
}
const planDescription =
  'Proposed split over workshops (HiGHS MIP): per workshop quantity, distance, expected days and why; objective parts in fen, solver status, MIP gap, solve time, and the nearest-first greedy result on the same instance. Shortfall stated when the order cannot be covered.'

const orderPlanRoute = createRoute({
  method: 'post', path: '/orders/{id}/plan', tags, security: bearer, summary: 'Plan one open order over the workshops (enterprise owner or staff)',
  request: { params: idParam, ...jsonBody(PlanOptionsSchema, { required: false }) },
  responses: { 201: json(PlanSchema, planDescription), ...errs },
})
const multiPlanRoute = createRoute({
  method: 'post', path: '/plans', tags, security: bearer, summary: 'Plan several open orders together, sharing the workshops’ capacity',
  request: jsonBody(MultiPlanRequestSchema),
  responses: { 201: json(PlanSchema, planDescription), ...errs },
})
const getPlanRoute = createRoute({
  method: 'get', path: '/plans/{id}', tags, security: bearer, summary: 'A stored plan', request: { params: idParam },
  responses: { 200: json(PlanSchema, 'The plan'), 401: errs[401], 404: errs[404] },
})
const acceptPlanRoute = createRoute({
  method: 'post', path: '/plans/{id}/accept', tags, security: bearer, summary: 'Accept a plan: its lines are offered to the workshops as allocations',
  request: { params: idParam },
  responses: { 200: json(z.object({ items: z.array(AllocationSchema) }), 'The offered allocations'), ...errs },
})

export const matchingRoutes = createRouter()
  .openapi(orderPlanRoute, async (c) => {
    // The body is optional: without one, the defaults apply.
    const options = (c.req.valid('json') as PlanOptions | undefined) ?? PlanOptionsSchema.parse({})
    return c.json(await createPlan(c.var.db, c.var.caller, [c.req.valid('param').id], options), 201)
  })
  .openapi(multiPlanRoute, async (c) => {
    const { orderIds, ...options } = c.req.valid('json')
    return c.json(await createPlan(c.var.db, c.var.caller, orderIds, options), 201)
  })
  .openapi(getPlanRoute, async (c) => c.json(await getPlan(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(acceptPlanRoute, async (c) => c.json(await acceptPlan(c.var.db, c.var.caller, c.req.valid('param').id), 200))
