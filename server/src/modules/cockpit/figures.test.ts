import { describe, expect, it } from 'vitest'
import { test } from '@fast-check/vitest'
import fc from 'fast-check'
import { divRound, emptyRaw, monthIndex, monthLabel, periodDates, resolvePeriod, suppressSmallCells, toFigures } from './figures.ts'

describe('cockpit figures', () => {
  test.prop([fc.integer({ min: 0, max: 9999 * 12 + 11 })])('month index and label round-trip', (i) => {
    expect(monthIndex(monthLabel(i))).toBe(i)
  })

  it('periods: defaults, order, last day of month', () => {
    const now = new Date('2025-12-31T20:00:00Z') // already 2026-01-01 in China
    expect(resolvePeriod({}, now)).toMatchObject({ ok: true, from: '2026-01', to: '2026-01' })
    expect(resolvePeriod({ to: '2025-06' }, now)).toMatchObject({ ok: true, from: '2025-01', to: '2025-06' })
    expect(resolvePeriod({ from: '2025-07', to: '2025-06' }, now)).toEqual({ ok: false, reason: 'order' })
    expect(resolvePeriod({ from: '2000-01', to: '2025-06' }, now)).toEqual({ ok: false, reason: 'length' })
    expect(periodDates('2024-02', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' })
    expect(periodDates('2025-01', '2025-12')).toEqual({ start: '2025-01-01', end: '2025-12-31' })
  })

  test.prop([fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 })])('divRound rounds half away from zero, exactly', (n, d) => {
    const q = divRound(n, d)!
    // |n − q·d| ≤ d/2, and a tie goes away from zero.
    expect(2 * Math.abs(n - q * d)).toBeLessThanOrEqual(d)
    if (2 * Math.abs(n - q * d) === d) expect(Math.abs(q * d)).toBeGreaterThan(Math.abs(n))
  })

  it('average monthly increase = wages ÷ active worker-months; none without workers', () => {
    const raw = emptyRaw()
    expect(toFigures(raw).avgMonthlyIncreaseFen).toBeNull()
    raw.sums.wagesFen = 1000
    raw.persons = { all: 2, lowIncome: 1, disabled: 0, workerMonths: 3 }
    raw.byType = { processing: 2, ecommerce: 1 }
    const f = toFigures(raw)
    expect(f.avgMonthlyIncreaseFen).toBe(333)
    expect(f.avgIncreasePerWorkerFen).toBe(500)
    expect(f.workshopsOperating).toBe(3)
    expect(f.workshopsByType).toMatchObject({ processing: 2, ecommerce: 1, brand: 0 })
  })

  test.prop([fc.nat(20), fc.nat(20), fc.nat(20), fc.nat(1e9)])('small cells never leave: every person figure from 1–4 persons is null', (all, low, dis, wages) => {
    const raw = emptyRaw()
    raw.persons = { all, lowIncome: Math.min(low, all), disabled: Math.min(dis, all), workerMonths: all * 2 }
    raw.sums.wagesFen = all ? wages : 0
    const p = suppressSmallCells(toFigures(raw))
    const small = (n: number) => n > 0 && n < 5
    expect(p.workersEmployed === null).toBe(small(all))
    expect(p.wagesFen === null).toBe(small(all))
    expect(p.avgMonthlyIncreaseFen === null).toBe(small(all) || all === 0)
    expect(p.lowIncomeEmployed === null).toBe(small(Math.min(low, all)))
    expect(p.disabledEmployed === null).toBe(small(Math.min(dis, all)))
    for (const k of p.suppressed) expect(p[k]).toBeNull()
  })
})
