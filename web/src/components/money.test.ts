import { expect, test } from 'vitest'
import { formatFen } from './money'

test.each([
  [0, '¥0.00'],
  [5, '¥0.05'],
  [99, '¥0.99'],
  [100, '¥1.00'],
  [123456, '¥1,234.56'],
  [-123456, '-¥1,234.56'],
  [-5, '-¥0.05'],
  ['100000000', '¥1,000,000.00'],
  [12345678901234567890n, '¥123,456,789,012,345,678.90'],
])('formatFen(%s) = %s', (fen, text) => {
  expect(formatFen(fen)).toBe(text)
})

test('rejects fractional fen', () => {
  expect(() => formatFen(1.5)).toThrow()
})
