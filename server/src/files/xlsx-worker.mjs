// Writes one xlsx off the HTTP thread: exceljs spends seconds of CPU per 100,000 rows, which on the HTTP thread
// would stop every other request. Rows arrive in chunks of cell values (the getters ran on the other side) and
// go straight into exceljs's streaming writer, so memory holds the zip being built, not a workbook model.
// Plain JavaScript: a worker thread does not inherit tsx's loader.
import { parentPort, workerData } from 'node:worker_threads'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'

const { sheetName, columns, properties, headerFooter } = workerData
const parts = []
const out = new PassThrough()
out.on('data', (c) => parts.push(c))
const ended = new Promise((resolve) => out.on('end', resolve))
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
if (properties) Object.assign(wb, properties)
const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }], ...(headerFooter ? { headerFooter } : {}) })
ws.columns = columns.map((col, i) => ({ header: col.header, key: `c${i}`, width: col.width, style: col.text ? { numFmt: '@' } : {} }))
ws.getRow(1).font = { bold: true }

parentPort.on('message', async (m) => {
  try {
    if (m.rows) {
      for (const r of m.rows) ws.addRow(r).commit()
      parentPort.postMessage({ ack: true })
      return
    }
    ws.commit()
    await wb.commit()
    await ended
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
    let at = 0
    for (const p of parts) {
      bytes.set(p, at)
      at += p.length
    }
    parentPort.postMessage({ bytes }, [bytes.buffer])
  } catch (err) {
    parentPort.postMessage({ error: String(err?.stack ?? err) })
  }
})
