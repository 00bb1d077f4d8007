import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { capitalsToFen, fenToCapitals, fenToYuanString } from '@gongfang/shared/money'
import { canonicalSheet, divRoundHalfUp, lineAmountFen, nextMonth, sheetHash } from './wage-calc.ts'

describe('lineAmountFen', () => {
  test('rounds half-up once on the line', () => {
    expect(lineAmountFen(1, 50)).toBe(1n) // 0.5 fen → 1
    expect(lineAmountFen(1, 49)).toBe(0n)
    expect(lineAmountFen(3, 1250)).toBe(38n) // 37.5 → 38
    expect(lineAmountFen(0, 999)).toBe(0n)
    expect(lineAmountFen(-3, 1250)).toBe(-38n) // a reversal negates exactly
  })

  test('equals the exact big-integer half-up rounding for random quantities and sub-fen rates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (q, r) => {
        const exact = BigInt(q) * BigInt(r) // in centifen
        const floor = exact / 100n
        const rem = exact % 100n
        const expected = rem >= 50n ? floor + 1n : floor
        expect(lineAmountFen(q, r)).toBe(expected)
        // and the reversal of the line is its exact negation
        expect(lineAmountFen(-q, r)).toBe(-expected)
      }),
      { numRuns: 2000 },
    )
  })

  test('divRoundHalfUp rejects non-positive divisors', () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow()
  })
})

describe('fenToCapitals', () => {
  test.each([
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [123400, '壹仟贰佰叁拾肆元整'],
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [105, '壹元零伍分'],
    [150, '壹元伍角整'],
    [100500, '壹仟零伍元整'],
    [1000000, '壹万元整'],
    [10010000, '壹拾万零壹佰元整'],
    [10000000100, '壹亿零壹元整'],
    [1010, '壹拾元壹角整'],
    [-250, '负贰元伍角整'],
  ])('%i fen → %s', (fen, words) => {
    expect(fenToCapitals(fen)).toBe(words)
  })

  test('round-trips through the parser for random amounts', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (fen) => {
        const words = fenToCapitals(fen)
        expect(words).toMatch(/^负?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/)
        expect(words).not.toMatch(/零零/)
        expect(capitalsToFen(words)).toBe(fen)
      }),
      { numRuns: 3000 },
    )
  })
})

test('fenToYuanString', () => {
  expect(fenToYuanString(123456)).toBe('1234.56')
  expect(fenToYuanString(5)).toBe('0.05')
  expect(fenToYuanString(-5)).toBe('-0.05')
})

test('nextMonth', () => {
  expect(nextMonth('2026-12')).toBe('2027-01')
  expect(nextMonth('2026-09')).toBe('2026-10')
})

test('sheetHash changes with any line field and with the previous hash', () => {
  const base = {
    workshopId: 'w',
    month: '2026-10',
    prevHash: null,
    lines: [{ workerId: 'a', goodQty: 10, rejectedQty: 1, grossFen: 500, adjustmentsFen: 0, totalFen: 500 }],
    adjustments: [],
  }
  const h = sheetHash(base)
  expect(h).toMatch(/^[0-9a-f]{64}$/)
  expect(sheetHash({ ...base })).toBe(h)
  expect(sheetHash({ ...base, prevHash: h })).not.toBe(h)
  expect(sheetHash({ ...base, lines: [{ ...base.lines[0]!, totalFen: 501 }] })).not.toBe(h)
})

test('a sheet without deductions keeps its v1 text (sheets locked before deductions still verify); deductions make it v2 and are covered', () => {
  const line = { workerId: 'a', goodQty: 10, rejectedQty: 1, grossFen: 500, adjustmentsFen: 0, totalFen: 500 }
  const v1 = { workshopId: 'w', month: '2026-10', prevHash: null, lines: [line], adjustments: [] }
  expect(canonicalSheet(v1)).toBe(['gongfang-paysheet-v1', 'w', '2026-10', '', 'L', 'a,10,1,500,0,500', 'A'].join('\n'))
  expect(sheetHash({ ...v1, lines: [{ ...line, deductionsFen: 0 }], deductions: [] })).toBe(sheetHash(v1))
  const d = { id: 'd1', workerId: 'a', code: 'utilities', amountFen: 120 }
  const v2 = { ...v1, lines: [{ ...line, deductionsFen: 120, totalFen: 380 }], deductions: [d] }
  expect(canonicalSheet(v2)).toBe(['gongfang-paysheet-v2', 'w', '2026-10', '', 'L', 'a,10,1,500,0,120,380', 'A', 'D', 'd1,a,utilities,120'].join('\n'))
  expect(sheetHash({ ...v2, deductions: [{ ...d, code: 'other' }] })).not.toBe(sheetHash(v2))
  expect(sheetHash({ ...v2, deductions: [{ ...d, amountFen: 121 }] })).not.toBe(sheetHash(v2))
})
