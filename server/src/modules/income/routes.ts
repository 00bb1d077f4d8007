import { createRoute, z } from '@hono/zod-openapi'
import {
  IncomeAlertPageSchema,
  IncomeAlertQuerySchema,
  IncomeQuerySchema,
  IncomeSummarySchema,
  IncomeWorkerListQuerySchema,
  IncomeWorkerPageSchema,
} from '@gongfang/shared/cockpit'
import { createRouter } from '../../http/router.ts'
import { bearer } from '../../http/route-helpers.ts'
import { XLSX_TYPE } from '../cockpit/export.ts'
import { reportProblems } from '../cockpit/routes.ts'
import { downloadHeaders } from '../../files/export.ts'
import { alertsWorkbook, incomeAlerts, incomeSummary, incomeWorkers, workersWorkbook } from './service.ts'

const errors = reportProblems
const xlsx = { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } }

const summaryRoute = createRoute({
  method: 'get',
  path: '/income/summary',
  tags: ['income'],
  summary: 'Earnings against baseline by cohort (all, low-income, disabled, aged 60+, women) for workers living in a region',
  security: bearer,
  request: { query: IncomeQuerySchema },
  responses: { 200: { description: 'Cohorts', content: { 'application/json': { schema: IncomeSummarySchema } } }, ...errors },
})

const workersRoute = createRoute({
  method: 'get',
  path: '/income/workers',
  tags: ['income'],
  summary: 'Per worker: baseline monthly income, earnings in the period, active months, monthly increase',
  security: bearer,
  request: { query: IncomeWorkerListQuerySchema },
  responses: { 200: { description: 'A page of workers', content: { 'application/json': { schema: IncomeWorkerPageSchema } } }, ...errors },
})

const workersExportRoute = createRoute({
  method: 'get',
  path: '/income/workers.xlsx',
  tags: ['income'],
  summary: 'The worker list as a workbook (up to 50,000 rows)',
  security: bearer,
  request: { query: IncomeWorkerListQuerySchema.omit({ page: true, pageSize: true }) },
  responses: { 200: { description: 'xlsx', content: xlsx }, ...errors },
})

const alertsRoute = createRoute({
  method: 'get',
  path: '/income/alerts',
  tags: ['income'],
  summary: 'Workers to follow up in a month: earnings fell back below baseline, or no work for two months',
  security: bearer,
  request: { query: IncomeAlertQuerySchema },
  responses: { 200: { description: 'A page of alerts', content: { 'application/json': { schema: IncomeAlertPageSchema } } }, ...errors },
})

const alertsExportRoute = createRoute({
  method: 'get',
  path: '/income/alerts.xlsx',
  tags: ['income'],
  summary: 'The alert list as a workbook',
  security: bearer,
  request: { query: IncomeAlertQuerySchema.omit({ page: true, pageSize: true }) },
  responses: { 200: { description: 'xlsx', content: xlsx }, ...errors },
})

const download = (file: { ascii: string; filename: string }) => downloadHeaders(XLSX_TYPE, file.filename, file.ascii)

export const incomeRoutes = createRouter()
  .openapi(summaryRoute, async (c) => c.json(await incomeSummary(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(workersRoute, async (c) => c.json(await incomeWorkers(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(workersExportRoute, async (c) => {
    const file = await workersWorkbook(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(file.data as Uint8Array<ArrayBuffer>, 200, download(file))
  })
  .openapi(alertsRoute, async (c) => c.json(await incomeAlerts(c.var.db, c.var.caller, c.req.valid('query')), 200))
  .openapi(alertsExportRoute, async (c) => {
    const file = await alertsWorkbook(c.var.db, c.var.caller, c.req.valid('query'))
    return c.body(file.data as Uint8Array<ArrayBuffer>, 200, download(file))
  })
