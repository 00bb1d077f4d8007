/**
 * Income monitoring: each worker's platform earnings against the baseline monthly income they had before
 * joining (registry), by cohort, and the follow-up alert list. Workers belong to a scope by their home
 * village (workers.region_code). Figures come from the income roll-ups (db/schema/income.ts): per worker
 * and month, earnings over all workshops and the gain over the baseline, folded with the cockpit's queue
 * (foldPendingWork first, so they are exact at read time); registry attributes (name, sex, age) from workers.
 */
import { exportStamp } from '../../files/export.ts'
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
  await audit(db, caller, { action: 'income.workers.view', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length }, subjectIds: page.items.map((w) => w.id) })
  return page
}

export async function workersWorkbook(db: DbOrTx, caller: Caller, q: Q & Omit<WorkerListQuery, 'page' | 'pageSize'>) {
  const region = readerRegion(caller, q.region)
  const p = periodOf(q, caller.clock)
  const page = await listIncomeWorkers(db, region, p, { ...q, page: 1, pageSize: EXPORT_MAX })
  await audit(db, caller, { action: 'income.workers.export', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length }, subjectIds: page.items.map((w) => w.id) })
  return { data: await workersSheet(page.items, exportStamp(caller)), ascii: `income-workers-${region}-${p.from}-${p.to}.xlsx`, filename: `收入监测_${COHORT_ZH[q.cohort]}_${p.from}_${p.to}.xlsx` }
}

type AlertQ = { region?: string; month?: string; kind?: AlertKind }

export async function incomeAlerts(db: DbOrTx, caller: Caller, q: AlertQ & { page: number; pageSize: number }) {
  const region = readerRegion(caller, q.region)
  const page = await listAlerts(db, region, alertMonth(caller, q.month), q)
  await audit(db, caller, { action: 'income.alerts.view', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length }, subjectIds: page.items.map((w) => w.workerId) })
  return page
}

export async function alertsWorkbook(db: DbOrTx, caller: Caller, q: AlertQ) {
  const region = readerRegion(caller, q.region)
  const month = alertMonth(caller, q.month)
  const page = await listAlerts(db, region, month, { kind: q.kind, page: 1, pageSize: EXPORT_MAX })
  await audit(db, caller, { action: 'income.alerts.export', targetType: 'region', targetId: region, regionCode: region, detail: { count: page.items.length }, subjectIds: page.items.map((w) => w.workerId) })
  return { data: await alertsSheet(page.items, month, exportStamp(caller)), ascii: `income-alerts-${region}-${month}.xlsx`, filename: `收入预警_${month}.xlsx` }
}

/**
 * SQL condition on workers `w`, their income roll-up row `iw` (income_workers) and the period's earnings `e`
 * for a cohort. Low-income: earned on low-income lines in the period or registered on its last day.
 */
function cohortWhere(cohort: Cohort, endDate: string): SQL {
  switch (cohort) {
    case 'all':
      return sql`true`
    case 'low_income':
      return sql`(coalesce(e.low, 0) > 0 or coalesce(iw.low_periods @> ${endDate}::date, false))`
    case 'disabled':
      return hasDisability('w')
    case 'aged60':
      return sql`w.birth_date <= (${endDate}::date - interval '60 years')::date`
    case 'women':
      return sql`w.sex = 'F'`
  }
}

/**
 * Per-worker earnings in the period from the worker-month roll-up (income_worker_months, by home village):
 * total, active months, last month, on low-income lines.
 */
function earningsCte(region: string, p: Period): SQL {
  return sql`e as (
    select y.worker_id, sum(y.earned_fen)::bigint as earn, count(*) filter (where y.earned_fen > 0)::bigint as active,
      coalesce(sum(y.earned_fen) filter (where y.month = ${p.b}), 0)::bigint as last, sum(y.low_line_fen)::bigint as low
    from income_worker_months y
    where ${inRegion(sql`y.region_code`, region)} and y.month between ${p.a} and ${p.b}
    group by y.worker_id)`
}

export interface WorkerListQuery {
  cohort: Cohort
  q?: string
  page: number
  pageSize: number
}

/** Workers a list counts at most; pages beyond are reached by narrowing (region, cohort, name). */
const COUNT_CAP = 10_000

