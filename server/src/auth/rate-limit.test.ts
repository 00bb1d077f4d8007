import { expect, test } from 'vitest'
import fc from 'fast-check'
import { FailureLimiter, SprayLimiter } from './rate-limit.ts'

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
