import { createRoute, z } from '@hono/zod-openapi'
import {
  ApplicationCreateSchema,
  ApplicationDetailSchema,
  ApplicationListQuerySchema,
  ApplicationSchema,
  OpportunityCreateSchema,
  OpportunityListQuerySchema,
  OpportunitySchema,
  StageChangeSchema,
} from '@gongfang/shared/partners'
import { createRouter } from '../../http/router.ts'
import { bearer, idParam, json, jsonBody, problemResponses } from '../../http/route-helpers.ts'
import { applyTo, changeStage, getApplication, listApplications } from './applications.ts'
import { createOpportunity, getOpportunity, listOpportunities, setOpportunityStatus } from './opportunities.ts'

const tags = ['partners']
const errs = problemResponses
const page = <T extends z.ZodTypeAny>(item: T, extra: z.ZodRawShape = {}) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    ...extra,
  })

/** The day in China (UTC+8): event dates are local calendar days. */

const listOppRoute = createRoute({
  method: 'get',
  path: '/partner-opportunities',
  tags,
  security: bearer,
  summary:
    '我在浙丽有个村: partnership opportunities. Enterprises see every open one in the programme; others what their scope covers',
  request: { query: OpportunityListQuerySchema },
  responses: {
    200: json(page(OpportunitySchema), 'A page of opportunities'),
    401: errs[401],
    422: errs[422],
  },
})
const createOppRoute = createRoute({
  method: 'post',
  path: '/partner-opportunities',
  tags,
  security: bearer,
  summary:
    'Publish an opportunity (idle building, land, resource, or bundled villages): the village collective for its village, or staff in scope',
  request: jsonBody(OpportunityCreateSchema),
  responses: {
    201: json(OpportunitySchema, 'Published'),
    ...errs,
  },
})
const getOppRoute = createRoute({
  method: 'get',
  path: '/partner-opportunities/{id}',
  tags,
  security: bearer,
  summary: 'One opportunity',
  request: { params: idParam },
  responses: {
    200: json(OpportunitySchema, 'The opportunity'),
    401: errs[401],
    404: errs[404],
    422: errs[422],
  },
})
const statusOppRoute = createRoute({
  method: 'patch',
  path: '/partner-opportunities/{id}',
  tags,
  security: bearer,
  summary: 'Close or reopen an opportunity (publishing collective or staff in scope)',
  request: {
    params: idParam,
    body: {
      content: { 'application/json': { schema: z.object({ status: z.enum(['open', 'closed']) }) } },
      required: true,
    },
  },
  responses: {
    200: json(OpportunitySchema, 'Changed'),
    ...errs,
  },
})
const applyRoute = createRoute({
  method: 'post',
  path: '/partner-opportunities/{id}/applications',
  tags,
  security: bearer,
  summary:
    'Apply to an open opportunity (an enterprise for itself; staff may register an application on behalf of an enterprise)',
  request: {
    params: idParam,
    ...jsonBody(ApplicationCreateSchema),
  },
  responses: {
    201: json(ApplicationDetailSchema, 'Applied'),
    ...errs,
  },
})
const listAppRoute = createRoute({
  method: 'get',
  path: '/partner-applications',
  tags,
  security: bearer,
  summary:
    'Applications in scope (staff: region; enterprise: its own; collective: to its opportunities), with counts per stage',
  request: { query: ApplicationListQuerySchema },
  responses: {
    200: {
      description: 'A page of applications',
      content: {
        'application/json': { schema: page(ApplicationSchema, { byStage: z.record(z.string(), z.number().int()) }) },
      },
    },
    401: errs[401],
    422: errs[422],
  },
})
const getAppRoute = createRoute({
  method: 'get',
  path: '/partner-applications/{id}',
  tags,
  security: bearer,
  summary: 'One application with its dated follow-up notes and stage changes',
  request: { params: idParam },
  responses: {
    200: json(ApplicationDetailSchema, 'The application'),
    401: errs[401],
    404: errs[404],
    422: errs[422],
  },
})
const eventRoute = createRoute({
  method: 'post',
  path: '/partner-applications/{id}/events',
  tags,
  security: bearer,
  summary:
    'Add a dated note and/or move the stage (applied → contacted → site_visit → negotiating → signed, or withdrawn/rejected). Staff move stages; the enterprise may withdraw. Signing needs `sign`: an existing workshop in the village(s) or a new one; the enterprise is then linked to it',
  request: {
    params: idParam,
    ...jsonBody(StageChangeSchema),
  },
  responses: {
    200: json(ApplicationDetailSchema, 'The application after the change'),
    ...errs,
  },
})

export const partnerRoutes = createRouter()
  .openapi(listOppRoute, async (c) =>
    c.json(await listOpportunities(c.var.db, c.var.caller, c.req.valid('query')), 200),
  )
  .openapi(createOppRoute, async (c) =>
    c.json(await createOpportunity(c.var.db, c.var.caller, c.req.valid('json')), 201),
  )
  .openapi(getOppRoute, async (c) => c.json(await getOpportunity(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(statusOppRoute, async (c) =>
    c.json(
      await setOpportunityStatus(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json').status),
      200,
    ),
  )
  .openapi(applyRoute, async (c) =>
    c.json(await applyTo(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(listAppRoute, async (c) => c.json(await listApplications(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(getAppRoute, async (c) => c.json(await getApplication(c.var.db, c.var.caller, c.req.valid('param').id), 200))
  .openapi(eventRoute, async (c) =>
    c.json(await changeStage(c.var.db, c.var.caller, c.req.valid('param').id, c.req.valid('json')), 200),
  )
