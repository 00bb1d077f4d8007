import { beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { disputes, importJobs, improvementFollowUps, improvementPlans, paysheets } from '../../db/schema/index.ts'
import { scopeOf } from '../../auth/scope.ts'
import { makeWorkshop, villagesOf } from '../ratings/fixtures.ts'
import { foldPendingWork } from '../cockpit/fold.ts'
import { withBudget, workbench } from './service.ts'
import { systemCaller } from '../../auth/caller.ts'

const t = useTestApp()
type Item = { key: string; count: number | null; amountFen: number | null }
const QINGYUAN = '331126'
// The demo's roll-up queue is folded once up front (tens of seconds on PGlite), as the running server does in
// the background; otherwise the first income-alert count pays for it.
beforeAll(async () => {
  await foldPendingWork(t.database.db)
}, 300_000)
const LONGQUAN = '331181'

async function counts(as: string, query = '') {
  const res = await t.api('GET', `/api/workbench${query}`, { as })
  expect(res.status).toBe(200)
  return Object.fromEntries((res.body.items as Item[]).map((i) => [i.key, i])) as Record<string, Item>
}

const one = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.database.db, q))[0]!.n)
const userId = async (username: string) =>
  (
    await queryRows<{ id: string }>(t.database.db, sql`select id::text as id from users where username = ${username}`)
  )[0]!.id

test('counts follow the data, within the caller scope only', async () => {
  const db = t.database.db
  const [qyVillage] = await villagesOf(db, QINGYUAN, 1)
  const [lqVillage] = await villagesOf(db, LONGQUAN, 1)
  const qyWs = await makeWorkshop(db, qyVillage!, '待办测试工坊')
  const lqWs = await makeWorkshop(db, lqVillage!, '待办测试工坊（龙泉）')
  const before = { qy: await counts('qingyuan'), lq: await counts('longquan') }

  // A submitted pay sheet in each county: each county's staff sees its own one more.
  await db.insert(paysheets).values([
    { workshopId: qyWs.id, regionCode: qyWs.regionCode, month: '2020-01', status: 'submitted' },
    { workshopId: lqWs.id, regionCode: lqWs.regionCode, month: '2020-01', status: 'submitted' },
    { workshopId: qyWs.id, regionCode: qyWs.regionCode, month: '2020-02', status: 'draft' },
  ])
  // An improvement plan with an overdue follow-up (counts), one whose follow-up is done (does not), one in Longquan.
  const plans = await db
    .insert(improvementPlans)
    .values([
      { workshopId: qyWs.id, regionCode: qyWs.regionCode, year: 2026, reason: 'r', plan: 'p' },
      { workshopId: qyWs.id, regionCode: qyWs.regionCode, year: 2025, reason: 'r', plan: 'p' },
      { workshopId: lqWs.id, regionCode: lqWs.regionCode, year: 2026, reason: 'r', plan: 'p' },
    ])
    .returning({ id: improvementPlans.id })
  await db.insert(improvementFollowUps).values([
    { planId: plans[0]!.id, dueOn: '2020-03-01' },
    { planId: plans[0]!.id, dueOn: '2020-04-01' }, // two overdue follow-ups, still one plan
    { planId: plans[1]!.id, dueOn: '2020-03-01', doneOn: '2020-03-01' },
    { planId: plans[2]!.id, dueOn: '2020-03-01' },
  ])
  // An open dispute in each county; imports: one with errors by qingyuan, one clean, one with errors by longquan.
  await db.insert(disputes).values([
    { subject: 'wage', workshopId: qyWs.id, regionCode: qyWs.regionCode, title: 't', description: 'd' },
    { subject: 'wage', workshopId: lqWs.id, regionCode: lqWs.regionCode, title: 't', description: 'd' },
  ])
  const err = [{ row: 2, column: 'idNumber', value: 'x', message: 'bad' }]
  await db.insert(importJobs).values([
    { kind: 'import:workers', state: 'done', userId: await userId('qingyuan'), errors: err },
    { kind: 'import:workers', state: 'done', userId: await userId('qingyuan'), errors: [] },
    { kind: 'import:workers', state: 'failed', userId: await userId('longquan'), errors: [] },
  ])

  const after = { qy: await counts('qingyuan'), lq: await counts('longquan') }
  for (const c of ['qy', 'lq'] as const) {
    expect(after[c].paysheetsAwaitingApproval!.count).toBe(before[c].paysheetsAwaitingApproval!.count! + 1)
    expect(after[c].overdueImprovementPlans!.count).toBe(before[c].overdueImprovementPlans!.count! + 1)
    expect(after[c].disputesToMediate!.count).toBe(before[c].disputesToMediate!.count! + 1)
    expect(after[c].importsWithErrors!.count).toBe(before[c].importsWithErrors!.count! + 1)
  }

  // Independently of the service's query: the county's submitted sheets and open disputes by code prefix.
  expect(after.qy.paysheetsAwaitingApproval!.count).toBe(
    await one(
      sql`select count(*) as n from paysheets where status = 'submitted' and region_code like ${QINGYUAN + '%'}`,
    ),
  )
  expect(after.qy.disputesToMediate!.count).toBe(
    await one(sql`select count(*) as n from disputes where (status = 'open' and region_code like ${QINGYUAN + '%'})
      or (status = 'mediating' and mediator_user_id = ${await userId('qingyuan')})`),
  )
  expect(after.qy.partnerApplications!.count).toBe(
    await one(sql`select count(*) as n from partner_applications where region_code like ${QINGYUAN + '%'}
      and stage in ('applied', 'contacted', 'site_visit', 'negotiating')`),
  )
  // The province sees at least both counties' sheets; the township its own open disputes plus those it mediates.
  const province = await counts('zhejiang')
  expect(province.paysheetsAwaitingApproval!.count).toBeGreaterThanOrEqual(
    after.qy.paysheetsAwaitingApproval!.count! + after.lq.paysheetsAwaitingApproval!.count!,
  )
  const township = await counts('township')
  expect(township.disputesToMediate!.count).toBe(
    await one(sql`select count(*) as n from disputes where (status = 'open' and region_code like '331126001%')
      or (status = 'mediating' and mediator_user_id = ${await userId('township')})`),
  )
})

