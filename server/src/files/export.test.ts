import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { csvCell, formulaSafe, toCsv } from './export.ts'

const csvText = (rows: string[][]) => toCsv([{ header: 'h', value: (r: string[]) => r[0] }], rows).toString('utf8').slice(1)

describe('CSV formula injection (OWASP)', () => {
  test('cells starting with = + - @ tab or CR are written as text with a leading quote', () => {
    expect(csvText([['=HYPERLINK("http://x","y")'], ['+1+cmd|calc'], ['-2+3'], ['@SUM(A1)'], ['\t=1'], ['\r=1']])).toBe(
      'h\r\n"\'=HYPERLINK(""http://x"",""y"")"\r\n\'+1+cmd|calc\r\n\'-2+3\r\n\'@SUM(A1)\r\n\'\t=1\r\n"\'\r=1"\r\n',
    )
  })

  test('numbers keep their sign; other text is unchanged; no written cell starts a formula', () => {
    expect(formulaSafe('-1234.56')).toBe('-1234.56')
    expect(formulaSafe('+86')).toBe('+86')
    expect(formulaSafe('叶秀英')).toBe('叶秀英')
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (s) => {
        const out = formulaSafe(s)
        if (/^[=+\-@\t\r]/.test(out)) expect(out).toMatch(/^[-+]?\d+(\.\d+)?$/)
        expect(out === s || out === `'${s}`).toBe(true)
      }),
    )
  })
})

describe('csvCell', () => {
  // The rule spelled out in full, without the shortcut for cells that need nothing.
  const reference = (v: string) => {
    const s = formulaSafe(v)
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  const tricky = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u3000', '"', ',', '1', '.', 'a', '工') })

  test('quotes and guards exactly as the full rule, for any text', () => {
    fc.assert(fc.property(fc.oneof(tricky, fc.string()), (s) => { expect(csvCell(s)).toBe(reference(s)) }), { numRuns: 2000 })
    expect(csvCell('=1+2')).toBe("'=1+2")
    expect(csvCell('-12.50')).toBe('-12.50')
    expect(csvCell(' a,b')).toBe('" a,b"')
    expect(csvCell('6217990000000000001')).toBe('6217990000000000001')
    expect(csvCell(null)).toBe('')
  })
})