/**
 * The earners run of the workers list (period earnings > 0, in the cohort) without joining every worker: the
 * period's sums per worker from income_worker_months, the first `upTo` by earnings, then the period's figures,
 * workers and regions for those rows only. The low-income cohort reads the workers flagged low_any only (all
 * months of anyone who may belong to it). Two steps: a plain LIMIT sorts the province's 450,000 sums as a top-N
 * heap, where FETCH … WITH TIES sorted all of them on disk (0.9 s → 0.4 s); the ties it kept (the name, id order
 * among equal earnings) are read with it only when the sums at the cut are equal.
 */
async function topEarners(db: DbOrTx, region: string, p: Period, end: string, cohort: Cohort, upTo: number, cols: SQL, window: SQL) {
  const low = cohort === 'low_income'
  const attrs = low ? sql`` : sql`and ${rollupCohort(cohort, p.b, 'iw')}`
  const inPeriod = sql`${inRegion(sql`y.region_code`, region)} and y.month between ${p.a} and ${p.b} ${low ? sql`and y.low_any` : sql``}`
  const sums = sql`select y.worker_id, sum(y.earned_fen)::bigint as earn
      from income_worker_months y ${cohort === 'all' ? sql`` : sql`join income_workers iw on iw.worker_id = y.worker_id ${attrs}`}
      where ${inPeriod}
      group by y.worker_id
      having sum(y.earned_fen) > 0 ${low ? sql`and (sum(y.low_line_fen) > 0 or bool_or(iw.low_periods @> ${end}::date))` : sql``}`
  const top = await queryRows<{ id: string; earn: number }>(db, sql`select worker_id::text as id, earn from (${sums}) s order by earn desc limit ${upTo + 1}`)
  const tied = top.length > upTo && Number(top[upTo]!.earn) === Number(top[upTo - 1]!.earn)
  const picked = tied ? sql`(${sums} order by 2 desc fetch first ${upTo} rows with ties)` : sql`(select unnest(string_to_array(${top.slice(0, upTo).map((r) => r.id).join(',')}, ',')::uuid[]))`
  return sql`with e as (
      select y.worker_id, sum(y.earned_fen)::bigint as earn, count(*) filter (where y.earned_fen > 0)::bigint as active,
        coalesce(sum(y.earned_fen) filter (where y.month = ${p.b}), 0)::bigint as last, sum(y.low_line_fen)::bigint as low
      from income_worker_months y
      where ${inPeriod} and y.worker_id in (select x.worker_id from ${picked} x(worker_id))
      group by y.worker_id)
    select ${cols}
    from e join workers w on w.id = e.worker_id left join income_workers iw on iw.worker_id = w.id left join regions r on r.code = w.region_code
    order by e.earn desc, w.name, w.id ${window}`
}

