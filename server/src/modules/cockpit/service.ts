import { foldPendingWork } from './fold.ts'
import { sql, type SQL } from 'drizzle-orm'
import { REGION_LEVELS, levelOfCode, parentCode } from '@gongfang/shared'
import {
  TREND_FIGURES,
  type CockpitChildren,
  type CockpitFigures,
  type CockpitPlace,
  type CockpitSummary,
  type CockpitTrend,
  type TrendFigure,
} from '@gongfang/shared/cockpit'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { systemClock, type Clock } from '@gongfang/shared/clock'
import { authorize } from '../../auth/access/index.ts'
import { figuresRegion } from '../../auth/access/wages.ts'
import type { Caller } from '../../auth/caller.ts'
import { cockpitWorkbook } from './export.ts'
import { emptyRaw, inOrder, monthLabel, resolvePeriod, toFigures, type RawFigures } from './figures.ts'

export interface Period {
  from: string
  to: string
  /** Month indexes (year × 12 + month − 1), inclusive. */
  a: number
  b: number
}

export interface CockpitQuery {
  region?: string
  from?: string
  to?: string
}

/** The asked period; `to` defaults to the current China month of the clock. */
export function periodOf(q: { from?: string; to?: string }, clock: Clock = systemClock): Period {
  const p = resolvePeriod(q, clock.now())
  if (!p.ok)
    throw new ProblemError(
      422,
      'invalid-period',
      { zh: '统计期间无效', en: 'Invalid period' },
      p.reason === 'order'
        ? { zh: '起始月份不能晚于截止月份', en: '`from` must not be after `to`' }
        : { zh: '统计期间最长 240 个月', en: 'A period spans at most 240 months' },
      [
        {
          path: 'query.from',
          message:
            p.reason === 'order' ? { zh: '晚于截止月份', en: 'after `to`' } : { zh: '期间过长', en: 'period too long' },
        },
      ],
    )
  return p
}

const regionWhat = { zh: '地区', en: 'Region' }

export async function placeOf(db: DbOrTx, code: string): Promise<CockpitPlace> {
  const [r] = await queryRows<{ code: string; name: string; level: number }>(
    db,
    sql`select code, name, level from regions where code = ${code}`,
  )
  if (!r) throw notFound(regionWhat)
  return { code: r.code, name: r.name, level: REGION_LEVELS[r.level - 1]! }
}

/** Ancestors from `root` (the caller's top) down to `code`, for the breadcrumb. */
export async function pathOf(db: DbOrTx, root: string, code: string): Promise<CockpitPlace[]> {
  const codes: string[] = [code]
  for (let p = parentCode(code); p && p.length >= root.length; p = parentCode(p)) codes.unshift(p)
  const rows = await queryRows<{ code: string; name: string; level: number }>(
    db,
    sql`select code, name, level from regions where code in ${codes} order by level`,
  )
  return rows.map((r) => ({ code: r.code, name: r.name, level: REGION_LEVELS[r.level - 1]! }))
}

// ---------------------------------------------------------------- roll-up reads

type Key = { by: 'node' | 'parent'; value: string }
const keyCol = (k: Key): SQL => (k.by === 'node' ? sql.raw('node') : sql.raw('parent'))

interface SumRow {
  node: string
  wages_fen: number
  good_qty: number
  delivered_qty: number
  collective_income_fen: number
  sales_fen: number
  sales_orders: number
  tourism_visitors: number
  tourism_revenue_fen: number
}

const SUM_COLS = sql.raw(
  [
    'wages_fen',
    'good_qty',
    'delivered_qty',
    'collective_income_fen',
    'sales_fen',
    'sales_orders',
    'tourism_visitors',
    'tourism_revenue_fen',
  ]
    .map((c) => `coalesce(sum(${c}), 0)::bigint as ${c}`)
    .join(', '),
)

