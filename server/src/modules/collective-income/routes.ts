import { createRoute, z } from '@hono/zod-openapi'
import {
  CollectiveIncomeCreateSchema,
  CollectiveIncomeListQuerySchema,
  CollectiveIncomePageSchema,
  CollectiveIncomeSchema,
  CollectiveOptionSchema,
} from '@gongfang/shared/collective'
import { createRouter } from '../../http/router.ts'
import { bearer, json, jsonBody, problems, pickerRoute } from '../../http/route-helpers.ts'
import { bookIncome, collectiveOptions, incomeSources, listIncomes } from './service.ts'

const tags = ['collective-income']

const listRoute = createRoute({
  method: 'get',
  path: '/collective-incomes',
  tags,
  security: bearer,
  summary:
    'Village-collective income bookings in scope (rent, management fees, dividends), with sums over all matching rows',
  request: { query: CollectiveIncomeListQuerySchema },
  responses: {
    200: json(CollectiveIncomePageSchema, 'A page of bookings'),
    ...problems({ 401: 'Not logged in', 422: 'Invalid query' }),
  },
})

const createIncomeRoute = createRoute({
  method: 'post',
  path: '/collective-incomes',
  tags,
  security: bearer,
  summary: "Book a collective's income (collective account for itself, or staff in scope); amount in integer fen",
  request: jsonBody(CollectiveIncomeCreateSchema),
  responses: {
    201: json(CollectiveIncomeSchema, 'Booked'),
    ...problems({
      401: 'Not logged in',
      403: 'Role may not book income',
      404: 'Collective missing or out of scope',
      422: 'Invalid input',
    }),
  },
})

const optionsRoute = pickerRoute(
  'collective-income',
  '/collective-incomes/collectives',
  'Collectives the caller may book income for (picker, up to 50)',
  json(z.array(CollectiveOptionSchema), 'Collectives'),
)

const sourcesRoute = createRoute({
  method: 'get',
  path: '/collective-incomes/sources',
  tags,
  security: bearer,
  summary: "A collective's workshops and their partner enterprises (sources of income, for pickers)",
  request: { query: z.object({ collectiveId: z.uuid().optional() }) },
  responses: {
    200: {
      description: 'Sources',
      content: {
        'application/json': {
          schema: z.object({
            workshops: z.array(z.object({ id: z.string(), name: z.string() })),
            enterprises: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
        },
      },
    },
    ...problems({
      401: 'Not logged in',
      403: 'Role may not book income',
      404: 'Collective missing or out of scope',
      422: 'Collective not named (staff) or invalid query',
    }),
  },
})

export const collectiveIncomeRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listIncomes(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(createIncomeRoute, async (c) => c.json(await bookIncome(c.var.db, c.var.caller, c.req.valid('json')), 201))
  .openapi(optionsRoute, async (c) =>
    c.json(await collectiveOptions(c.var.db, c.var.caller, c.req.valid('query').q), 200),
  )
  .openapi(sourcesRoute, async (c) =>
    c.json(await incomeSources(c.var.db, c.var.caller, c.req.valid('query').collectiveId), 200),
  )