export async function listIncomeWorkers(db: DbOrTx, region: string, p: Period, query: WorkerListQuery) {
  await foldPendingWork(db)
  const { end } = periodDates(p.from, p.to)
  const where = sql`${inRegion(sql`w.region_code`, region)} and ${cohortWhere(query.cohort, end)}
    ${query.q ? sql`and w.name like ${containsPattern(query.q)}` : sql``}`
  type Row = {
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
  }
  const ctes = earningsCte(region, p)
  const cols = sql`w.id::text as id, w.name, w.region_code, r.name as region_name, w.sex, w.birth_date::text as birth, ${hasDisability('w')} as disabled,
    w.baseline_monthly_income_fen as baseline, coalesce(e.earn, 0)::bigint as earn, coalesce(e.active, 0)::bigint as active,
    coalesce(e.last, 0)::bigint as last, coalesce(e.low, 0)::bigint as low, coalesce(iw.low_periods @> ${end}::date, false) as low_reg`
  // Counting half a million workers with their period's earnings took seconds: the count stops past COUNT_CAP
  // (as /work-records does) and, without a name search, reads income_workers only.
  const [{ n }] = (await queryRows<{ n: number }>(
    db,
    query.q || query.cohort === 'low_income'
      ? sql`with ${ctes} select count(*)::int as n from (select 1 from workers w left join e on e.worker_id = w.id
            left join income_workers iw on iw.worker_id = w.id where ${where} limit ${COUNT_CAP + 1}) x`
      : sql`select count(*)::int as n from (select 1 from income_workers iw
            where ${inRegion(sql`iw.region_code`, region)} and ${rollupCohort(query.cohort, p.b, 'iw')} limit ${COUNT_CAP + 1}) x`,
  )) as [{ n: number }]
  // The order is earnings (desc), name, id. At province level sorting every worker for one page took seconds.
  // The list is read as three runs in that order: earners (from the roll-up), those at zero (by name, through
  // workers_name_id_idx), those below zero (reversals). A run is counted only when a page starts past its end.
  const runs: { cond: SQL; order: SQL }[] = [
    { cond: sql`coalesce(e.earn, 0) > 0`, order: sql`e.earn desc, w.name, w.id` },
    // As an anti-join: the planner then estimates nearly all workers and walks the name index (1.4 s → 0.14 s).
    { cond: sql`not exists (select 1 from e x where x.worker_id = w.id and x.earn <> 0)`, order: sql`w.name, w.id` },
    { cond: sql`coalesce(e.earn, 0) < 0`, order: sql`e.earn desc, w.name, w.id` },
  ]
  const rows: Row[] = []
  let skip = (query.page - 1) * query.pageSize
  for (const [i, run] of runs.entries()) {
    const need = query.pageSize - rows.length
    if (need <= 0) break
    const got =
      i === 0 && !query.q
        ? await queryRows<Row>(db, await topEarners(db, region, p, end, query.cohort, skip + need, cols, sql`limit ${need} offset ${skip}`))
        : await queryRows<Row>(
            db,
            sql`with ${ctes} select ${cols}
              from workers w left join e on e.worker_id = w.id left join income_workers iw on iw.worker_id = w.id
                left join regions r on r.code = w.region_code
              where ${where} and ${run.cond} order by ${run.order} limit ${need} offset ${skip}`,
          )
    rows.push(...got)
    if (got.length > 0) {
      skip = 0
      continue
    }
    if (skip === 0) continue
    // The page starts past this run's end: it has at most `skip` rows, all of them before the page.
    const [{ size }] = (await queryRows<{ size: number }>(
      db,
      sql`with ${ctes} select count(*)::int as size from (select 1 from workers w left join e on e.worker_id = w.id
          left join income_workers iw on iw.worker_id = w.id where ${where} and ${run.cond} limit ${skip}) x`,
    )) as [{ size: number }]
    skip -= size
  }
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
  return { items, total: Math.min(n, COUNT_CAP), page: query.page, pageSize: query.pageSize, ...(n > COUNT_CAP ? { totalCapped: true } : {}) }
}

/**
 * A cohort as a filter on income_region_months rows (`r`) or on income_workers (`iw`), for periods ending in month
 * b: the same rule as cohortWhere (sex 'F', a disability on record, aged 60 on the period's last day). Not for
 * the low-income cohort, which the region roll-up does not keep.
 */
function rollupCohort(cohort: Exclude<Cohort, 'low_income'>, b: number, t: 'r' | 'iw'): SQL {
  switch (cohort) {
    case 'all':
      return sql`true`
    case 'disabled':
      return sql.raw(`${t}.disabled`)
    case 'aged60':
      return t === 'r' ? sql`r.turns60 <= ${b}` : sql`iw.turns60_month <= ${b}`
    case 'women':
      return sql.raw(`${t}.female`)
  }
}

/**
 * Cohort figures of a region and period. Every cohort but low-income from the region roll-up
 * (income_region_months: a few thousand rows for the province instead of every worker-month), plus the
 * employed workers' months with net earnings below zero, which the roll-up leaves out (reversals across months;
 * normally none). The low-income cohort — low-income lines in the period or registered on its last day — does
 * not split by month: an exact per-worker pass over the workers who may belong to it (low_any, about one in seven).
 */
