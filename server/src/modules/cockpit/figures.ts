/**
 * Pure pieces of the cockpit: months as integers, periods, and turning roll-up rows into the figures
 * (definitions in PRODUCT.md). No database, clock or environment here.
 */
import {
  PERSON_FIGURES,
  SMALL_CELL,
  WORKSHOP_TYPES,
  type CockpitFigures,
  type PersonFigure,
  type PublicFigures,
  type WorkshopType,
} from '@gongfang/shared/cockpit'
import { chinaMonth, monthRange } from '@gongfang/shared/clock'

/** 'YYYY-MM' → year × 12 + (month − 1), the month key of the roll-up tables. */
export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number)
  return y! * 12 + (m! - 1)
}

export function monthLabel(index: number): string {
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`
}

/** First and last day of a month range, as ISO dates (for queries on base tables). */
export function periodDates(from: string, to: string): { start: string; end: string } {
  return { start: `${from}-01`, end: monthRange(to).to }
}

export const MAX_PERIOD_MONTHS = 240

export type PeriodResult = { ok: true; from: string; to: string; a: number; b: number } | { ok: false; reason: 'order' | 'length' }

/** Defaults: to = the current month (China time), from = January of to's year. */
export function resolvePeriod(q: { from?: string; to?: string }, now: Date): PeriodResult {
  const current = chinaMonth(now)
  const to = q.to ?? (q.from && q.from > current ? q.from : current)
  const from = q.from ?? `${to.slice(0, 4)}-01`
  const a = monthIndex(from)
  const b = monthIndex(to)
  if (a > b) return { ok: false, reason: 'order' }
  if (b - a + 1 > MAX_PERIOD_MONTHS) return { ok: false, reason: 'length' }
  return { ok: true, from, to, a, b }
}

/** num ÷ den rounded half away from zero, in integers (money never passes through a float fraction). */
export function divRound(num: number, den: number): number | null {
  if (den === 0) return null
  const sign = (num < 0) !== (den < 0) ? -1 : 1
  const n = Math.abs(num)
  const d = Math.abs(den)
  return sign * Math.floor((2 * n + d) / (2 * d))
}

export interface RawSums {
  wagesFen: number
  goodQty: number
  deliveredQty: number
  collectiveIncomeFen: number
  salesFen: number
  salesOrders: number
  tourismVisitors: number
  tourismRevenueFen: number
}
export const ZERO_SUMS: RawSums = {
  wagesFen: 0,
  goodQty: 0,
  deliveredQty: 0,
  collectiveIncomeFen: 0,
  salesFen: 0,
  salesOrders: 0,
  tourismVisitors: 0,
  tourismRevenueFen: 0,
}

export interface RawFigures {
  sums: RawSums
  /** Distinct persons employed in the period and active worker-months, per kind. */
  persons: { all: number; lowIncome: number; disabled: number; workerMonths: number }
  byType: Partial<Record<string, number>>
  enterprisesLinked: number
}

export function emptyRaw(): RawFigures {
  return { sums: { ...ZERO_SUMS }, persons: { all: 0, lowIncome: 0, disabled: 0, workerMonths: 0 }, byType: {}, enterprisesLinked: 0 }
}

export function toFigures(raw: RawFigures): CockpitFigures {
  const byType = Object.fromEntries(WORKSHOP_TYPES.map((t) => [t, raw.byType[t] ?? 0])) as Record<WorkshopType, number>
  // Types outside the official six still count as operating workshops.
  const workshopsOperating = Object.values(raw.byType).reduce<number>((a, n) => a + (n ?? 0), 0)
  return {
    workshopsOperating,
    workshopsByType: byType,
    enterprisesLinked: raw.enterprisesLinked,
    workersEmployed: raw.persons.all,
    lowIncomeEmployed: raw.persons.lowIncome,
    disabledEmployed: raw.persons.disabled,
    activeWorkerMonths: raw.persons.workerMonths,
    wagesFen: raw.sums.wagesFen,
    avgMonthlyIncreaseFen: divRound(raw.sums.wagesFen, raw.persons.workerMonths),
    avgIncreasePerWorkerFen: divRound(raw.sums.wagesFen, raw.persons.all),
    goodQty: raw.sums.goodQty,
    deliveredQty: raw.sums.deliveredQty,
    collectiveIncomeFen: raw.sums.collectiveIncomeFen,
    salesFen: raw.sums.salesFen,
    salesOrders: raw.sums.salesOrders,
    tourismVisitors: raw.sums.tourismVisitors,
    tourismRevenueFen: raw.sums.tourismRevenueFen,
  }
}

/** How many persons each person figure is computed from. */
function personBase(f: CockpitFigures): Record<PersonFigure, number> {
  return {
    workersEmployed: f.workersEmployed,
    lowIncomeEmployed: f.lowIncomeEmployed,
    disabledEmployed: f.disabledEmployed,
    activeWorkerMonths: f.workersEmployed,
    wagesFen: f.workersEmployed,
    avgMonthlyIncreaseFen: f.workersEmployed,
    avgIncreasePerWorkerFen: f.workersEmployed,
  }
}

/**
 * Small-cell suppression for the public: a person figure computed from 1–4 persons is withheld (null, listed
 * in `suppressed`, shown as "<5"). Zero persons is no person: shown as 0.
 */
export function suppressSmallCells(f: CockpitFigures): PublicFigures {
  const base = personBase(f)
  const out = { ...f, suppressed: [] as PersonFigure[] } as PublicFigures
  for (const key of PERSON_FIGURES) {
    const n = base[key]
    if (n > 0 && n < SMALL_CELL) {
      ;(out as Record<string, unknown>)[key] = null
      out.suppressed.push(key)
    }
  }
  return out
}

/** Runs queries one after another: inside a transaction there is one connection, and pg wants no overlap on it. */
export async function inOrder<const T extends readonly (() => Promise<unknown>)[]>(fns: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = []
  for (const f of fns) out.push(await f())
  return out as never
}
