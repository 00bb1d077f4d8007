import { createRoute } from '@hono/zod-openapi'
import { WorkbenchQuerySchema, WorkbenchSchema } from '@gongfang/shared/workbench'
import { createRouter } from '../../http/router.ts'
import { bearer, json, problemResponses } from '../../http/route-helpers.ts'
import { workbench } from './service.ts'

const workbenchRoute = createRoute({
  method: 'get',
  path: '/workbench',
  tags: ['workbench'],
  security: bearer,
  summary:
    "Staff to-do counts in the caller's scope: pay sheets awaiting approval, overdue arrears, income alerts (only with includeIncomeAlerts=true, null when over the time budget), overdue improvement plans, partner applications to follow up, the caller's imports with errors, disputes to mediate",
  request: { query: WorkbenchQuerySchema },
  responses: {
    200: json(WorkbenchSchema, 'The counts'),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
})

export const workbenchRoutes = createRouter().openapi(workbenchRoute, async (c) => {
  const { includeIncomeAlerts } = c.req.valid('query')
  return c.json(await workbench(c.var.db, c.var.caller, { includeIncomeAlerts }), 200)
})