async function caller(username: string) {
  const [u] = await queryRows<{
    id: string
    username: string
    display_name: string
    role: 'staff'
    region_code: string
  }>(
    t.database.db,
    sql`select id::text, username, display_name, role, region_code from users where username = ${username}`,
  )
  const user = {
    id: u!.id,
    username: u!.username,
    displayName: u!.display_name,
    role: u!.role,
    regionCode: u!.region_code,
    enterpriseId: null,
    collectiveId: null,
    workerId: null,
    locale: 'zh-CN' as const,
  }
  return systemCaller({ user, scope: await scopeOf(t.database.db, user) })
}

test('arrears and income alerts equal what their own pages report for the same caller', async () => {
  for (const who of ['qingyuan', 'township', 'longquan']) {
    const c = await counts(who)
    const arrears = await t.api('GET', '/api/arrears?overdueOnly=true', { as: who })
    expect(arrears.status).toBe(200)
    const lines = arrears.body.items as { overdueFen: number }[]
    expect(c.overdueArrears!.count).toBe(lines.length)
    expect(c.overdueArrears!.amountFen).toBe(lines.reduce((s, l) => s + l.overdueFen, 0))
    // With time to finish, the alert count is the income page's total for the same month and region.
    const full = await workbench(t.database.db, await caller(who), {
      includeIncomeAlerts: true,
      incomeAlertBudgetMs: 120_000,
    })
    const alerts = await t.api('GET', `/api/income/alerts?pageSize=1&month=${full.alertMonth}`, { as: who })
    expect(alerts.status).toBe(200)
    expect(full.items.find((i) => i.key === 'incomeAlerts')!.count).toBe(alerts.body.total)
  }
  // The demo has an order in arrears in Qingyuan and none in Longquan.
  expect((await counts('qingyuan')).overdueArrears!.count).toBeGreaterThan(0)
  expect((await counts('longquan')).overdueArrears!.count).toBe(0)
  // Through the route the count is either there (within the budget) or null, never a different figure.
  const viaRoute = (await counts('qingyuan', '?includeIncomeAlerts=true')).incomeAlerts!.count
  if (viaRoute !== null)
    expect(viaRoute).toBe((await t.api('GET', '/api/income/alerts?pageSize=1', { as: 'qingyuan' })).body.total)
}, 300_000)

test('the income-alert count is left out unless asked for, or when it runs over its budget', async () => {
  const skipped = await counts('qingyuan')
  expect(skipped.incomeAlerts!.count).toBeNull()
  expect(skipped.paysheetsAwaitingApproval!.count).not.toBeNull()
  const res = await workbench(t.database.db, await caller('qingyuan'), {
    includeIncomeAlerts: true,
    incomeAlertBudgetMs: 60_000,
  })
  expect(res.items.find((i) => i.key === 'incomeAlerts')!.count).toEqual(expect.any(Number))
  // The budget itself: a slow count is dropped, a quick one kept, a failure still fails.
  const slow = new Promise<number>((r) => setTimeout(() => r(5), 300))
  await expect(withBudget(slow, 20)).resolves.toBeNull()
  await expect(withBudget(Promise.resolve(5), 1_000)).resolves.toBe(5)
  await expect(withBudget(Promise.reject(new Error('x')), 1_000)).rejects.toThrow('x')
  expect(res.alertMonth).toMatch(/^\d{4}-\d{2}$/)
})

test('only staff have a workbench; bad input is a 422', async () => {
  for (const who of ['operator', 'worker', 'enterprise', 'collective']) {
    const res = await t.api('GET', '/api/workbench', { as: who })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  }
  expect((await t.api('GET', '/api/workbench', { as: null })).status).toBe(401)
  expect((await t.api('GET', '/api/workbench', { as: 'admin' })).status).toBe(200)
  expect((await t.api('GET', '/api/workbench?includeIncomeAlerts=maybe', { as: 'qingyuan' })).status).toBe(422)
})
