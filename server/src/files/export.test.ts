import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import ExcelJS from 'exceljs'
import { csvCell, exportFile, formulaSafe, mapInTurns, toCsv } from './export.ts'

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

describe('large exports, built in chunks (CSV between turns of the event loop, xlsx on a writer thread)', () => {
  const rows = Array.from({ length: 12_345 }, (_, i) => ({ n: i, name: i % 7 === 0 ? `=X${i}` : `张${i}`, id: `33010219900101${String(i % 10_000).padStart(4, '0')}` }))
  const columns = [
    { header: '序号', value: (r: (typeof rows)[number]) => r.n },
    { header: '姓名', value: (r: (typeof rows)[number]) => r.name },
    { header: '身份证号', value: (r: (typeof rows)[number]) => r.id, text: true },
  ]

  test('the chunked CSV is byte for byte the one-piece CSV', async () => {
    const f = await exportFile('csv', 'x', columns, rows)
    expect(Buffer.from(f.body).equals(toCsv(columns, rows))).toBe(true)
  })

  test('the xlsx holds every row in order, numbers as numbers, text columns as text, the header bold and frozen, and the stamp', async () => {
    const f = await exportFile('xlsx', '名册', columns, rows, { by: '张三（lishui）', at: new Date('2026-12-04T16:30:00Z') })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(f.body.slice().buffer)
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('名册')
    expect(ws.rowCount).toBe(rows.length + 1)
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '姓名', '身份证号'])
    expect(ws.getRow(1).font?.bold).toBe(true)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    for (const i of [0, 999, 1_000, 4_999, 5_000, 12_344]) {
      const r = ws.getRow(i + 2)
      expect([r.getCell(1).value, r.getCell(2).value, r.getCell(3).value]).toEqual([i, rows[i]!.name, rows[i]!.id])
      expect(r.getCell(3).numFmt).toBe('@')
    }
    expect(wb.creator).toBe('张三（lishui）')
    expect(ws.headerFooter.oddFooter).toContain('2026-12-05 00:30')
  }, 60_000)
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

describe('mapInTurns', () => {
  test('maps every row in order, with other callbacks running between chunks', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => i)
    let turns = 0
    const ticking = setInterval(() => turns++, 0)
    const out = await mapInTurns(rows, (x, i) => {
      // A slow row: the chunk holds the thread long enough for a timer to be due.
      const until = performance.now() + (i % 1_000 === 999 ? 5 : 0)
      while (performance.now() < until);
      return x * 2 + i
    })
    clearInterval(ticking)
    expect(out).toEqual(rows.map((x) => x * 3))
    expect(turns).toBeGreaterThan(0)
  })
})