function addSums(raw: RawFigures, r: SumRow) {
  raw.sums.wagesFen += Number(r.wages_fen)
  raw.sums.goodQty += Number(r.good_qty)
  raw.sums.deliveredQty += Number(r.delivered_qty)
  raw.sums.collectiveIncomeFen += Number(r.collective_income_fen)
  raw.sums.salesFen += Number(r.sales_fen)
  raw.sums.salesOrders += Number(r.sales_orders)
  raw.sums.tourismVisitors += Number(r.tourism_visitors)
  raw.sums.tourismRevenueFen += Number(r.tourism_revenue_fen)
}

/** Raw figures per node for one node (by: 'node') or for every child of a node (by: 'parent'). */
async function readRollups(db: DbOrTx, key: Key, a: number, b: number): Promise<Map<string, RawFigures>> {
  const col = keyCol(key)
  await foldPendingWork(db)
  const [sums, counts, types, ents] = await inOrder([
    () =>
      queryRows<SumRow>(
        db,
        sql`select node, ${SUM_COLS} from cockpit_sums where ${col} = ${key.value} and month between ${a} and ${b} group by node`,
      ),
    () =>
      queryRows<{ node: string; kind: number; employed: number; months: number }>(
        db,
        sql`select node, kind, coalesce(sum(n) filter (where prev < ${a}), 0)::bigint as employed, coalesce(sum(n), 0)::bigint as months
          from cockpit_worker_counts where ${col} = ${key.value} and month between ${a} and ${b} group by node, kind`,
      ),
    () =>
      queryRows<{ node: string; type: string; n: number }>(
        db,
        sql`select node, type, sum(delta)::bigint as n from cockpit_workshop_deltas where ${col} = ${key.value} and month <= ${b} group by node, type`,
      ),
    () =>
      queryRows<{ node: string; n: number }>(
        db,
        sql`select node, count(*)::bigint as n from cockpit_enterprise_links where ${col} = ${key.value} and first_month <= ${b} group by node`,
      ),
  ] as const)
  const out = new Map<string, RawFigures>()
  const get = (node: string) => {
    let r = out.get(node)
    if (!r) out.set(node, (r = emptyRaw()))
    return r
  }
  for (const r of sums) addSums(get(r.node), r)
  for (const r of counts) {
    const raw = get(r.node)
    const n = Number(r.employed)
    if (Number(r.kind) === 0) {
      raw.persons.all = n
      raw.persons.workerMonths = Number(r.months)
    } else if (Number(r.kind) === 1) raw.persons.lowIncome = n
    else raw.persons.disabled = n
  }
  for (const r of types) if (Number(r.n) !== 0) get(r.node).byType[r.type] = Number(r.n)
  for (const r of ents) get(r.node).enterprisesLinked = Number(r.n)
  return out
}

export async function figuresOf(db: DbOrTx, node: string, p: Period): Promise<CockpitFigures> {
  const m = await readRollups(db, { by: 'node', value: node }, p.a, p.b)
  return toFigures(m.get(node) ?? emptyRaw())
}

export interface Child extends CockpitPlace {
  figures: CockpitFigures
}

/** The child places of a region (villages' children are their workshops), each with its figures. */
export async function childrenOf(
  db: DbOrTx,
  code: string,
  p: Period,
): Promise<{ childLevel: CockpitPlace['level']; items: Child[] }> {
  const level = levelOfCode(code)
  if (!level) throw notFound(regionWhat)
  const places =
    level === 'village'
      ? (
          await queryRows<{ code: string; name: string }>(
            db,
            sql`select id::text as code, name from workshops where region_code = ${code} order by name, id`,
          )
        ).map((w) => ({ ...w, level: 'workshop' as const }))
      : (
          await queryRows<{ code: string; name: string; level: number }>(
            db,
            sql`select code, name, level from regions where parent_code = ${code} order by code`,
          )
        ).map((r) => ({ code: r.code, name: r.name, level: REGION_LEVELS[r.level - 1]! }))
  const childLevel = level === 'village' ? 'workshop' : REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1]!
  const m = await readRollups(db, { by: 'parent', value: code }, p.a, p.b)
  return { childLevel, items: places.map((pl) => ({ ...pl, figures: toFigures(m.get(pl.code) ?? emptyRaw()) })) }
}

