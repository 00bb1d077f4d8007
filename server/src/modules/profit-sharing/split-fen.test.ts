import { describe, expect } from 'vitest'
import { test } from '@fast-check/vitest'
import fc from 'fast-check'
import { splitFen } from './split-fen.ts'

const weights = fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 1, maxLength: 300 }).filter((ws) => ws.some((w) => w > 0n))

describe('splitFen (largest remainder)', () => {
  test('a hand-computed example: 100 fen over 1:1:1 gives 34/33/33, the tie going to the first household', () => {
    expect(splitFen(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n])
    // 1,000.00 yuan over shares 3, 2, 2: exact 42857.14…, 28571.43…, 28571.43… → floors 42857/28571/28571,
    // two fen left go to the largest remainders (the two 2-share households).
    expect(splitFen(100000n, [3n, 2n, 2n])).toEqual([42857n, 28572n, 28571n])
    expect(splitFen(0n, [5n, 7n])).toEqual([0n, 0n])
    expect(splitFen(1n, [0n, 1n, 1n])).toEqual([0n, 1n, 0n])
  })

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 12n }), weights])('never loses or creates a fen', (total, ws) => {
    const shares = splitFen(total, ws)
    expect(shares.reduce((a, s) => a + s, 0n)).toBe(total)
    expect(shares.every((s) => s >= 0n)).toBe(true)
  })

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 12n }), weights])('each share is within one fen of its exact quota; zero shares get nothing', (total, ws) => {
    const shares = splitFen(total, ws)
    const sum = ws.reduce((a, w) => a + w, 0n)
    shares.forEach((s, i) => {
      const floor = (total * ws[i]!) / sum
      expect(s === floor || s === floor + 1n).toBe(true)
      if (ws[i] === 0n) expect(s).toBe(0n)
    })
  })

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 9n }), weights])('deterministic, and more shares never get less', (total, ws) => {
    const a = splitFen(total, ws)
    expect(splitFen(total, [...ws])).toEqual(a)
    for (let i = 0; i < ws.length; i++)
      for (let j = 0; j < ws.length; j++) if (ws[i]! > ws[j]!) expect(a[i]! >= a[j]!).toBe(true)
  })

  test('refuses negative input', () => {
    expect(() => splitFen(-1n, [1n])).toThrow(RangeError)
    expect(() => splitFen(1n, [-1n, 2n])).toThrow(RangeError)
  })
})
