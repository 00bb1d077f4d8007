import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { mapHeaders, parseDate, parseYuanToFen, parseSkills, validateWorker } from './specs.ts'

describe('import cell parsers', () => {
  test('yuan text → integer fen exactly, for every amount with up to two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (yuan, cents, twoDigits) => {
        const text = twoDigits ? `${yuan}.${String(cents).padStart(2, '0')}` : cents % 10 === 0 ? `${yuan}.${cents / 10}` : `${yuan}`
        const fen = twoDigits ? yuan * 100 + cents : cents % 10 === 0 ? yuan * 100 + cents : yuan * 100
        expect(parseYuanToFen(text)).toEqual({ ok: true, v: fen })
      }),
    )
    expect(parseYuanToFen('1,234.5元')).toEqual({ ok: true, v: 123450 })
    expect(parseYuanToFen('12.345').ok).toBe(false)
    expect(parseYuanToFen('-3').ok).toBe(false)
    expect(parseYuanToFen('')).toEqual({ ok: true, v: null })
  })

  test('dates in the forms people type', () => {
    for (const s of ['2023-04-01', '2023/4/1', '2023.04.01', '2023年4月1日']) expect(parseDate(s)).toEqual({ ok: true, v: '2023-04-01' })
    expect(parseDate('2023-02-30').ok).toBe(false)
    expect(parseDate('01/04/2023').ok).toBe(false)
  })

  test('skills: Chinese labels become codes; separators of both languages', () => {
    expect(parseSkills('分拣、包装，直播带货; sorting')).toEqual(['sorting', 'packing', 'livestream'])
  })

  test('headers: Chinese, English and aliases; missing required columns are named', () => {
    const { index, missing } = mapHeaders('workers', ['name', '公民身份号码', ' 村代码 ', '备注'])
    expect(index.get('name')).toBe(0)
    expect(index.get('idNumber')).toBe(1)
    expect(index.get('regionCode')).toBe(2)
    expect(missing).toEqual([])
    expect(mapHeaders('workers', ['姓名']).missing.map((f) => f.zh)).toEqual(['身份证号', '村代码'])
  })

  test('an ID number that Excel turned into a number is explained', () => {
    const cells: Record<string, string> = { name: '张三', idNumber: '3.31126E+17', regionCode: '331126001200' }
    const out = validateWorker((k) => cells[k] ?? '', { villages: new Set(['331126001200']), regionExists: () => true, inScope: () => true })
    expect(out.record).toBeNull()
    expect(out.errors[0]!.message.zh).toContain('文本')
  })
})
