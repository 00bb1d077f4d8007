import { z } from '@hono/zod-openapi'
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
import { idParam, json, jsonBody, problemResponses, routesFor } from '../../http/route-helpers.ts'
import * as svc from './service.ts'

const ratings = routesFor('ratings', problemResponses)
const countyCode = z
  .string()
  .regex(/^33\d{4}$/)
  .openapi({ example: '331126' })
const criteria = json(CriteriaSetSchema, 'The criteria')
const nomination = json(NominationSchema, 'The nomination')
const plan = json(ImprovementPlanSchema, 'The plan')

const getCriteria = ratings.route({
  method: 'get',
  path: '/rating-criteria/{county}',
  summary: "A county's rating criteria (weights, full marks); the province defaults when it set none",
  request: { params: z.object({ county: countyCode }) },
  responses: { 200: criteria },
})
const putCriteria = ratings.route({
  method: 'put',
  path: '/rating-criteria/{county}',
  summary:
    "Replace a county's rating criteria. Known keys are computed from records; other keys are manual (reviewer enters 0–100 with a note)",
  request: { params: z.object({ county: z.string().regex(/^33\d{4}$/) }), ...jsonBody(CriteriaUpdateSchema) },
  responses: { 200: json(CriteriaSetSchema, 'The criteria now') },
})
const listRatings = ratings.list(
  '/ratings',
  'Ratings of a year, best first, with county/city/province rank; maxStars=2 lists the workshops to improve',
  RatingListQuerySchema,
  json(pageOf(RatingSchema), 'A page of ratings'),
)
// Re-rating replaces the year's rating, so a POST answers 200 rather than 201.
const createRating = ratings.route({
  method: 'post',
  path: '/ratings',
  summary:
    "Rate a workshop for a year: operational criteria recomputed from the platform's records, manual ones as entered. Re-rating replaces the year's rating",
  request: jsonBody(RatingCreateSchema),
  responses: { 200: json(RatingDetailSchema, 'The rating with its per-criterion scores') },
})
const getRating = ratings.get(
  '/ratings/{id}',
  'One rating with its per-criterion raw values, scores and notes',
  json(RatingDetailSchema, 'The rating'),
)
const listNominations = ratings.list(
  '/demonstration-nominations',
  'Demonstration workshop (示范工坊) nominations and decisions',
  NominationListQuerySchema,
  json(pageOf(NominationSchema), 'A page of nominations'),
)
const createNomination = ratings.create(
  '/demonstration-nominations',
  'Nominate a workshop rated at least 4 stars that year as a demonstration workshop',
  NominationCreateSchema,
  nomination,
)
const decideNomination = ratings.act(
  '/demonstration-nominations/{id}/decision',
  'Approve or reject a nomination (city or province staff, not the nominator)',
  NominationDecisionSchema,
  json(NominationSchema, 'The decided nomination'),
)
const listPlans = ratings.list(
  '/improvement-plans',
  'Workshops to improve (千坊提升): plans with their follow-up dates; overdue=true for missed follow-ups',
  PlanListQuerySchema,
  json(pageOf(ImprovementPlanSchema), 'A page of plans'),
)
const createPlan = ratings.create(
  '/improvement-plans',
  'Put a workshop on the improvement list with a plan and follow-up dates',
  ImprovementPlanCreateSchema,
  plan,
)
const getPlan = ratings.get('/improvement-plans/{id}', 'One improvement plan', plan)
const addFollowUp = ratings.route({
  method: 'post',
  path: '/improvement-plans/{id}/follow-ups',
  summary: 'Schedule a follow-up visit',
  request: { params: idParam, ...jsonBody(FollowUpCreateSchema) },
  responses: { 201: plan },
})
const doneFollowUp = ratings.route({
  method: 'post',
  path: '/improvement-plans/{id}/follow-ups/{followUpId}/done',
  summary: 'Record the result of a follow-up',
  request: {
    params: z.object({ id: z.uuid(), followUpId: z.coerce.number().int().positive() }),
    ...jsonBody(FollowUpDoneSchema),
  },
  responses: { 200: plan },
})
const closePlan = ratings.act(
  '/improvement-plans/{id}/close',
  'Close an improvement plan with a closing note',
  PlanCloseSchema,
  plan,
)

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