export async function summaryOf(db: DbOrTx, region: string, p: Period): Promise<IncomeSummary> {
  await foldPendingWork(db)
  const { end } = periodDates(p.from, p.to)
  const rolled = COHORTS.filter((c): c is Exclude<Cohort, 'low_income'> => c !== 'low_income')
  const cols = rolled.map((c, i) => {
    const f = rollupCohort(c, p.b, 'r')
    return sql`, coalesce(sum(r.workers) filter (where r.prev < ${p.a} and ${f}), 0)::bigint as ${sql.raw(`employed_${i}`)},
      coalesce(sum(r.workers) filter (where ${f}), 0)::bigint as ${sql.raw(`months_${i}`)},
      coalesce(sum(r.earned_fen) filter (where ${f}), 0)::bigint as ${sql.raw(`wages_${i}`)},
      coalesce(sum(r.baseline_fen) filter (where r.prev < ${p.a} and ${f}), 0)::bigint as ${sql.raw(`baseline_${i}`)}`
  })
  const negative = rolled.map((c, i) => sql`, coalesce(sum(n.earned_fen) filter (where ${rollupCohort(c, p.b, 'iw')}), 0)::bigint as ${sql.raw(`wages_${i}`)}`)
  const [[r], [neg], [low]] = await Promise.all([
    queryRows<Record<string, number>>(
      db,
      sql`select 1 as one ${sql.join(cols, sql``)} from income_region_months r where r.node = ${region} and r.month between ${p.a} and ${p.b}`,
    ),
    queryRows<Record<string, number>>(
      db,
      sql`select 1 as one ${sql.join(negative, sql``)}
          from income_worker_months n join income_workers iw on iw.worker_id = n.worker_id
          where ${inRegion(sql`n.region_code`, region)} and n.month between ${p.a} and ${p.b} and n.earned_fen < 0
            and exists (select 1 from income_worker_months y where y.worker_id = n.worker_id and y.month between ${p.a} and ${p.b} and y.earned_fen > 0)`,
    ),
    queryRows<Record<string, number>>(
      db,
      sql`with e as (
            select y.worker_id, sum(y.earned_fen)::bigint as earn, count(*) filter (where y.earned_fen > 0)::bigint as active,
              sum(y.low_line_fen)::bigint as low, max(y.baseline_fen)::bigint as baseline
            from income_worker_months y
            where ${inRegion(sql`y.region_code`, region)} and y.month between ${p.a} and ${p.b} and y.low_any
            group by y.worker_id),
          -- Registered workers only (partial index): joining every worker's row cost a scan of half a million.
          iw as (
            select iw.worker_id, iw.low_periods from income_workers iw
            where ${inRegion(sql`iw.region_code`, region)} and iw.low_periods <> '{}'::datemultirange)
          select count(*) filter (where e.active > 0)::bigint as employed, coalesce(sum(e.active), 0)::bigint as months,
            coalesce(sum(e.earn) filter (where e.active > 0), 0)::bigint as wages,
            coalesce(sum(e.baseline) filter (where e.active > 0), 0)::bigint as baseline
          from e left join iw on iw.worker_id = e.worker_id
          where ${cohortWhere('low_income', end)}`,
    ),
  ])
  const figures = (employed: number, months: number, wages: number, baseline: number) => ({
    workersEmployed: employed,
    activeWorkerMonths: months,
    wagesFen: wages,
    avgMonthlyIncreaseFen: divRound(wages, months),
    avgIncreasePerWorkerFen: divRound(wages, employed),
    avgBaselineMonthlyFen: divRound(baseline, employed),
  })
  const cohorts = COHORTS.map((cohort) => {
    if (cohort === 'low_income') return { cohort, ...figures(Number(low?.employed ?? 0), Number(low?.months ?? 0), Number(low?.wages ?? 0), Number(low?.baseline ?? 0)) }
    const i = rolled.indexOf(cohort)
    const n = (k: string, x: Record<string, number> | undefined) => Number(x?.[`${k}_${i}`] ?? 0)
    return { cohort, ...figures(n('employed', r), n('months', r), n('wages', r) + n('wages', neg), n('baseline', r)) }
  })
  return { region: await placeOf(db, region), period: { from: p.from, to: p.to }, cohorts }
}

/**
 * Follow-up list for month m: `no_work_2m` — worked on the platform before, but earned nothing in m − 1 and m;
 * `below_baseline` — earned less than the baseline in m although at or above it in one of the three months before.
 * Read from the alert roll-up income_alerts (income_refresh_alerts in db/sql/income.sql keeps it by this rule).
 */
