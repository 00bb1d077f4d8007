import { createRoute, z } from '@hono/zod-openapi'
import ExcelJS from 'exceljs'
import type { Context } from 'hono'
import {
  IncomeAlertPageSchema,
  IncomeAlertQuerySchema,
  IncomeQuerySchema,
  IncomeSummarySchema,
  IncomeWorkerListQuerySchema,
  IncomeWorkerPageSchema,
} from '@gongfang/shared/cockpit'
import { createRouter } from '../../http/router.ts'
import { problemJson } from '../../http/problem.ts'
import { requireRole } from '../../auth/middleware.ts'
import type { AppEnv } from '../../http/env.ts'
import { audit } from '../../audit/audit.ts'
import { periodOf, regionFor } from '../cockpit/service.ts'
import { XLSX_TYPE, fenToYuan } from '../cockpit/export.ts'
import { incomeSummary, listAlerts, listIncomeWorkers } from './service.ts'
import { monthLabel, monthIndex } from '../cockpit/figures.ts'

const errors = {
  401: { description: 'Not logged in', content: problemJson },
  403: { description: 'Not staff', content: problemJson },
  404: { description: 'No such region, or outside the caller’s scope', content: problemJson },
  422: { description: 'Invalid query', content: problemJson },
}
const xlsx = { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } }
const EXPORT_MAX = 50_000

const summaryRoute = createRoute({
  method: 'get',
  path: '/income/summary',
  tags: ['income'],
  summary: 'Earnings against baseline by cohort (all, low-income, disabled, aged 60+, women) for workers living in a region',
  security: [{ bearer: [] }],
  request: { query: IncomeQuerySchema },
  responses: { 200: { description: 'Cohorts', content: { 'application/json': { schema: IncomeSummarySchema } } }, ...errors },
})

const workersRoute = createRoute({
  method: 'get',
  path: '/income/workers',
  tags: ['income'],
  summary: 'Per worker: baseline monthly income, earnings in the period, active months, monthly increase',
  security: [{ bearer: [] }],
  request: { query: IncomeWorkerListQuerySchema },
  responses: { 200: { description: 'A page of workers', content: { 'application/json': { schema: IncomeWorkerPageSchema } } }, ...errors },
})

const workersExportRoute = createRoute({
  method: 'get',
  path: '/income/workers.xlsx',
  tags: ['income'],
  summary: 'The worker list as a workbook (up to 50,000 rows)',
  security: [{ bearer: [] }],
  request: { query: IncomeWorkerListQuerySchema.omit({ page: true, pageSize: true }) },
  responses: { 200: { description: 'xlsx', content: xlsx }, ...errors },
})

const alertsRoute = createRoute({
  method: 'get',
  path: '/income/alerts',
  tags: ['income'],
  summary: 'Workers to follow up in a month: earnings fell back below baseline, or no work for two months',
  security: [{ bearer: [] }],
  request: { query: IncomeAlertQuerySchema },
  responses: { 200: { description: 'A page of alerts', content: { 'application/json': { schema: IncomeAlertPageSchema } } }, ...errors },
})

const alertsExportRoute = createRoute({
  method: 'get',
  path: '/income/alerts.xlsx',
  tags: ['income'],
  summary: 'The alert list as a workbook',
  security: [{ bearer: [] }],
  request: { query: IncomeAlertQuerySchema.omit({ page: true, pageSize: true }) },
  responses: { 200: { description: 'xlsx', content: xlsx }, ...errors },
})

function staffRegion(c: Context<AppEnv>, region: string | undefined) {
  const user = requireRole(c, 'admin', 'staff')
  return regionFor(c.var.scope, user, region)
}

async function sheet(name: string, headers: string[], rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(name)
  ws.addRow(headers).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  for (const r of rows) ws.addRow(r)
  headers.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(10, h.length * 2 + 2)))
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

