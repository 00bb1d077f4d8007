import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { SMALL_CELL, WORKSHOP_TYPES, type CockpitFigures } from '@gongfang/shared/cockpit'
import { ZERO_SUMS } from '../cockpit/figures.ts'
import { suppressOneLevel } from './suppression.ts'

type Persons = { workers: number; lowIncome: number; disabled: number; months: number; wages: number }

function figures(p: Persons): CockpitFigures {
  return {
    workshopsOperating: 1,
    workshopsByType: Object.fromEntries(WORKSHOP_TYPES.map((t) => [t, 0])) as CockpitFigures['workshopsByType'],
    enterprisesLinked: 0,
    workersEmployed: p.workers,
    lowIncomeEmployed: p.lowIncome,
    disabledEmployed: p.disabled,
    activeWorkerMonths: p.months,
    avgMonthlyIncreaseFen: p.months ? Math.round(p.wages / p.months) : null,
    avgIncreasePerWorkerFen: p.workers ? Math.round(p.wages / p.workers) : null,
    // The sums this test does not look at stay zero.
    ...ZERO_SUMS,
    wagesFen: p.wages,
  }
}

// Villages: many empty or small ones, as in a mountain township.
const personsUpTo = (max: number): fc.Arbitrary<Persons> => fc
  .integer({ min: 0, max })
  .chain((workers) =>
    fc.record({
      workers: fc.constant(workers),
      lowIncome: fc.integer({ min: 0, max: workers }),
      disabled: fc.integer({ min: 0, max: workers }),
      months: fc.constant(workers * 3),
      wages: workers ? fc.integer({ min: 1, max: 10_000_000 }) : fc.constant(0),
    }),
  )
const smallBiased = fc.oneof(personsUpTo(40), personsUpTo(5), fc.constant({ workers: 1, lowIncome: 1, disabled: 1, months: 3, wages: 120_000 }))
const level = fc.array(smallBiased, { minLength: 1, maxLength: 12 })

const sum = (cs: Persons[]): Persons =>
  cs.reduce((a, c) => ({ workers: a.workers + c.workers, lowIncome: a.lowIncome + c.lowIncome, disabled: a.disabled + c.disabled, months: a.months + c.months, wages: a.wages + c.wages }), {
    workers: 0, lowIncome: 0, disabled: 0, months: 0, wages: 0,
  })

const COUNTS = ['workersEmployed', 'lowIncomeEmployed', 'disabledEmployed'] as const

/**
 * What subtraction tells an attacker who sees the parent, the shown children, and "<5" for withheld ones:
 * the withheld children's total T. A cell is decided when T leaves it one value, with every withheld cell
 * in 1..4 (as the page says) — or, when T is too large for that, in 1..T.
 */
function decidedBySubtraction(total: number, k: number): boolean {
  const hi = total <= (SMALL_CELL - 1) * k ? SMALL_CELL - 1 : total
  const lo = 1
  const min = Math.max(lo, total - (k - 1) * hi)
  const max = Math.min(hi, total - (k - 1) * lo)
  return min === max
}

describe('public page: complementary suppression over one level', () => {
  test('no withheld child cell comes out of parent − shown children, for any count figure', () => {
    fc.assert(
      fc.property(level, (cs) => {
        const parent = sum(cs)
        const out = suppressOneLevel(figures(parent), cs.map(figures))
        for (const key of COUNTS) {
          if (out.figures[key] === null) continue // the parent is withheld: nothing to subtract from
          const withheld = out.children.flatMap((c, i) => (c[key] === null ? [i] : []))
          if (withheld.length === 0) continue
          const shown = out.children.reduce((a, c) => a + (c[key] ?? 0), 0)
          const total = out.figures[key]! - shown
          expect(decidedBySubtraction(total, withheld.length), `${key}: ${JSON.stringify(withheld.map((i) => cs[i]))}`).toBe(false)
        }
      }),
      { numRuns: 1000 },
    )
  }, 60_000)

  test('primary suppression still holds: every 1–4 person cell is withheld; figures of the same persons go together', () => {
    fc.assert(
      fc.property(level, (cs) => {
        const out = suppressOneLevel(figures(sum(cs)), cs.map(figures))
        out.children.forEach((c, i) => {
          if (cs[i]!.workers > 0 && cs[i]!.workers < SMALL_CELL) expect(c.workersEmployed).toBeNull()
          const group = [c.workersEmployed, c.activeWorkerMonths, c.wagesFen, c.avgIncreasePerWorkerFen, c.avgMonthlyIncreaseFen]
          expect(group.every((v) => v === null) || group.every((v) => v !== null) || cs[i]!.workers === 0).toBe(true)
          expect(c.suppressed.every((k) => c[k] === null)).toBe(true)
          if (c.workersEmployed !== null) expect(c.workersEmployed).toBe(cs[i]!.workers)
        })
      }),
    )
  })

  test('the outside test: one village with one worker among large ones is no longer parent minus the others', () => {
    const cs = [{ workers: 1, lowIncome: 1, disabled: 0, months: 12, wages: 2_400_000 }, { workers: 30, lowIncome: 10, disabled: 2, months: 300, wages: 90_000_000 }, { workers: 12, lowIncome: 5, disabled: 0, months: 120, wages: 30_000_000 }]
    const out = suppressOneLevel(figures(sum(cs)), cs.map(figures))
    expect(out.children.map((c) => c.wagesFen)).toEqual([null, 90_000_000, null])
    expect(out.figures.wagesFen).toBe(122_400_000)
  })
})
