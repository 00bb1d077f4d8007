import { describe, expect, test } from 'vitest'
import { haversineKm, overlapDays, workingDays } from './geo.ts'

describe('haversineKm', () => {
  test('Qingyuan county town to Lishui city is about 110 km as the crow flies', () => {
    const d = haversineKm(119.062, 27.618, 119.923, 28.467)
    expect(d).toBeGreaterThan(120)
    expect(d).toBeLessThan(130)
  })
  test('zero for the same point and symmetric', () => {
    expect(haversineKm(119, 28, 119, 28)).toBe(0)
    expect(haversineKm(119, 28, 120, 29)).toBeCloseTo(haversineKm(120, 29, 119, 28), 9)
  })
  test('one degree of latitude is about 111.2 km', () => {
    expect(haversineKm(120, 28, 120, 29)).toBeCloseTo(111.19, 1)
  })
})

describe('workingDays', () => {
  test('a week Monday to Sunday has six working days', () => {
    expect(workingDays('2026-11-23', '2026-11-29')).toBe(6)
  })
  test('inclusive single day; reversed range is empty', () => {
    expect(workingDays('2026-11-25', '2026-11-25')).toBe(1)
    expect(workingDays('2026-11-26', '2026-11-25')).toBe(0)
  })
  test('overlap of two ranges', () => {
    expect(overlapDays('2026-11-23', '2026-11-28', '2026-11-26', '2026-12-05')).toBe(3)
    expect(overlapDays('2026-11-01', '2026-11-02', '2026-11-26', '2026-12-05')).toBe(0)
  })
})
