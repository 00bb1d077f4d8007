import { createRoute } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  ExpertCreateSchema,
  ExpertListQuerySchema,
  ExpertSchema,
  ExpertUpdateSchema,
  TechProblemAcceptSchema,
  TechProblemCreateSchema,
  TechProblemListQuerySchema,
  TechProblemOutcomeSchema,
  TechProblemSchema,
} from '@gongfang/shared/programme'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problemResponses as errors, jsonBody as body, idParam } from '../../http/route-helpers.ts'
import * as svc from './service.ts'

const tags = ['talent']

const listExperts = createRoute({
  method: 'get',
  path: '/experts',
  tags,
  security: bearer,
  summary:
    "The shared-talent pool: experts serving the caller's area (based within it or above it); phones masked for non-staff",
  request: { query: ExpertListQuerySchema },
  responses: { 200: json(pageOf(ExpertSchema), 'A page of experts'), ...errors },
})
const createExpert = createRoute({
  method: 'post',
  path: '/experts',
  tags,
  security: bearer,
  summary: 'Register an expert (skills, region, availability; optional login account)',
  request: body(ExpertCreateSchema),
  responses: { 201: json(ExpertSchema, 'The expert'), ...errors },
})
const getExpert = createRoute({
  method: 'get',
  path: '/experts/{id}',
  tags,
  security: bearer,
  summary: 'One expert',
  request: { params: idParam },
  responses: { 200: json(ExpertSchema, 'The expert'), ...errors },
})
const updateExpert = createRoute({
  method: 'patch',
  path: '/experts/{id}',
  tags,
  security: bearer,
  summary: 'Update an expert (staff, or the expert: e.g. availability)',
  request: { params: idParam, ...body(ExpertUpdateSchema) },
  responses: { 200: json(ExpertSchema, 'The expert'), ...errors },
})
const listProblems = createRoute({
  method: 'get',
  path: '/tech-problems',
  tags,
  security: bearer,
  summary:
    "Workshops' technical problems in scope; an expert also sees the open ones of their area and their own (mine=true)",
  request: { query: TechProblemListQuerySchema },
  responses: { 200: json(pageOf(TechProblemSchema), 'A page of problems'), ...errors },
})
const postProblem = createRoute({
  method: 'post',
  path: '/tech-problems',
  tags,
  security: bearer,
  summary: 'A workshop posts a technical problem',
  request: body(TechProblemCreateSchema),
  responses: { 201: json(TechProblemSchema, 'The problem'), ...errors },
})
const getProblem = createRoute({
  method: 'get',
  path: '/tech-problems/{id}',
  tags,
  security: bearer,
  summary: 'One problem',
  request: { params: idParam },
  responses: { 200: json(TechProblemSchema, 'The problem'), ...errors },
})
const accept = createRoute({
  method: 'post',
  path: '/tech-problems/{id}/accept',
  tags,
  security: bearer,
  summary: 'Accept an open problem: staff name the expert, an expert with a login accepts for themself',
  request: { params: idParam, ...body(TechProblemAcceptSchema) },
  responses: { 200: json(TechProblemSchema, 'The problem'), ...errors },
})
const outcome = createRoute({
  method: 'post',
  path: '/tech-problems/{id}/outcome',
  tags,
  security: bearer,
  summary: 'Record the outcome (resolved or not) of an accepted problem',
  request: { params: idParam, ...body(TechProblemOutcomeSchema) },
  responses: { 200: json(TechProblemSchema, 'The problem'), ...errors },
})

export const talentRoutes = createRouter()
  .openapi(listExperts, async (c) => c.json(await svc.listExperts(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createExpert, async (c) => c.json(await svc.createExpert(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(getExpert, async (c) => c.json(await svc.getExpert(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(updateExpert, async (c) =>
    c.json(await svc.updateExpert(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(listProblems, async (c) => c.json(await svc.listProblems(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(postProblem, async (c) => c.json(await svc.postProblem(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(getProblem, async (c) => c.json(await svc.getProblem(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(accept, async (c) =>
    c.json(await svc.acceptProblem(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(outcome, async (c) =>
    c.json(await svc.recordOutcome(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200),
  )
