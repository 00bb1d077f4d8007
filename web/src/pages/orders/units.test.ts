import { describe, expect, test } from 'vitest'
import { centifenToYuan, yuanToCentifen, yuanToFen } from './units'

describe('rate and money conversion without floats', () => {
  test('yuan with up to four decimals → centifen', () => {
    expect(yuanToCentifen('0.1505')).toBe(1505)
    expect(yuanToCentifen('1')).toBe(10000)
    expect(yuanToCentifen('0.15')).toBe(1500)
    expect(yuanToCentifen('0.15055')).toBeNull()
    expect(yuanToCentifen('-1')).toBeNull()
  })
  test('centifen → yuan text', () => {
    expect(centifenToYuan(1505)).toBe('0.1505')
    expect(centifenToYuan(1500)).toBe('0.15')
    expect(centifenToYuan(10000)).toBe('1.00')
  })
  test('yuan → fen', () => {
    expect(yuanToFen('150.35')).toBe(15035)
    expect(yuanToFen('150.355')).toBeNull()
    expect(yuanToFen('7')).toBe(700)
  })
})
