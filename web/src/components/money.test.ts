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

test('summaries switch to 万元/亿元 from 10,000 yuan, exact below', async () => {
  const { formatFenShort, formatAxisYuan } = await import('./money')
  expect(formatFenShort(4346, 'zh-CN')).toBe('¥43.46')
  expect(formatFenShort(886683, 'zh-CN')).toBe('¥8,866.83')
  expect(formatFenShort(1610000, 'zh-CN')).toBe('1.61 万元')
  expect(formatFenShort(123_456_789_00, 'zh-CN')).toBe('1.23 亿元')
  expect(formatFenShort(1610000, 'en')).toBe('¥16.10k')
  expect(formatAxisYuan(12000, 'en')).toBe('¥12,000')
  expect(formatAxisYuan(12000, 'zh-CN')).toBe('1.2 万')
  expect(formatAxisYuan(500, 'zh-CN')).toBe('¥500')
})