export async function listAlerts(db: DbOrTx, region: string, month: string, q: { kind?: AlertKind; page: number; pageSize: number }) {
  await foldPendingWork(db)
  const m = monthIndex(month)
  const { page, count } = alertQueries(region, m, q)
  const [rows, total] = await Promise.all([queryRows<AlertRow>(db, page), queryRows<{ n: number }>(db, count)])
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
  const n = Number(total[0]?.n ?? 0)
  return { items, total: Math.min(n, COUNT_CAP), page: q.page, pageSize: q.pageSize, ...(n > COUNT_CAP ? { totalCapped: true } : {}) }
}

interface AlertRow {
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
}

/**
 * The page and count statements of the alert list, from the alert roll-up (income_alerts: one row per worker and
 * alert span, kept by the fold; the rule is listAlerts'): for each kind, the region's rows covering month m in list
 * order through income_alerts_order_idx, the two kinds merged; then the month's earnings and baseline from the
 * income roll-ups and name, phone and disability from workers for the rows of the page only.
 */
export function alertQueries(region: string, m: number, q: { kind?: AlertKind; page: number; pageSize: number }): { page: SQL; count: SQL } {
  const kinds: AlertKind[] = q.kind ? [q.kind] : ['below_baseline', 'no_work_2m']
  // A range on region_code that the index serves (region codes are digits, at most 12), the prefix test exact.
  const inPlace = region ? sql`a.region_code >= ${region} and a.region_code <= ${region + '9'.repeat(13)} and ${inRegion(sql`a.region_code`, region)}` : sql`true`
  // The rows of one kind covering m, read per first month through income_alerts_month_idx, each in list order: a
  // `below_baseline` row holds one month (from_month = to_month = m); a `no_work_2m` span covers m when it began
  // by then (one probe per month since the first span) and has not ended. Walking the list order and skipping
  // spans that begin later took a second when a month's spans were few or all in some cities.
  const starts = (kind: AlertKind) =>
    kind === 'below_baseline'
      ? sql`(values (${m}::int)) f(s)`
      : sql`generate_series((select min(b.from_month) from income_alerts b where b.kind = 'no_work_2m'), ${m}::int) f(s)`
  const covering = (kind: AlertKind, cols: SQL, limit: number) =>
    sql`select ${cols} from ${starts(kind)} cross join lateral (
          select a.kind, a.worker_id, a.region_code, a.name from income_alerts a
          where a.kind = ${kind} and a.from_month = f.s and a.to_month >= ${m} and ${inPlace}
          order by a.region_code, a.name, a.worker_id limit ${limit}) a`
  const skip = (q.page - 1) * q.pageSize
  const merged = sql.join(
    kinds.map((k) => sql`(${covering(k, sql`a.*`, skip + q.pageSize)})`),
    sql` union all `,
  )
  return {
    page: sql`with a as (select * from (${merged}) u order by u.kind, u.region_code, u.name, u.worker_id limit ${q.pageSize} offset ${skip})
          select a.kind, a.worker_id::text as id, w.name, a.region_code, r.name as region_name, w.phone_enc, w.phone, ${hasDisability('w')} as disabled,
            iw.baseline_fen::bigint as baseline, coalesce(y.earned_fen, 0)::bigint as this_m, upper_inf(iw.low_periods) as low_reg,
            (select max(z.month) from income_worker_months z where z.worker_id = a.worker_id and z.month <= ${m} and z.earned_fen > 0) as last_active
          from a join workers w on w.id = a.worker_id join income_workers iw on iw.worker_id = a.worker_id
            left join income_worker_months y on y.worker_id = a.worker_id and y.month = ${m}
            left join regions r on r.code = a.region_code
          order by a.kind, a.region_code, a.name, a.worker_id`,
    // Capped as the workers list is: a province month can hold hundreds of thousands of alerts.
    count: sql`select count(*)::bigint as n from (${sql.join(
      kinds.map((k) => sql`(select 1 from (${covering(k, sql`1`, COUNT_CAP + 1)}) c limit ${COUNT_CAP + 1})`),
      sql` union all `,
    )}) x`,
  }
}
