import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  CriteriaSetSchema,
  CriteriaUpdateSchema,
  FollowUpCreateSchema,
  FollowUpDoneSchema,
  ImprovementPlanCreateSchema,
  ImprovementPlanSchema,
  NominationCreateSchema,
  NominationDecisionSchema,
  NominationListQuerySchema,
  NominationSchema,
  PlanCloseSchema,
  PlanListQuerySchema,
  RatingCreateSchema,
  RatingDetailSchema,
  RatingListQuerySchema,
  RatingSchema,
} from '@gongfang/shared/programme'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problemResponses as errors, jsonBody as body, idParam } from '../../http/route-helpers.ts'
import * as svc from './service.ts'

const tags = ['ratings']

const getCriteria = createRoute({
  method: 'get',
  path: '/rating-criteria/{county}',
  tags,
  security: bearer,
  summary: "A county's rating criteria (weights, full marks); the province defaults when it set none",
  request: {
    params: z.object({
      county: z
        .string()
        .regex(/^33\d{4}$/)
        .openapi({ example: '331126' }),
    }),
  },
  responses: { 200: json(CriteriaSetSchema, 'The criteria'), ...errors },
})
const putCriteria = createRoute({
  method: 'put',
  path: '/rating-criteria/{county}',
  tags,
  security: bearer,
  summary:
    "Replace a county's rating criteria. Known keys are computed from records; other keys are manual (reviewer enters 0–100 with a note)",
  request: { params: z.object({ county: z.string().regex(/^33\d{4}$/) }), ...body(CriteriaUpdateSchema) },
  responses: { 200: json(CriteriaSetSchema, 'The criteria now'), ...errors },
})
const listRatings = createRoute({
  method: 'get',
  path: '/ratings',
  tags,
  security: bearer,
  summary: 'Ratings of a year, best first, with county/city/province rank; maxStars=2 lists the workshops to improve',
  request: { query: RatingListQuerySchema },
  responses: { 200: json(pageOf(RatingSchema), 'A page of ratings'), ...errors },
})
const createRating = createRoute({
  method: 'post',
  path: '/ratings',
  tags,
  security: bearer,
  summary:
    "Rate a workshop for a year: operational criteria recomputed from the platform's records, manual ones as entered. Re-rating replaces the year's rating",
  request: body(RatingCreateSchema),
  responses: { 200: json(RatingDetailSchema, 'The rating with its per-criterion scores'), ...errors },
})
const getRating = createRoute({
  method: 'get',
  path: '/ratings/{id}',
  tags,
  security: bearer,
  summary: 'One rating with its per-criterion raw values, scores and notes',
  request: { params: idParam },
  responses: { 200: json(RatingDetailSchema, 'The rating'), ...errors },
})
const listNominations = createRoute({
  method: 'get',
  path: '/demonstration-nominations',
  tags,
  security: bearer,
  summary: 'Demonstration workshop (示范工坊) nominations and decisions',
  request: { query: NominationListQuerySchema },
  responses: { 200: json(pageOf(NominationSchema), 'A page of nominations'), ...errors },
})
const createNomination = createRoute({
  method: 'post',
  path: '/demonstration-nominations',
  tags,
  security: bearer,
  summary: 'Nominate a workshop rated at least 4 stars that year as a demonstration workshop',
  request: body(NominationCreateSchema),
  responses: { 201: json(NominationSchema, 'The nomination'), ...errors },
})
const decideNomination = createRoute({
  method: 'post',
  path: '/demonstration-nominations/{id}/decision',
  tags,
  security: bearer,
  summary: 'Approve or reject a nomination (city or province staff, not the nominator)',
  request: { params: idParam, ...body(NominationDecisionSchema) },
  responses: { 200: json(NominationSchema, 'The decided nomination'), ...errors },
})
const listPlans = createRoute({
  method: 'get',
  path: '/improvement-plans',
  tags,
  security: bearer,
  summary: 'Workshops to improve (千坊提升): plans with their follow-up dates; overdue=true for missed follow-ups',
  request: { query: PlanListQuerySchema },
  responses: { 200: json(pageOf(ImprovementPlanSchema), 'A page of plans'), ...errors },
})
const createPlan = createRoute({
  method: 'post',
  path: '/improvement-plans',
  tags,
  security: bearer,
  summary: 'Put a workshop on the improvement list with a plan and follow-up dates',
  request: body(ImprovementPlanCreateSchema),
  responses: { 201: json(ImprovementPlanSchema, 'The plan'), ...errors },
})
const getPlan = createRoute({
  method: 'get',
  path: '/improvement-plans/{id}',
  tags,
  security: bearer,
  summary: 'One improvement plan',
  request: { params: idParam },
  responses: { 200: json(ImprovementPlanSchema, 'The plan'), ...errors },
})
const addFollowUp = createRoute({
  method: 'post',
  path: '/improvement-plans/{id}/follow-ups',
  tags,
  security: bearer,
  summary: 'Schedule a follow-up visit',
  request: { params: idParam, ...body(FollowUpCreateSchema) },
  responses: { 201: json(ImprovementPlanSchema, 'The plan'), ...errors },
})
const doneFollowUp = createRoute({
  method: 'post',
  path: '/improvement-plans/{id}/follow-ups/{followUpId}/done',
  tags,
  security: bearer,
  summary: 'Record the result of a follow-up',
  request: {
    params: z.object({ id: z.uuid(), followUpId: z.coerce.number().int().positive() }),
    ...body(FollowUpDoneSchema),
  },
  responses: { 200: json(ImprovementPlanSchema, 'The plan'), ...errors },
})
const closePlan = createRoute({
  method: 'post',
  path: '/improvement-plans/{id}/close',
  tags,
  security: bearer,
  summary: 'Close an improvement plan with a closing note',
  request: { params: idParam, ...body(PlanCloseSchema) },
  responses: { 200: json(ImprovementPlanSchema, 'The plan'), ...errors },
})

export const ratingRoutes = createRouter()
  .openapi(getCriteria, async (c) =>
    c.json(await svc.getCriteria(c.var.db, c.var.caller, c.req.valid('param').county), 200),
  )
  .openapi(putCriteria, async (c) =>
    c.json(await svc.putCriteria(c.var.db, c.var.caller, c.req.valid('param').county, c.req.valid('json')), 200),
  )
  .openapi(listRatings, async (c) => c.json(await svc.listRatings(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createRating, async (c) => c.json(await svc.rate(c.var.db, c.var.caller, c.req.valid('json')), 200))
  .openapi(getRating, async (c) => c.json(await svc.getRating(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(listNominations, async (c) =>
    c.json(await svc.listNominations(c.var.db, c.var.caller, c.req.valid('query')), 200),
  )
  .openapi(createNomination, async (c) => c.json(await svc.nominate(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(decideNomination, async (c) =>
    c.json(await svc.decideNomination(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(listPlans, async (c) => c.json(await svc.listPlans(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createPlan, async (c) => c.json(await svc.createPlan(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(getPlan, async (c) => c.json(await svc.getPlan(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(addFollowUp, async (c) =>
    c.json(await svc.addFollowUp(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(doneFollowUp, async (c) => {
    const p = c.req.valid('param')
    return c.json(await svc.completeFollowUp(c.var.db, c.var.caller, p.id, p.followUpId, c.req.valid('json')), 200)
  })
  .openapi(closePlan, async (c) =>
    c.json(await svc.closePlan(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200),
  )
