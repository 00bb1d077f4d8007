import ExcelJS from 'exceljs'
import type { ImportKind } from '@gongfang/shared/registry'
import { FIELDS } from './specs.ts'

const TITLES: Record<ImportKind, string> = { workers: '农户', workshops: '工坊', enterprises: '企业' }

/** The import template: Chinese headers (required ones bold red), text-formatted code columns, a notes sheet with English names. */
export interface VillageLookup {
  county: string
  township: string
  village: string
  code: string
}

export async function templateXlsx(kind: ImportKind, lookup: readonly VillageLookup[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(TITLES[kind])
  const fields = FIELDS[kind]
  ws.columns = fields.map((f) => ({ header: f.zh, key: f.key, width: Math.max(12, f.zh.length * 2 + 4, f.example.length + 4), style: f.text ? { numFmt: '@' } : {} }))
  fields.forEach((f, i) => {
    const cell = ws.getRow(1).getCell(i + 1)
    cell.font = { bold: true, color: f.required ? { argb: 'FFC00000' } : undefined }
    cell.note = `${f.note.zh}\n${f.en}: ${f.note.en}`
  })
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  // Text format on empty cells too, so typed ID numbers and codes stay text.
  for (let r = 2; r <= 1001; r++) fields.forEach((f, i) => { if (f.text) ws.getRow(r).getCell(i + 1).numFmt = '@' })
  const notes = wb.addWorksheet('填写说明')
  notes.columns = [
    { header: '列名', key: 'zh', width: 22 },
    { header: 'English header', key: 'en', width: 24 },
    { header: '必填', key: 'req', width: 8 },
    { header: '说明', key: 'note', width: 60 },
    { header: '示例', key: 'example', width: 30 },
  ]
  notes.getRow(1).font = { bold: true }
  for (const f of fields) notes.addRow({ zh: f.zh, en: f.en, req: f.required ? '是' : '', note: f.note.zh, example: f.example })
  notes.addRow({})
  notes.addRow({ zh: '说明', note: '第一行为表头，从第二行开始填写；也可另存为 CSV（UTF-8 或 GBK 均可）上传。英文表头同样可以识别。村可以填代码，也可以填村名（同名的村请写成“乡镇/村”），对照见“村名对照”表。整个文件要么全部导入，要么一条都不导入。' })
  if (lookup.length) {
    const l = wb.addWorksheet('村名对照')
    l.columns = [
      { header: '县（市、区）', key: 'county', width: 14 },
      { header: '乡镇（街道）', key: 'township', width: 16 },
      { header: '村（社区）', key: 'village', width: 20 },
      { header: '村代码', key: 'code', width: 16, style: { numFmt: '@' } },
    ]
    l.getRow(1).font = { bold: true }
    l.views = [{ state: 'frozen', ySplit: 1 }]
    l.addRows(lookup.map((v) => ({ ...v })))
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
