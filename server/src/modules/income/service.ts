/**
 * Income monitoring: each worker's platform earnings against the baseline monthly income they had before
 * joining (registry), by cohort, and the follow-up alert list. Workers belong to a scope by their home
 * village (workers.region_code); earnings come from the cockpit's worker-month roll-up (all workshops).
 */
import { foldPendingWork } from '../cockpit/fold.ts'
import { sql, type SQL } from 'drizzle-orm'
import { maskPhone } from '@gongfang/shared'
import type { AlertKind, Cohort, IncomeAlert, IncomeSummary, IncomeWorker } from '@gongfang/shared/cockpit'
import { COHORTS } from '@gongfang/shared/cockpit'
import { addMonths, ageOn, thisMonth } from '@gongfang/shared/clock'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { containsPattern } from '../../db/like.ts'
import { authorize } from '../../auth/access/index.ts'
import { figuresRegion, inRegion } from '../../auth/access/wages.ts'
import type { Caller } from '../../auth/caller.ts'
import { audit } from '../../audit/audit.ts'
import { divRound, monthIndex, monthLabel, periodDates } from '../cockpit/figures.ts'
import { periodOf, placeOf, type Period } from '../cockpit/service.ts'
import { COHORT_ZH, alertsSheet, workersSheet } from './export.ts'
import { activeVault, hasDisability, openWorkerPersonal } from '../../vault/index.ts'

const EXPORT_MAX = 50_000

/** The region a staff reader asks about: their root by default, 404 outside their scope. */
function readerRegion(caller: Caller, asked: string | undefined): string {
  authorize(caller, 'income.read')
  return figuresRegion(caller, asked).code
}

/** The alert month defaults to the previous China month (the current one is still under way). */
const alertMonth = (caller: Caller, asked: string | undefined) => asked ?? addMonths(thisMonth(caller.clock), -1)

type Q = { region?: string; from?: string; to?: string }

export async function incomeSummary(db: DbOrTx, caller: Caller, q: Q): Promise<IncomeSummary> {
  return summaryOf(db, readerRegion(caller, q.region), periodOf(q, caller.clock))
}

