import { describe, expect, it } from 'vitest'
import { addDays, addMonths, ageOn, chinaDate, chinaDateTime, fixedClock, monthRange, startOfChinaDay, thisMonth, today, yearsBefore } from './clock.ts'

describe('China clock', () => {
  it('00:30 in China is still the previous day in UTC, and today() says the China date', () => {
    const clock = fixedClock('2026-11-30T16:30:00Z') // 2026-12-01 00:30 Asia/Shanghai
    expect(today(clock)).toBe('2026-12-01')
    expect(thisMonth(clock)).toBe('2026-12')
    expect(chinaDate(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01')
    expect(chinaDate(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02')
  })
  it('date and month arithmetic', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2025-12', 14)).toBe('2027-02')
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28')
    expect(ageOn('1960-12-02', '2026-12-01')).toBe(65)
    expect(ageOn('1960-12-02', '2026-12-02')).toBe(66)
    expect(startOfChinaDay('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError)
  })
})

it('chinaDateTime: the instant on the China wall clock', () => {
  expect(chinaDateTime(new Date('2026-12-03T16:30:05Z'))).toBe('2026-12-04 00:30:05')
  expect(chinaDateTime(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe('2026-01-01 08:00:00')
})
