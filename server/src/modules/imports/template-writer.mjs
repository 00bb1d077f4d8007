// The import template as an xlsx, from plain data, so that it can be written on a worker thread: with a city's
// or the province's village lookup (3,000–30,000 rows) exceljs holds the thread it runs on for seconds.
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { joinBytes } from '../../files/xlsx-writer.mjs'

/**
 * Chinese headers (required ones bold red), text-formatted code columns, a notes sheet, the village lookup.
 * Written with exceljs's streaming writer: the in-memory workbook built a cell model per lookup cell and spent
 * seconds on a province's 30,000 villages. Text format on the template's empty cells comes from the column
 * style (Excel applies it to every cell of the column; the streaming writer leaves out rows without values).
 */
export async function writeTemplate(spec) {
  const { title, fields, howTo, lookup } = spec
  const out = new PassThrough()
  const parts = []
  out.on('data', (c) => parts.push(c))
  const ended = new Promise((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const frozen = { views: [{ state: 'frozen', ySplit: 1 }] }
  const ws = wb.addWorksheet(title, frozen)
  ws.columns = fields.map((f) => ({ header: f.zh, key: f.key, width: Math.max(12, f.zh.length * 2 + 4, f.example.length + 4), style: f.text ? { numFmt: '@' } : {} }))
  const head = ws.getRow(1)
  fields.forEach((f, i) => {
    const cell = head.getCell(i + 1)
    cell.font = { bold: true, color: f.required ? { argb: 'FFC00000' } : undefined }
    cell.note = `${f.noteZh}\n${f.en}: ${f.noteEn}`
  })
  head.commit()
  ws.commit()
  const notes = wb.addWorksheet('填写说明')
  notes.columns = [
    { header: '列名', key: 'zh', width: 22 },
    { header: 'English header', key: 'en', width: 24 },
    { header: '必填', key: 'req', width: 8 },
    { header: '说明', key: 'note', width: 60 },
    { header: '示例', key: 'example', width: 30 },
  ]
  notes.getRow(1).font = { bold: true }
  for (const f of fields) notes.addRow({ zh: f.zh, en: f.en, req: f.required ? '是' : '', note: f.noteZh, example: f.example }).commit()
  notes.addRow({}).commit() // a blank row before the how-to (not written; its number is taken)
  notes.addRow({ zh: '说明', note: howTo }).commit()
  notes.commit()
  if (lookup.length) {
    const l = wb.addWorksheet('村名对照', frozen)
    l.columns = [
      { header: '县（市、区）', key: 'county', width: 14 },
      { header: '乡镇（街道）', key: 'township', width: 16 },
      { header: '村（社区）', key: 'village', width: 20 },
      { header: '村代码', key: 'code', width: 16, style: { numFmt: '@' } },
    ]
    l.getRow(1).font = { bold: true }
    for (const v of lookup) l.addRow([v.county, v.township, v.village, v.code]).commit()
    l.commit()
  }
  await wb.commit()
  await ended
  return joinBytes(parts)
}

if (!isMainThread && workerData?.templateSpec) {
  writeTemplate(workerData.templateSpec).then(
    (bytes) => parentPort.postMessage({ bytes }, [bytes.buffer]),
    (err) => parentPort.postMessage({ error: String(err?.stack ?? err) }),
  )
}