/** Every figure month by month (each month as its own period). */
export async function monthlyFigures(
  db: DbOrTx,
  node: string,
  p: Period,
): Promise<{ month: string; figures: CockpitFigures }[]> {
  await foldPendingWork(db)
  const [sums, counts, types, ents] = await inOrder([
    () =>
      queryRows<SumRow & { month: number }>(
        db,
        sql`select node, month, ${SUM_COLS} from cockpit_sums where node = ${node} and month between ${p.a} and ${p.b} group by node, month`,
      ),
    () =>
      queryRows<{ month: number; kind: number; n: number }>(
        db,
        sql`select month, kind, coalesce(sum(n), 0)::bigint as n from cockpit_worker_counts where node = ${node} and month between ${p.a} and ${p.b} group by month, kind`,
      ),
    () =>
      queryRows<{ month: number; type: string; n: number }>(
        db,
        sql`select greatest(month, ${p.a}) as month, type, sum(delta)::bigint as n from cockpit_workshop_deltas where node = ${node} and month <= ${p.b} group by 1, type`,
      ),
    () =>
      queryRows<{ month: number; n: number }>(
        db,
        sql`select greatest(first_month, ${p.a}) as month, count(*)::bigint as n from cockpit_enterprise_links where node = ${node} and first_month <= ${p.b} group by 1`,
      ),
  ] as const)
  const months: RawFigures[] = Array.from({ length: p.b - p.a + 1 }, () => emptyRaw())
  for (const r of sums) addSums(months[Number(r.month) - p.a]!, r)
  for (const r of counts) {
    const raw = months[Number(r.month) - p.a]!
    const n = Number(r.n)
    if (Number(r.kind) === 0) {
      raw.persons.all = n
      raw.persons.workerMonths = n
    } else if (Number(r.kind) === 1) raw.persons.lowIncome = n
    else raw.persons.disabled = n
  }
  // Stock figures: running totals of the changes up to the end of each month.
  const typeDelta = new Map<number, Map<string, number>>()
  for (const r of types) {
    const m = typeDelta.get(Number(r.month)) ?? new Map<string, number>()
    m.set(r.type, (m.get(r.type) ?? 0) + Number(r.n))
    typeDelta.set(Number(r.month), m)
  }
  const entDelta = new Map(ents.map((r) => [Number(r.month), Number(r.n)]))
  const running: Record<string, number> = {}
  let entRunning = 0
  months.forEach((raw, i) => {
    for (const [t, n] of typeDelta.get(p.a + i) ?? []) running[t] = (running[t] ?? 0) + n
    raw.byType = Object.fromEntries(Object.entries(running).filter(([, n]) => n !== 0))
    entRunning += entDelta.get(p.a + i) ?? 0
    raw.enterprisesLinked = entRunning
  })
  return months.map((raw, i) => ({ month: monthLabel(p.a + i), figures: toFigures(raw) }))
}

// ---------------------------------------------------------------- targets

/** Figure names a target may use (targets.figure) → the cockpit figure it is compared with. */
const TARGET_FIGURES: Record<string, keyof CockpitFigures> = {
  workshops: 'workshopsOperating',
  workshops_operating: 'workshopsOperating',
  workers: 'workersEmployed',
  workers_employed: 'workersEmployed',
  low_income_employed: 'lowIncomeEmployed',
  disabled_employed: 'disabledEmployed',
  enterprises_linked: 'enterprisesLinked',
  wages_fen: 'wagesFen',
  collective_income_fen: 'collectiveIncomeFen',
  sales_fen: 'salesFen',
}
/** The province's target when none is registered: 10,000 workshops in three years (2022–2025). */
export const DEFAULT_PROVINCE_TARGET = { regionCode: '33', year: 2025, figure: 'workshops', value: 10_000 }

