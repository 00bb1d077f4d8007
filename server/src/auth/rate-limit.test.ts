import { expect, test } from 'vitest'
import fc from 'fast-check'
import { BackoffLimiter, FailureLimiter, SprayLimiter, backoffSeconds } from './rate-limit.ts'

test('allows maxFailures failures in the window, then asks to wait until the oldest expires', () => {
  const l = new FailureLimiter(10, 60_000)
  for (let i = 0; i < 10; i++) {
    expect(l.retryAfter('k', 1000 + i)).toBe(0)
    l.fail('k', 1000 + i)
  }
  expect(l.retryAfter('k', 2000)).toBe(59)
  expect(l.retryAfter('other', 2000)).toBe(0)
  expect(l.retryAfter('k', 61_001)).toBe(0) // the first failure left the window
  l.reset('k')
  expect(l.retryAfter('k', 2000)).toBe(0)
})

test('never blocks with fewer failures than the limit inside any window', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 300_000 }), { maxLength: 40 }), (times) => {
      const l = new FailureLimiter(5, 60_000)
      const sorted = [...times].sort((a, b) => a - b)
      for (const t of sorted) l.fail('k', t)
      const now = (sorted.at(-1) ?? 0) + 1
      const inWindow = sorted.filter((t) => now - t < 60_000).length
      expect(l.retryAfter('k', now) > 0).toBe(inWindow >= 5)
    }),
  )
})

test('spraying: the 11th different username failing from one address waits; retries of one username do not count twice', () => {
  const l = new SprayLimiter(10, 15 * 60_000)
  for (let i = 0; i < 30; i++) l.fail('1.2.3.4', 'lishui', 1000 + i)
  expect(l.retryAfter('1.2.3.4', 2000)).toBe(0)
  for (let i = 0; i < 9; i++) l.fail('1.2.3.4', `user${i}`, 2000 + i)
  expect(l.retryAfter('1.2.3.4', 3000)).toBe(899) // until the last 'lishui' failure (t = 1029) leaves
  expect(l.retryAfter('5.6.7.8', 3000)).toBe(0)
  expect(l.retryAfter('1.2.3.4', 1029 + 15 * 60_000)).toBe(0) // 'lishui' left the window
})

test('backoff: nothing for the first failures, then 1, 2, 4 … seconds, capped', () => {
  expect([0, 9, 10, 11, 12, 13, 18, 19, 40, 5000].map((n) => backoffSeconds(n, 10, 1, 300))).toEqual([0, 0, 1, 2, 4, 8, 256, 300, 300, 300])
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 200 }), (n) => {
      const d = backoffSeconds(n, 5, 1, 300)
      expect(d).toBeLessThanOrEqual(300)
      expect(backoffSeconds(n + 1, 5, 1, 300)).toBeGreaterThanOrEqual(d) // never shrinks with more failures
    }),
  )
})

test('backoff limiter: one username failing from anywhere waits longer each time; a success or a quiet spell resets', () => {
  const l = new BackoffLimiter(10, 1, 300, 15 * 60_000)
  for (let i = 0; i < 10; i++) {
    expect(l.retryAfter('lishui', 1000 + i)).toBe(0)
    l.fail('lishui', 1000 + i)
  }
  expect(l.retryAfter('lishui', 1010)).toBe(1) // 10th failure at t = 1009 → wait 1 s
  expect(l.retryAfter('lishui', 2009)).toBe(0)
  l.fail('lishui', 2009) // 11th → 2 s
  expect(l.retryAfter('lishui', 2010)).toBe(2)
  expect(l.retryAfter('lishui', 4009)).toBe(0)
  l.fail('lishui', 4009) // 12th → 4 s
  expect(l.retryAfter('lishui', 4010)).toBe(4)
  expect(l.retryAfter('longquan', 4010)).toBe(0)
  expect(l.retryAfter('lishui', 4009 + 15 * 60_000)).toBe(0) // forgotten after a quiet spell
  l.fail('lishui', 4009 + 15 * 60_000)
  expect(l.retryAfter('lishui', 4010 + 15 * 60_000)).toBe(0) // counting starts again
  for (let i = 0; i < 12; i++) l.fail('x', i)
  expect(l.retryAfter('x', 12)).toBeGreaterThan(0)
  l.reset('x')
  expect(l.retryAfter('x', 12)).toBe(0)
})
