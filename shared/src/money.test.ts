import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { centifenToYuanString, fenToCapitals, fenToYuanString, formatCentifen, formatFen, formatFenShort, parseRateYuan, parseYuan } from './money.ts'

describe('money', () => {
  it('parses yuan text to fen without floats', () => {
    expect(parseYuan('1,234.5')).toBe(123450)
    expect(parseYuan('¥0.07')).toBe(7)
    expect(parseYuan('12元')).toBe(1200)
    expect(parseYuan('0.1 ')).toBe(10)
    expect(parseYuan('1.005')).toBeNull()
    expect(parseYuan('-3')).toBeNull()
    expect(parseYuan('-3', { negative: true })).toBe(-300)
    expect(parseYuan('12.3.4')).toBeNull()
    expect(parseYuan('')).toBeNull()
    expect(parseYuan('1e5')).toBeNull()
    expect(parseYuan('100', { maxYuan: 99 })).toBeNull()
    expect(parseRateYuan('0.1505')).toBe(1505)
    expect(parseRateYuan('0.15055')).toBeNull()
  })
  it('formats fen and centifen', () => {
    expect(formatFen(123456)).toBe('¥1,234.56')
    expect(formatFen(-5)).toBe('-¥0.05')
    expect(formatFen(0n, { symbol: '' })).toBe('0.00')
    expect(formatCentifen(1505)).toBe('¥0.1505')
    expect(formatCentifen(1500)).toBe('¥0.15')
    expect(centifenToYuanString(120000)).toBe('12.00')
    expect(fenToYuanString(-123456)).toBe('-1234.56')
    expect(formatFenShort(1_234_567_89, 'zh-CN')).toBe('123.46 万元')
    expect(formatFenShort(1_600_000_000_00, 'zh-CN')).toBe('16.00 亿元')
    expect(formatFenShort(999_999, 'zh-CN')).toBe('¥9,999.99')
    expect(formatFenShort(250_000_00, 'en')).toBe('¥250.00k')
    expect(fenToCapitals(123456)).toBe('壹仟贰佰叁拾肆元伍角陆分')
  })
  it('formatting and parsing are inverse for every amount', () => {
    fc.assert(
      // Every amount up to the parser's limit, 10^10 − 1 yuan (just under 10^12 fen), both signs.
      fc.property(fc.integer({ min: -(10 ** 12 - 1), max: 10 ** 12 - 1 }), (fen) => {
        expect(parseYuan(formatFen(fen), { negative: true })).toBe(fen)
        expect(parseYuan(fenToYuanString(fen), { negative: true })).toBe(fen)
        expect(parseRateYuan(centifenToYuanString(fen), { negative: true })).toBe(fen)
      }),
    )
    // One fen past the limit is refused, not wrapped or rounded.
    expect(parseYuan(formatFen(10 ** 12), { negative: true })).toBeNull()
    expect(parseYuan(formatFen(-(10 ** 12)), { negative: true })).toBeNull()
  })
})
