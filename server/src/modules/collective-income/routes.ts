import { createRoute, z } from '@hono/zod-openapi'
import {
  CollectiveIncomeCreateSchema,
  CollectiveIncomeListQuerySchema,
  CollectiveIncomePageSchema,
  CollectiveIncomeSchema,
  CollectiveOptionSchema,
} from '@gongfang/shared/collective'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { bookIncome, collectiveOptions, incomeSources, listIncomes } from './service.ts'

const tags = ['collective-income']
const security = [{ bearer: [] }]

const listRoute = createRoute({
  method: 'get',
  path: '/collective-incomes',
  tags,
  security,
  summary:
    'Village-collective income bookings in scope (rent, management fees, dividends), with sums over all matching rows',
  request: { query: CollectiveIncomeListQuerySchema },
  responses: {
    200: { description: 'A page of bookings', content: { 'application/json': { schema: CollectiveIncomePageSchema } } },
    401: { description: 'Not logged in', content: problemJson },
    422: { description: 'Invalid query', content: problemJson },
  },
})

const createIncomeRoute = createRoute({
  method: 'post',
  path: '/collective-incomes',
  tags,
  security,
  summary: "Book a collective's income (collective account for itself, or staff in scope); amount in integer fen",
  request: { body: { content: { 'application/json': { schema: CollectiveIncomeCreateSchema } }, required: true } },
  responses: {
    201: { description: 'Booked', content: { 'application/json': { schema: CollectiveIncomeSchema } } },
    401: { description: 'Not logged in', content: problemJson },
    403: { description: 'Role may not book income', content: problemJson },
    404: { description: 'Collective missing or out of scope', content: problemJson },
    422: { description: 'Invalid input', content: problemJson },
  },
})

const optionsRoute = createRoute({
  method: 'get',
  path: '/collective-incomes/collectives',
  tags,
  security,
  summary: 'Collectives the caller may book income for (picker, up to 50)',
  request: { query: z.object({ q: z.string().trim().min(1).max(60).optional() }) },
  responses: {
    200: { description: 'Collectives', content: { 'application/json': { schema: z.array(CollectiveOptionSchema) } } },
    401: { description: 'Not logged in', content: problemJson },
    422: { description: 'Invalid query', content: problemJson },
  },
})

const sourcesRoute = createRoute({
  method: 'get',
  path: '/collective-incomes/sources',
  tags,
  security,
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
    401: { description: 'Not logged in', content: problemJson },
    403: { description: 'Role may not book income', content: problemJson },
    404: { description: 'Collective missing or out of scope', content: problemJson },
    422: { description: 'Collective not named (staff) or invalid query', content: problemJson },
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