export async function incomeWorkers(db: DbOrTx, caller: Caller, q: Q & WorkerListQuery) {
  const region = readerRegion(caller, q.region)
  const page = await listIncomeWorkers(db, region, periodOf(q, caller.clock), q)
  await audit(db, caller, { action: 'income.workers.view', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
  return page
}

export async function workersWorkbook(db: DbOrTx, caller: Caller, q: Q & Omit<WorkerListQuery, 'page' | 'pageSize'>) {
  const region = readerRegion(caller, q.region)
  const p = periodOf(q, caller.clock)
  const page = await listIncomeWorkers(db, region, p, { ...q, page: 1, pageSize: EXPORT_MAX })
  await audit(db, caller, { action: 'income.workers.export', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
  return { data: await workersSheet(page.items), ascii: `income-workers-${region}-${p.from}-${p.to}.xlsx`, filename: `收入监测_${COHORT_ZH[q.cohort]}_${p.from}_${p.to}.xlsx` }
}

type AlertQ = { region?: string; month?: string; kind?: AlertKind }

export async function incomeAlerts(db: DbOrTx, caller: Caller, q: AlertQ & { page: number; pageSize: number }) {
  const region = readerRegion(caller, q.region)
  const page = await listAlerts(db, region, alertMonth(caller, q.month), q)
  await audit(db, caller, { action: 'income.alerts.view', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
  return page
}

export async function alertsWorkbook(db: DbOrTx, caller: Caller, q: AlertQ) {
  const region = readerRegion(caller, q.region)
  const month = alertMonth(caller, q.month)
  const page = await listAlerts(db, region, month, { kind: q.kind, page: 1, pageSize: EXPORT_MAX })
  await audit(db, caller, { action: 'income.alerts.export', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length } })
  return { data: await alertsSheet(page.items, month), ascii: `income-alerts-${region}-${month}.xlsx`, filename: `收入预警_${month}.xlsx` }
}

/** SQL condition on workers `w` (and the period's earnings `e`) for a cohort. */
function cohortWhere(cohort: Cohort, endDate: string): SQL {
  switch (cohort) {
    case 'all':
      return sql`true`
    case 'low_income':
      return sql`(coalesce(e.low, 0) > 0 or exists (select 1 from worker_low_income_periods lp where lp.worker_id = w.id
                   and lp.start_on <= ${endDate}::date and (lp.end_on is null or lp.end_on >= ${endDate}::date)))`
    case 'disabled':
      return hasDisability('w')
    case 'aged60':
      return sql`w.birth_date <= (${endDate}::date - interval '60 years')::date`
    case 'women':
      return sql`w.sex = 'F'`
  }
}

/** Per-worker earnings in the period: total, active months, last month, on low-income lines. */
function earningsCte(region: string, p: Period): SQL {
  return sql`e as (
    select m.worker_id, sum(m.a)::bigint as earn, count(*) filter (where m.a > 0)::bigint as active,
      coalesce(sum(m.a) filter (where m.month = ${p.b}), 0)::bigint as last, sum(m.l)::bigint as low
    from (select wm.worker_id, wm.month, sum(wm.amount_fen) as a, sum(wm.low_income_fen) as l
          from cockpit_worker_months wm join workers w on w.id = wm.worker_id
          where ${inRegion(sql`w.region_code`, region)} and wm.month between ${p.a} and ${p.b}
          group by 1, 2) m
    group by m.worker_id)`
}

export interface WorkerListQuery {
  cohort: Cohort
  q?: string
  page: number
  pageSize: number
}

async function listIncomeWorkers(db: DbOrTx, region: string, p: Period, query: WorkerListQuery) {
  await foldPendingWork(db)
  const { end } = periodDates(p.from, p.to)
  const where = sql`${inRegion(sql`w.region_code`, region)} and ${cohortWhere(query.cohort, end)}
    ${query.q ? sql`and w.name like ${containsPattern(query.q)}` : sql``}`
  const [rows, total] = await Promise.all([
    queryRows<{
      id: string
      name: string
      region_code: string
      region_name: string | null
      sex: string
      birth: string
      disabled: boolean
      baseline: number
      earn: number
      active: number
      last: number
      low: number
      low_reg: boolean
    }>(
      db,
      sql`with ${earningsCte(region, p)}
          select w.id::text as id, w.name, w.region_code, r.name as region_name, w.sex, w.birth_date::text as birth, ${hasDisability('w')} as disabled,
            w.baseline_monthly_income_fen as baseline, coalesce(e.earn, 0)::bigint as earn, coalesce(e.active, 0)::bigint as active,
            coalesce(e.last, 0)::bigint as last, coalesce(e.low, 0)::bigint as low,
            exists (select 1 from worker_low_income_periods lp where lp.worker_id = w.id and lp.start_on <= ${end}::date
                    and (lp.end_on is null or lp.end_on >= ${end}::date)) as low_reg
          from workers w left join e on e.worker_id = w.id left join regions r on r.code = w.region_code
          where ${where}
          order by coalesce(e.earn, 0) desc, w.name, w.id
          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`with ${earningsCte(region, p)} select count(*)::bigint as n from workers w left join e on e.worker_id = w.id where ${where}`,
    ),
  ])
  const items: IncomeWorker[] = rows.map((r) => {
    const earn = Number(r.earn)
    const active = Number(r.active)
    const avg = divRound(earn, active)
    const baseline = Number(r.baseline)
    return {
      id: r.id,
      name: r.name,
      regionCode: r.region_code,
      regionName: r.region_name,
      sex: r.sex,
      age: ageOn(r.birth, end),
      lowIncome: Boolean(r.low_reg) || Number(r.low) > 0,
      disabled: Boolean(r.disabled),
      baselineMonthlyFen: baseline,
      earningsFen: earn,
      activeMonths: active,
      avgMonthlyEarningsFen: avg,
      lastMonthFen: Number(r.last),
      increasePct: avg != null && baseline > 0 ? Math.round((avg * 1000) / baseline) / 10 : null,
    }
  })
  return { items, total: Number(total[0]?.n ?? 0), page: query.page, pageSize: query.pageSize }
}

async function summaryOf(db: DbOrTx, region: string, p: Period): Promise<IncomeSummary> {
  await foldPendingWork(db)
  const { end } = periodDates(p.from, p.to)
  const cohorts = await Promise.all(
    COHORTS.map(async (cohort) => {
      const [r] = await queryRows<{ employed: number; months: number; wages: number; baseline_sum: number }>(
        db,
        sql`with ${earningsCte(region, p)}
            select count(*) filter (where e.active > 0)::bigint as employed, coalesce(sum(e.active), 0)::bigint as months,
              coalesce(sum(e.earn) filter (where e.active > 0), 0)::bigint as wages,
              coalesce(sum(w.baseline_monthly_income_fen) filter (where e.active > 0), 0)::bigint as baseline_sum
            from e join workers w on w.id = e.worker_id where ${cohortWhere(cohort, end)}`,
      )
      const employed = Number(r?.employed ?? 0)
      const months = Number(r?.months ?? 0)
      const wages = Number(r?.wages ?? 0)
      return {
        cohort,
        workersEmployed: employed,
        activeWorkerMonths: months,
        wagesFen: wages,
        avgMonthlyIncreaseFen: divRound(wages, months),
        avgIncreasePerWorkerFen: divRound(wages, employed),
        avgBaselineMonthlyFen: divRound(Number(r?.baseline_sum ?? 0), employed),
      }
    }),
  )
  return { region: await placeOf(db, region), period: { from: p.from, to: p.to }, cohorts }
}

/**
 * Follow-up list for month m: `no_work_2m` — worked on the platform before, but earned nothing in m − 1 and m;
 * `below_baseline` — earned less than the baseline in m although at or above it in one of the three months before.
 */
export async function listAlerts(db: DbOrTx, region: string, month: string, q: { kind?: AlertKind; page: number; pageSize: number }) {
  await foldPendingWork(db)
  const m = monthIndex(month)
  const base = sql`with wm as (
      select wm.worker_id, wm.month, sum(wm.amount_fen) as a
      from cockpit_worker_months wm join workers w on w.id = wm.worker_id
      where ${inRegion(sql`w.region_code`, region)} and wm.month <= ${m}
      group by 1, 2),
    x as (
      select w.id, w.name, w.region_code, w.phone_enc, w.phone, ${hasDisability('w')} as disabled, w.baseline_monthly_income_fen as baseline,
        coalesce((select a from wm where wm.worker_id = w.id and wm.month = ${m}), 0) as this_m,
        (select max(month) from wm where wm.worker_id = w.id and wm.a > 0) as last_active,
        exists (select 1 from wm where wm.worker_id = w.id and wm.month between ${m - 3} and ${m - 1}
                and wm.a >= w.baseline_monthly_income_fen) as was_above,
        exists (select 1 from worker_low_income_periods lp where lp.worker_id = w.id and lp.end_on is null) as low_reg
      from workers w where ${inRegion(sql`w.region_code`, region)} and exists (select 1 from wm where wm.worker_id = w.id)),
    y as (
      select x.*, case when x.last_active is not null and x.last_active < ${m - 1} then 'no_work_2m'
                       when x.baseline > 0 and x.this_m < x.baseline and x.was_above then 'below_baseline' end as kind
      from x)`
  const where = q.kind ? sql`y.kind = ${q.kind}` : sql`y.kind is not null`
  const [rows, total] = await Promise.all([
    queryRows<{
      kind: AlertKind
      id: string
      name: string
      region_code: string
      region_name: string | null
      phone_enc: string | null
      phone: string | null
      disabled: boolean
      baseline: number
      this_m: number
      last_active: number | null
      low_reg: boolean
    }>(
      db,
      sql`${base} select y.kind, y.id::text as id, y.name, y.region_code, r.name as region_name, y.phone_enc, y.phone, y.disabled,
            y.baseline::bigint as baseline, y.this_m::bigint as this_m, y.last_active, y.low_reg
          from y left join regions r on r.code = y.region_code where ${where}
          order by y.kind, y.region_code, y.name, y.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    queryRows<{ n: number }>(db, sql`${base} select count(*)::bigint as n from y where ${where}`),
  ])
  const vault = activeVault()
  const items: IncomeAlert[] = rows.map((r) => {
    const phone = openWorkerPersonal(vault, { idNumberEnc: null, phoneEnc: r.phone_enc, disabilityGradeEnc: null, phone: r.phone }).phone
    return {
      kind: r.kind,
      workerId: r.id,
      name: r.name,
      regionCode: r.region_code,
      regionName: r.region_name,
      phone: phone ? maskPhone(phone) : null,
      lowIncome: Boolean(r.low_reg),
      disabled: Boolean(r.disabled),
      baselineMonthlyFen: Number(r.baseline),
      monthFen: Number(r.this_m),
      lastActiveMonth: r.last_active == null ? null : monthLabel(Number(r.last_active)),
    }
  })
  return { items, total: Number(total[0]?.n ?? 0), page: q.page, pageSize: q.pageSize }
}
