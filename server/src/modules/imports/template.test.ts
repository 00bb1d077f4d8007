import { expect, test } from 'vitest'
import ExcelJS from 'exceljs'
import { templateXlsx, type VillageLookup } from './template.ts'
import { FIELDS } from './specs.ts'

const villages = (n: number): VillageLookup[] =>
  Array.from({ length: n }, (_, i) => ({ county: '庆元县', township: `乡镇${i % 7}`, village: `村${i}`, code: `3311260${String(i).padStart(5, '0')}` }))

async function read(buf: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as never)
  return wb
}

// 400 villages are written in process, 3,000 on the writer thread: both give the same workbook.
test.each([400, 3_000])('the workers template with %i villages: headers, notes and every village as text', async (n) => {
  const wb = await read(await templateXlsx('workers', villages(n)))
  expect(wb.worksheets.map((w) => w.name)).toEqual(['农户', '填写说明', '村名对照'])
  const [main, notes, lookup] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet]
  const fields = FIELDS.workers
  expect((main.getRow(1).values as unknown[]).slice(1)).toEqual(fields.map((f) => f.zh))
  const idCol = fields.findIndex((f) => f.key === 'idNumber') + 1
  expect(main.getRow(1).getCell(idCol).font?.color?.argb).toBe('FFC00000')
  expect(main.getRow(500).getCell(idCol).numFmt).toBe('@')
  expect(notes.rowCount).toBe(fields.length + 3)
  expect(lookup.rowCount).toBe(n + 1)
  expect((lookup.getRow(n + 1).values as unknown[]).slice(1)).toEqual(['庆元县', `乡镇${(n - 1) % 7}`, `村${n - 1}`, `3311260${String(n - 1).padStart(5, '0')}`])
  expect(lookup.getRow(2).getCell(4).numFmt).toBe('@')
})
