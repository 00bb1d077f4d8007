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
import { bearer, idParam, json, jsonBody as body, problems } from '../../http/route-helpers.ts'
import * as svc from './service.ts'

const tags = ['training']
const errors = problems({
  401: 'Not logged in',
  403: 'Role may not do this',
  404: 'Missing or out of scope',
  409: 'Conflicts with the current state (full, over, already enrolled)',
  422: 'Invalid input',
})

const list = createRoute({
  method: 'get',
  path: '/training-sessions',
  tags,
  security: bearer,
  summary: 'Training sessions in scope (operators and workers also see those of their township)',
  request: { query: TrainingSessionListQuerySchema },
  responses: { 200: json(pageOf(TrainingSessionSchema), 'A page of sessions'), ...errors },
})
const create = createRoute({
  method: 'post',
  path: '/training-sessions',
  tags,
  security: bearer,
  summary: 'Schedule a session (topic, skill it teaches, trainer, place, date, capacity)',
  request: body(TrainingSessionCreateSchema),
  responses: { 201: json(TrainingSessionSchema, 'The session'), ...errors },
})
const get = createRoute({
  method: 'get',
  path: '/training-sessions/{id}',
  tags,
  security: bearer,
  summary: 'One session with its enrolment and attendance counts',
  request: { params: idParam },
  responses: { 200: json(TrainingSessionSchema, 'The session'), ...errors },
})
const enrolments = createRoute({
  method: 'get',
  path: '/training-sessions/{id}/enrolments',
  tags,
  security: bearer,
  summary: 'Who enrolled and who attended (staff, host operator)',
  request: { params: idParam },
  responses: { 200: json(z.array(EnrolmentSchema), 'The enrolments'), ...errors },
})
const enrol = createRoute({
  method: 'post',
  path: '/training-sessions/{id}/enrolments',
  tags,
  security: bearer,
  summary: 'Enrol a worker (capacity enforced; 409 when full). Workers may enrol themselves',
  request: { params: idParam, ...body(EnrolSchema) },
  responses: { 201: json(TrainingSessionSchema, 'The session with its new count'), ...errors },
})
const unenrol = createRoute({
  method: 'delete',
  path: '/training-sessions/{id}/enrolments/{workerId}',
  tags,
  security: bearer,
  summary: 'Cancel an enrolment (not after attendance)',
  request: { params: z.object({ id: z.uuid(), workerId: z.uuid() }) },
  responses: { 200: json(TrainingSessionSchema, 'The session'), ...errors },
})
const attend = createRoute({
  method: 'post',
  path: '/training-sessions/{id}/attendances',
  tags,
  security: bearer,
  summary:
    "Record attendance of enrolled workers; adds the session's skill to each worker's record with the session date",
  request: { params: idParam, ...body(AttendanceCreateSchema) },
  responses: { 200: json(AttendanceResultSchema, 'What was recorded'), ...errors },
})
const skills = createRoute({
  method: 'get',
  path: '/workers/{id}/skills',
  tags,
  security: bearer,
  summary: "A worker's dated skill record (training, registry)",
  request: { params: idParam },
  responses: { 200: json(z.array(WorkerSkillSchema), 'The skills'), ...errors },
})
const heads = createRoute({
  method: 'get',
  path: '/training/headcount',
  tags,
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
