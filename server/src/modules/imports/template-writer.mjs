// The import template as an xlsx, from plain data, so that it can be written on a worker thread: with a city's
// or the province's village lookup (3,000–30,000 rows) exceljs holds the thread it runs on for seconds.
import ExcelJS from 'exceljs'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'

/** Chinese headers (required ones bold red), text-formatted code columns, a notes sheet, the village lookup. */
export async function writeTemplate(spec) {
  const { title, fields, howTo, lookup } = spec
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(title)
  ws.columns = fields.map((f) => ({ header: f.zh, key: f.key, width: Math.max(12, f.zh.length * 2 + 4, f.example.length + 4), style: f.text ? { numFmt: '@' } : {} }))
  fields.forEach((f, i) => {
    const cell = ws.getRow(1).getCell(i + 1)
    cell.font = { bold: true, color: f.required ? { argb: 'FFC00000' } : undefined }
    cell.note = `${f.noteZh}\n${f.en}: ${f.noteEn}`
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
  for (const f of fields) notes.addRow({ zh: f.zh, en: f.en, req: f.required ? '是' : '', note: f.noteZh, example: f.example })
  notes.addRow({})
  notes.addRow({ zh: '说明', note: howTo })
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
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

if (!isMainThread && workerData?.templateSpec) {
  writeTemplate(workerData.templateSpec).then(
    (bytes) => parentPort.postMessage({ bytes }, [bytes.buffer]),
    (err) => parentPort.postMessage({ error: String(err?.stack ?? err) }),
  )
}
