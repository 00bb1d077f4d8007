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
import { audit } from '../../audit/audit.ts'
import { requireRole, requireUser } from '../../auth/middleware.ts'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { applyTo, changeStage, createOpportunity, getApplication, getOpportunity, listApplications, listOpportunities, setOpportunityStatus } from './service.ts'

const tags = ['partners']
const security = [{ bearer: [] }]
const idParam = z.object({ id: z.uuid() })
const errs = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Role may not do this', content: problemJson },
  404: { description: 'Missing or out of scope', content: problemJson },
  409: { description: 'Conflicts with the current state', content: problemJson },
  422: { description: 'Invalid input', content: problemJson },
}
const page = <T extends z.ZodTypeAny>(item: T, extra: z.ZodRawShape = {}) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), ...extra })

/** The day in China (UTC+8): event dates are local calendar days. */
const todayCn = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

const listOppRoute = createRoute({
  method: 'get',
  path: '/partner-opportunities',
  tags,
  security,
  summary: '我在浙丽有个村: partnership opportunities. Enterprises see every open one in the programme; others what their scope covers',
  request: { query: OpportunityListQuerySchema },
  responses: { 200: { description: 'A page of opportunities', content: { 'application/json': { schema: page(OpportunitySchema) } } }, 401: errs[401], 422: errs[422] },
})
const createOppRoute = createRoute({
  method: 'post',
  path: '/partner-opportunities',
  tags,
  security,
  summary: 'Publish an opportunity (idle building, land, resource, or bundled villages): the village collective for its village, or staff in scope',
  request: { body: { content: { 'application/json': { schema: OpportunityCreateSchema } }, required: true } },
  responses: { 201: { description: 'Published', content: { 'application/json': { schema: OpportunitySchema } } }, ...errs },
})
const getOppRoute = createRoute({
  method: 'get',
  path: '/partner-opportunities/{id}',
  tags,
  security,
  summary: 'One opportunity',
  request: { params: idParam },
  responses: { 200: { description: 'The opportunity', content: { 'application/json': { schema: OpportunitySchema } } }, 401: errs[401], 404: errs[404], 422: errs[422] },
})
const statusOppRoute = createRoute({
  method: 'patch',
  path: '/partner-opportunities/{id}',
  tags,
  security,
  summary: 'Close or reopen an opportunity (publishing collective or staff in scope)',
  request: { params: idParam, body: { content: { 'application/json': { schema: z.object({ status: z.enum(['open', 'closed']) }) } }, required: true } },
  responses: { 200: { description: 'Changed', content: { 'application/json': { schema: OpportunitySchema } } }, ...errs },
})
const applyRoute = createRoute({
  method: 'post',
  path: '/partner-opportunities/{id}/applications',
  tags,
  security,
  summary: 'Apply to an open opportunity (an enterprise for itself; staff may register an application on behalf of an enterprise)',
  request: { params: idParam, body: { content: { 'application/json': { schema: ApplicationCreateSchema } }, required: true } },
  responses: { 201: { description: 'Applied', content: { 'application/json': { schema: ApplicationDetailSchema } } }, ...errs },
})
const listAppRoute = createRoute({
  method: 'get',
  path: '/partner-applications',
  tags,
  security,
  summary: 'Applications in scope (staff: region; enterprise: its own; collective: to its opportunities), with counts per stage',
  request: { query: ApplicationListQuerySchema },
  responses: {
    200: { description: 'A page of applications', content: { 'application/json': { schema: page(ApplicationSchema, { byStage: z.record(z.string(), z.number().int()) }) } } },
    401: errs[401],
    422: errs[422],
  },
})
const getAppRoute = createRoute({
  method: 'get',
  path: '/partner-applications/{id}',
  tags,
  security,
  summary: 'One application with its dated follow-up notes and stage changes',
  request: { params: idParam },
  responses: { 200: { description: 'The application', content: { 'application/json': { schema: ApplicationDetailSchema } } }, 401: errs[401], 404: errs[404], 422: errs[422] },
})
const eventRoute = createRoute({
  method: 'post',
  path: '/partner-applications/{id}/events',
  tags,
  security,
  summary:
    'Add a dated note and/or move the stage (applied → contacted → site_visit → negotiating → signed, or withdrawn/rejected). Staff move stages; the enterprise may withdraw. Signing needs `sign`: an existing workshop in the village(s) or a new one; the enterprise is then linked to it',
  request: { params: idParam, body: { content: { 'application/json': { schema: StageChangeSchema } }, required: true } },
  responses: { 200: { description: 'The application after the change', content: { 'application/json': { schema: ApplicationDetailSchema } } }, ...errs },
})

