import { describe, expect, test } from 'vitest'
import { fc } from '@fast-check/vitest'
import ExcelJS from 'exceljs'
import { columnName, createXlsxWriter } from './xlsx-writer.mjs'

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes.slice().buffer)
  return wb
}

describe('the xlsx sheet writer', () => {
  test('column letters run A…Z, AA…AZ, BA…', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  test('any text comes back as written (XML specials, spaces at the ends, new lines), less the control characters XML cannot hold', async () => {
    const text = fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", ' ', '\n', '\t', '\u0001', '\u001f', 'a', '工', '=', '😀') })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, fc.integer({ min: -1e9, max: 1e9 })), { minLength: 1, maxLength: 20 }), async (rows) => {
        const w = createXlsxWriter({ sheetName: 'x', columns: [{ header: '文本', width: 10, text: true }, { header: '数', width: 8, text: false }] })
        w.add(rows)
        const ws = (await readBack(await w.finish())).worksheets[0]!
        rows.forEach(([s, n], i) => {
          const want = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '') // eslint-disable-line no-control-regex
          const got = ws.getRow(i + 2).getCell(1).value
          expect(got ?? '').toBe(want)
          expect(ws.getRow(i + 2).getCell(2).value).toBe(n)
        })
      }),
      { numRuns: 40 },
    )
  })

  test('a preamble above a bold, frozen header; empty cells left out; a sheet name Excel would refuse is mended', async () => {
    const w = createXlsxWriter({
      sheetName: '代发[11/12]工资:*?',
      columns: [{ header: '账号', width: 24, text: true }, { header: '金额', width: 10, text: false }],
      preamble: ['代发工资 2026-12-05', '笔数 2'],
      properties: { creator: '张三（operator）', created: new Date('2026-12-04T16:30:00Z'), description: '仅限工作使用' },
      headerFooter: { oddFooter: '&L导出人 张三&R第 &P 页' },
    })
    w.add([['6217990000000000001', 12.5], [null, 3]])
    const wb = await readBack(await w.finish())
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('代发_11_12_工资___')
    expect(ws.getRow(1).values).toEqual([undefined, '代发工资 2026-12-05'])
    expect(ws.getRow(3).values).toEqual([undefined, '账号', '金额'])
    expect(ws.getRow(3).font?.bold).toBe(true)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
    expect(ws.getRow(4).getCell(1)).toMatchObject({ value: '6217990000000000001', numFmt: '@' })
    expect(ws.getRow(5).getCell(1).value).toBeNull()
    expect(ws.columns.map((c) => c.width)).toEqual([24, 10])
    expect(wb.creator).toBe('张三（operator）')
    expect(wb.created.toISOString()).toBe('2026-12-04T16:30:00.000Z')
    expect(ws.headerFooter.oddFooter).toBe('&L导出人 张三&R第 &P 页')
  })
})