function download(c: Context, body: Uint8Array, ascii: string, zh: string) {
  return c.body(body as never, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`,
  })
}

const COHORT_ZH = { all: '全部', low_income: '低收入农户', disabled: '残疾人', aged60: '60岁以上', women: '妇女' } as const
const ALERT_ZH = { below_baseline: '收入回落至基线以下', no_work_2m: '连续两个月无务工收入' } as const
const yesNo = (b: boolean) => (b ? '是' : '否')
/** The alert month defaults to the previous month (the current one is still under way). */
const defaultAlertMonth = () => monthLabel(monthIndex(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)) - 1)

export const incomeRoutes = createRouter()
  .openapi(summaryRoute, async (c) => {
    const q = c.req.valid('query')
    const region = staffRegion(c, q.region)
    return c.json(await incomeSummary(c.var.db, region, periodOf(q)), 200)
  })
  .openapi(workersRoute, async (c) => {
    const q = c.req.valid('query')
    const region = staffRegion(c, q.region)
    const page = await listIncomeWorkers(c.var.db, region, periodOf(q), q)
    await audit(c.var.db, c.var.caller, { action: 'income.workers.view', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
    return c.json(page, 200)
  })
  .openapi(workersExportRoute, async (c) => {
    const q = c.req.valid('query')
    const region = staffRegion(c, q.region)
    const p = periodOf(q)
    const page = await listIncomeWorkers(c.var.db, region, p, { ...q, page: 1, pageSize: EXPORT_MAX })
    await audit(c.var.db, c.var.caller, { action: 'income.workers.export', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
    const body = await sheet(
      '工人收入监测',
      ['姓名', '村（社区）', '性别', '年龄', '低收入农户', '残疾人', '基线月收入（元）', '期间收入（元）', '务工月数', '月均增收（元）', '末月收入（元）', '增收/基线（%）'],
      page.items.map((w) => [
        w.name,
        w.regionName ?? w.regionCode,
        w.sex === 'F' ? '女' : '男',
        w.age,
        yesNo(w.lowIncome),
        yesNo(w.disabled),
        fenToYuan(w.baselineMonthlyFen),
        fenToYuan(w.earningsFen),
        w.activeMonths,
        fenToYuan(w.avgMonthlyEarningsFen),
        fenToYuan(w.lastMonthFen),
        w.increasePct,
      ]),
    )
    return download(c, body, `income-workers-${region}-${p.from}-${p.to}.xlsx`, `收入监测_${COHORT_ZH[q.cohort]}_${p.from}_${p.to}.xlsx`) as never
  })
  .openapi(alertsRoute, async (c) => {
    const q = c.req.valid('query')
    const region = staffRegion(c, q.region)
    const page = await listAlerts(c.var.db, region, q.month ?? defaultAlertMonth(), q)
    await audit(c.var.db, c.var.caller, { action: 'income.alerts.view', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
    return c.json(page, 200)
  })
  .openapi(alertsExportRoute, async (c) => {
    const q = c.req.valid('query')
    const region = staffRegion(c, q.region)
    const month = q.month ?? defaultAlertMonth()
    const page = await listAlerts(c.var.db, region, month, { kind: q.kind, page: 1, pageSize: EXPORT_MAX })
    await audit(c.var.db, c.var.caller, { action: 'income.alerts.export', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
    const body = await sheet(
      '收入预警',
      ['预警类型', '姓名', '村（社区）', '联系电话', '低收入农户', '残疾人', '基线月收入（元）', `${month} 收入（元）`, '最近务工月份'],
      page.items.map((a) => [
        ALERT_ZH[a.kind],
        a.name,
        a.regionName ?? a.regionCode,
        a.phone,
        yesNo(a.lowIncome),
        yesNo(a.disabled),
        fenToYuan(a.baselineMonthlyFen),
        fenToYuan(a.monthFen),
        a.lastActiveMonth,
      ]),
    )
    return download(c, body, `income-alerts-${region}-${month}.xlsx`, `收入预警_${month}.xlsx`) as never
  })
