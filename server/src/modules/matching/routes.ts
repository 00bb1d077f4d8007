import { createRoute, z } from '@hono/zod-openapi'
import { AllocationSchema, MultiPlanRequestSchema, PlanOptionsSchema, PlanSchema, type PlanOptions } from '@gongfang/shared/orders'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { acceptPlan, createPlan, getPlan } from './service.ts'

const tags = ['matching']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid() })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Role not allowed', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'Order not open, fully allocated, or changed since the plan', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}
const planDescription =
  'Proposed split over workshops (HiGHS MIP): per workshop quantity, distance, expected days and why; objective parts in fen, solver status, MIP gap, solve time, and the nearest-first greedy result on the same instance. Shortfall stated when the order cannot be covered.'

const orderPlanRoute = createRoute({
  method: 'post', path: '/orders/{id}/plan', tags, security, summary: 'Plan one open order over the workshops (enterprise owner or staff)',
  request: { params: idParam, body: { content: json(PlanOptionsSchema), required: false } },
  responses: { 201: { description: planDescription, content: json(PlanSchema) }, ...errs },
})
const multiPlanRoute = createRoute({
  method: 'post', path: '/plans', tags, security, summary: 'Plan several open orders together, sharing the workshops’ capacity',
  request: { body: { content: json(MultiPlanRequestSchema), required: true } },
  responses: { 201: { description: planDescription, content: json(PlanSchema) }, ...errs },
})
const getPlanRoute = createRoute({
  method: 'get', path: '/plans/{id}', tags, security, summary: 'A stored plan', request: { params: idParam },
  responses: { 200: { description: 'The plan', content: json(PlanSchema) }, 401: errs[401], 404: errs[404] },
})
const acceptPlanRoute = createRoute({
  method: 'post', path: '/plans/{id}/accept', tags, security, summary: 'Accept a plan: its lines are offered to the workshops as allocations',
  request: { params: idParam },
  responses: { 200: { description: 'The offered allocations', content: json(z.object({ items: z.array(AllocationSchema) })) }, ...errs },
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
