import { describe, expect, test } from 'vitest'
import { monthName, nextPayDate, pieceTotalFen, shortDate, spokenYuan, type MonthPay } from './home-figures'

const m = (month: string, amountFen: number, payStatus: MonthPay['payStatus'], paidOn: string | null = null): MonthPay => ({ month, amountFen, payStatus, paidOn })

describe('nextPayDate', () => {
  test('the oldest unpaid month, paid with the lag and day of the last paid one', () => {
    const months = [m('2026-12', 5000, 'none'), m('2026-11', 9000, 'locked'), m('2026-10', 8000, 'paid', '2026-11-10')]
    expect(nextPayDate(months, '2026-12-02')).toEqual({ month: '2026-11', date: '2026-12-10', late: false })
  })
  test('clamps the day to the month and flags a date already past', () => {
    const months = [m('2026-01', 100, 'locked'), m('2025-12', 100, 'paid', '2026-01-31')]
    expect(nextPayDate(months, '2026-03-01')).toEqual({ month: '2026-01', date: '2026-02-28', late: true })
  })
  test('nothing to learn from or nothing owed: null', () => {
    expect(nextPayDate([m('2026-12', 5000, 'none')], '2026-12-02')).toBeNull()
    expect(nextPayDate([m('2026-11', 0, 'none'), m('2026-10', 8000, 'paid', '2026-11-10')], '2026-12-02')).toBeNull()
  })
})

test('spoken money has no symbol and no commas; piece totals round half-up once', () => {
  expect(spokenYuan(123456)).toBe('1234.56 元')
  expect(spokenYuan(5)).toBe('0.05 元')
  expect(pieceTotalFen(3, 1505)).toBe(45) // 45.15 fen
  expect(pieceTotalFen(1, 150)).toBe(2) // 1.5 fen → 2
  expect(pieceTotalFen(2000, 3500)).toBe(70000)
  expect(shortDate('2026-12-02', 'zh-CN')).toBe('12月2日')
  expect(shortDate('2026-12-02', 'en')).toBe('Dec 2')
  expect(monthName('2026-10', '2026-12-03', 'zh-CN')).toBe('10月')
  expect(monthName('2025-12', '2026-01-03', 'zh-CN')).toBe('2025年12月')
  expect(monthName('2026-10', '2026-12-03', 'en')).toBe('2026-10')
})
