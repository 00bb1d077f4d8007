// One xlsx sheet through exceljs's streaming writer: rows go straight into the zip being built, so memory holds
// the file, not a workbook model. Used in process for small files and on a writer thread (xlsx-worker.mjs) for
// large ones. Plain JavaScript so that a worker thread, which does not inherit tsx's loader, can load it.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'

export function createXlsxWriter({ sheetName, columns, preamble = [], properties, headerFooter }) {
  const parts = []
  const out = new PassThrough()
  out.on('data', (c) => parts.push(c))
  const ended = new Promise((resolve) => out.on('end', resolve))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  if (properties) Object.assign(wb, properties)
  // Lines above the header (a bank's preamble) scroll away; the header row stays in view.
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: preamble.length + 1 }], ...(headerFooter ? { headerFooter } : {}) })
  ws.columns = columns.map((col, i) => ({ key: `c${i}`, width: col.width, style: col.text ? { numFmt: '@' } : {} }))
  for (const line of preamble) ws.addRow([line]).commit()
  const header = ws.addRow(columns.map((col) => col.header))
  header.font = { bold: true }
  header.commit()
  return {
    add(rows) {
      for (const r of rows) ws.addRow(r).commit()
    },
    async finish() {
      ws.commit()
      await wb.commit()
      await ended
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
      let at = 0
      for (const p of parts) {
        bytes.set(p, at)
        at += p.length
      }
      return bytes
    },
  }
}