export const partnerRoutes = createRouter()
  .openapi(listOppRoute, async (c) => {
    requireUser(c)
    return c.json(await listOpportunities(c.var.db, c.var.scope, c.req.valid('query')) as never, 200)
  })
  .openapi(createOppRoute, async (c) => {
    const user = requireRole(c, 'admin', 'staff', 'collective')
    const input = c.req.valid('json')
    const opp = await c.var.db.transaction(async (tx) => {
      const opp = await createOpportunity(tx, c.var.scope, user.id, input)
      await audit(tx, c.var.caller, { action: 'partners.publish', targetType: 'partner_opportunity', targetId: opp.id, regionCode: opp.regionCode, detail: { title: opp.title, kind: opp.kind } })
      return opp
    })
    return c.json(opp as never, 201)
  })
  .openapi(getOppRoute, async (c) => {
    requireUser(c)
    return c.json(await getOpportunity(c.var.db, c.var.scope, c.req.valid('param').id) as never, 200)
  })
  .openapi(statusOppRoute, async (c) => {
    requireRole(c, 'admin', 'staff', 'collective')
    const { id } = c.req.valid('param')
    const { status } = c.req.valid('json')
    const opp = await c.var.db.transaction(async (tx) => {
      const opp = await setOpportunityStatus(tx, c.var.scope, id, status)
      await audit(tx, c.var.caller, { action: `partners.${status === 'open' ? 'reopen' : 'close'}`, targetType: 'partner_opportunity', targetId: id, regionCode: opp.regionCode })
      return opp
    })
    return c.json(opp as never, 200)
  })
  .openapi(applyRoute, async (c) => {
    const user = requireRole(c, 'admin', 'staff', 'enterprise')
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const app = await c.var.db.transaction(async (tx) => {
      const app = await applyTo(tx, c.var.scope, user, id, input, todayCn())
      await audit(tx, c.var.caller, { action: 'partners.apply', targetType: 'partner_application', targetId: app.id, regionCode: app.regionCode, detail: { opportunityId: id, enterpriseId: app.enterpriseId } })
      return app
    })
    return c.json(app as never, 201)
  })
  .openapi(listAppRoute, async (c) => {
    requireUser(c)
    return c.json(await listApplications(c.var.db, c.var.scope, c.req.valid('query')) as never, 200)
  })
  .openapi(getAppRoute, async (c) => {
    requireUser(c)
    return c.json(await getApplication(c.var.db, c.var.scope, c.req.valid('param').id) as never, 200)
  })
  .openapi(eventRoute, async (c) => {
    const user = requireUser(c)
    const { id } = c.req.valid('param')
    const change = c.req.valid('json')
    const app = await c.var.db.transaction(async (tx) => {
      const { application, from, createdWorkshop } = await changeStage(tx, c.var.scope, user, id, change, todayCn())
      await audit(tx, c.var.caller, {
        action: change.toStage ? 'partners.stage' : 'partners.note',
        targetType: 'partner_application',
        targetId: id,
        regionCode: application.regionCode,
        detail: { from, to: change.toStage ?? null, eventDate: change.eventDate, workshopId: application.workshopId },
      })
      if (createdWorkshop)
        await audit(tx, c.var.caller, {
          action: 'workshop.create',
          targetType: 'workshop',
          targetId: createdWorkshop.id,
          regionCode: createdWorkshop.regionCode,
          detail: { via: 'partner-application', applicationId: id },
        })
      return application
    })
    return c.json(app as never, 200)
  })