export async function targetsOf(db: DbOrTx, code: string, figures: CockpitFigures): Promise<CockpitSummary['targets']> {
  const [has] = await queryRows<{ ok: boolean }>(db, sql`select to_regclass('public.targets') is not null as ok`)
  const rows = has?.ok
    ? await queryRows<{ region_code: string; year: number; figure: string; value: number }>(
        db,
        sql`select region_code, year, figure, value from targets where region_code = ${code} order by year, figure`,
      )
    : []
  const actual = (figure: string) => {
    const key = TARGET_FIGURES[figure] ?? (figure in figures ? (figure as keyof CockpitFigures) : undefined)
    const v = key ? figures[key] : undefined
    return typeof v === 'number' ? v : null
  }
  const out: CockpitSummary['targets'] = rows.map((r) => ({
    regionCode: r.region_code,
    year: Number(r.year),
    figure: r.figure,
    value: Number(r.value),
    actual: actual(r.figure),
    source: 'targets' as const,
  }))
  if (
    code === DEFAULT_PROVINCE_TARGET.regionCode &&
    !out.some((t) => TARGET_FIGURES[t.figure] === 'workshopsOperating')
  )
    out.push({ ...DEFAULT_PROVINCE_TARGET, actual: figures.workshopsOperating, source: 'default' })
  return out
}

// ---------------------------------------------------------------- the cockpit's answers

/** The region a staff reader asks about (default: their root, 404 outside their scope) and the period, in China months. */
function readerView(caller: Caller, q: CockpitQuery) {
  authorize(caller, 'cockpit.read')
  return { ...figuresRegion(caller, q.region), p: periodOf(q, caller.clock) }
}

export async function cockpitSummary(db: DbOrTx, caller: Caller, q: CockpitQuery): Promise<CockpitSummary> {
  const { root, code, p } = readerView(caller, q)
  return summaryOf(db, root, code, p)
}

async function summaryOf(db: DbOrTx, root: string, code: string, p: Period): Promise<CockpitSummary> {
  const [region, path, figures] = await inOrder([
    () => placeOf(db, code),
    () => pathOf(db, root, code),
    () => figuresOf(db, code, p),
  ] as const)
  return { region, path, period: { from: p.from, to: p.to }, figures, targets: await targetsOf(db, code, figures) }
}

export async function cockpitChildren(db: DbOrTx, caller: Caller, q: CockpitQuery): Promise<CockpitChildren> {
  const { code, p } = readerView(caller, q)
  const [region, children] = await inOrder([() => placeOf(db, code), () => childrenOf(db, code, p)] as const)
  return { region, period: { from: p.from, to: p.to }, ...children }
}

export async function cockpitTrend(db: DbOrTx, caller: Caller, q: CockpitQuery & { figure: TrendFigure }): Promise<CockpitTrend> {
  const { code, p } = readerView(caller, q)
  const [region, months] = await inOrder([() => placeOf(db, code), () => monthlyFigures(db, code, p)] as const)
  return {
    region,
    period: { from: p.from, to: p.to },
    figure: q.figure,
    series: months.map((m) => ({ month: m.month, value: m.figures[q.figure] as number | null })),
  }
}

/** The report workbook (summary, children, monthly trend) and its file names. */
export async function cockpitExport(db: DbOrTx, caller: Caller, q: CockpitQuery): Promise<{ data: Buffer; ascii: string; filename: string }> {
  const { root, code, p } = readerView(caller, q)
  const [summary, children, months] = await Promise.all([summaryOf(db, root, code, p), childrenOf(db, code, p), monthlyFigures(db, code, p)])
  const data = await cockpitWorkbook(summary, children, months)
  return { data, ascii: `cockpit-${code}-${p.from}-${p.to}.xlsx`, filename: `共富工坊驾驶舱_${summary.region.name}_${p.from}_${p.to}.xlsx` }
}

export { TREND_FIGURES }
