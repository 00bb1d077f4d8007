import { describe, expect, test } from 'vitest'
import { shortName, villageIndex, type RegionName } from './village-names.ts'

const R: RegionName[] = [
  { code: '331126', name: '庆元县', level: 3, parentCode: '3311' },
  { code: '331126001', name: '松源街道', level: 4, parentCode: '331126' },
  { code: '331126101', name: '黄田镇', level: 4, parentCode: '331126' },
  { code: '331126001200', name: '东门村委会', level: 5, parentCode: '331126001' },
  { code: '331126001201', name: '新村村委会', level: 5, parentCode: '331126001' },
  { code: '331126101201', name: '新村村委会', level: 5, parentCode: '331126101' },
  { code: '331126001002', name: '城东社区居委会', level: 5, parentCode: '331126001' },
]
const all = () => true

describe('villages by name', () => {
  const idx = villageIndex(R)
  test('the name alone, with or without 村委会, with its township or county', () => {
    expect(idx.resolve('东门村委会', all)).toEqual({ code: '331126001200' })
    expect(idx.resolve('东门村', all)).toEqual({ code: '331126001200' })
    expect(idx.resolve('城东社区', all)).toEqual({ code: '331126001002' })
    expect(idx.resolve('庆元县/松源街道/东门村', all)).toEqual({ code: '331126001200' })
    expect(idx.resolve('黄田镇 新村', all)).toEqual({ code: '331126101201' })
    expect(idx.resolve('黄田镇/新村村', all)).toEqual({ code: '331126101201' })
    expect(idx.resolve('东门', all)).toEqual({ code: '331126001200' })
  })
  test('a shared name lists its candidates; a wrong township or a village outside the scope is not found', () => {
    const m = idx.resolve('新村', all)
    expect(m && 'candidates' in m && m.candidates).toEqual(['庆元县/松源街道/新村村委会（331126001201）', '庆元县/黄田镇/新村村委会（331126101201）'])
    expect(idx.resolve('黄田镇/东门村', all)).toBeNull()
    expect(idx.resolve('新村', (c) => c.startsWith('331126101'))).toEqual({ code: '331126101201' })
    expect(idx.resolve('东门村', (c) => c.startsWith('331126101'))).toBeNull()
  })
  test('short names', () => {
    expect(shortName('新建村民委员会')).toBe('新建')
    expect(shortName('城东社区居委会')).toBe('城东社区')
    expect(shortName('松源街道')).toBe('松源街道')
  })
})
