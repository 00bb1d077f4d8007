import { createRoute, z } from '@hono/zod-openapi'
import { pageOf } from '@gongfang/shared'
import {
  AttendanceCreateSchema,
  AttendanceResultSchema,
  EnrolmentSchema,
  EnrolSchema,
  HeadcountQuerySchema,
  HeadcountSchema,
  TrainingSessionCreateSchema,
  TrainingSessionListQuerySchema,
  TrainingSessionSchema,
  WorkerSkillSchema,
} from '@gongfang/shared/programme'
import { createRouter } from '../../http/router.ts'
import { idParam, json, jsonBody, problems, routesFor, problemResponses } from '../../http/route-helpers.ts'
import * as svc from './service.ts'

// The usual problem answers, with what 409 means here.
const errors = {
  ...problemResponses,
  ...problems({ 409: 'Conflicts with the current state (full, over, already enrolled)' }),
}
const training = routesFor('training', errors)
const session = json(TrainingSessionSchema, 'The session')

const list = training.list(
  '/training-sessions',
  'Training sessions in scope (operators and workers also see those of their township)',
  TrainingSessionListQuerySchema,
  json(pageOf(TrainingSessionSchema), 'A page of sessions'),
)
const create = training.create(
  '/training-sessions',
  'Schedule a session (topic, skill it teaches, trainer, place, date, capacity)',
  TrainingSessionCreateSchema,
  session,
)
const get = training.get('/training-sessions/{id}', 'One session with its enrolment and attendance counts', session)
const enrolments = training.get(
  '/training-sessions/{id}/enrolments',
  'Who enrolled and who attended (staff, host operator)',
  json(z.array(EnrolmentSchema), 'The enrolments'),
)
const enrol = training.route({
  method: 'post',
  path: '/training-sessions/{id}/enrolments',
  summary: 'Enrol a worker (capacity enforced; 409 when full). Workers may enrol themselves',
  request: { params: idParam, ...jsonBody(EnrolSchema) },
  responses: { 201: json(TrainingSessionSchema, 'The session with its new count') },
})
const unenrol = training.route({
  method: 'delete',
  path: '/training-sessions/{id}/enrolments/{workerId}',
  summary: 'Cancel an enrolment (not after attendance)',
  request: { params: z.object({ id: z.uuid(), workerId: z.uuid() }) },
  responses: { 200: session },
})
const attend = training.act(
  '/training-sessions/{id}/attendances',
  "Record attendance of enrolled workers; adds the session's skill to each worker's record with the session date",
  AttendanceCreateSchema,
  json(AttendanceResultSchema, 'What was recorded'),
)
const skills = training.get(
  '/workers/{id}/skills',
  "A worker's dated skill record (training, registry)",
  json(z.array(WorkerSkillSchema), 'The skills'),
)
// Public (no login): the cockpit shows it to anyone.
const heads = createRoute({
  method: 'get',
  path: '/training/headcount',
  tags: ['training'],
  summary: 'Training headcount of a region and its child regions (aggregates only; public, for the cockpit)',
  request: { query: HeadcountQuerySchema },
  responses: {
    200: json(HeadcountSchema, 'Headcount'),
    ...problems({ 404: 'No such region' }),
    422: errors[422],
  },
})

export const trainingRoutes = createRouter()
  .openapi(list, async (c) => c.json(await svc.listSessions(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(create, async (c) => c.json(await svc.createSession(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await svc.getSession(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(enrolments, async (c) =>
    c.json(await svc.listEnrolments(c.var.db, c.var.caller, c.req.valid('param').id), 200),
  )
  .openapi(enrol, async (c) =>
    c.json(await svc.enrol(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').workerId), 201),
  )
  .openapi(unenrol, async (c) => {
    const p = c.req.valid('param')
    return c.json(await svc.unenrol(c.var.db, c.var.caller, p.id, p.workerId), 200)
  })
  .openapi(attend, async (c) =>
    c.json(
      await svc.recordAttendance(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').workerIds),
      200,
    ),
  )
  .openapi(skills, async (c) => c.json(await svc.skillsOf(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(heads, async (c) => {
    const q = c.req.valid('query')
    return c.json(await svc.headcount(c.var.db, q.region, q.year), 200)
  })
