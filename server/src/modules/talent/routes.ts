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
import { json, problemResponses, routesFor } from '../../http/route-helpers.ts'
import * as svc from './service.ts'

const talent = routesFor('talent', problemResponses)
const expert = json(ExpertSchema, 'The expert')
const problem = json(TechProblemSchema, 'The problem')

const listExperts = talent.list(
  '/experts',
  "The shared-talent pool: experts serving the caller's area (based within it or above it); phones masked for non-staff",
  ExpertListQuerySchema,
  json(pageOf(ExpertSchema), 'A page of experts'),
)
const createExpert = talent.create(
  '/experts',
  'Register an expert (skills, region, availability; optional login account)',
  ExpertCreateSchema,
  expert,
)
const getExpert = talent.get('/experts/{id}', 'One expert', expert)
const updateExpert = talent.update(
  '/experts/{id}',
  'Update an expert (staff, or the expert: e.g. availability)',
  ExpertUpdateSchema,
  expert,
)
const listProblems = talent.list(
  '/tech-problems',
  "Workshops' technical problems in scope; an expert also sees the open ones of their area and their own (mine=true)",
  TechProblemListQuerySchema,
  json(pageOf(TechProblemSchema), 'A page of problems'),
)
const postProblem = talent.create(
  '/tech-problems',
  'A workshop posts a technical problem',
  TechProblemCreateSchema,
  problem,
)
const getProblem = talent.get('/tech-problems/{id}', 'One problem', problem)
const accept = talent.act(
  '/tech-problems/{id}/accept',
  'Accept an open problem: staff name the expert, an expert with a login accepts for themself',
  TechProblemAcceptSchema,
  problem,
)
const outcome = talent.act(
  '/tech-problems/{id}/outcome',
  'Record the outcome (resolved or not) of an accepted problem',
  TechProblemOutcomeSchema,
  problem,
)

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
