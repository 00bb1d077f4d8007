import iconv from 'iconv-lite'
import { Worker } from 'node:worker_threads'
import { isBlank, readFirstSheet } from './xlsx-reader.mjs'


export type SheetEncoding = 'xlsx' | 'utf-8' | 'utf-8-bom' | 'utf-16' | 'gbk'

export interface ParsedSheet {
  encoding: SheetEncoding
  headers: string[]
  /** Data rows with their row number as the spreadsheet shows it (header = row 1); blank rows skipped. */
  rows: { row: number; cells: string[] }[]
}

export class SheetError extends Error {}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

/**
 * Text of a CSV file: UTF-8 (with or without BOM) when it decodes strictly as UTF-8, UTF-16 with a
 * BOM, otherwise GBK (GB18030, its superset) — what Excel and WPS save for "CSV" on Chinese Windows.
 */
export function decodeText(buf: Uint8Array): { text: string; encoding: SheetEncoding } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom' }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16' }
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), 'gb18030'), encoding: 'gbk' }
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CR/LF/CRLF, newlines inside quotes); a record's row number is its index + 1. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  const n = text.length
  const d = delimiter.charCodeAt(0)
  while (i < n) {
    const ch = text.charCodeAt(i)
    if (ch === 34 /* " */ && cell === '') {
      // Quoted cell
      let j = i + 1
      let buf = ''
      for (;;) {
        const q = text.indexOf('"', j)
        if (q < 0) {
          buf += text.slice(j)
          j = n
          break
        }
        buf += text.slice(j, q)
        if (text.charCodeAt(q + 1) === 34) {
          buf += '"'
          j = q + 2
        } else {
          j = q + 1
          break
        }
      }
      cell = buf
      i = j
      // Anything between the closing quote and the delimiter is kept (lenient, like Excel).
      while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) cell += text[i++]
      continue
    }
    if (ch === d) {
      row.push(cell)
      cell = ''
      i++
    } else if (ch === 10 || ch === 13) {
      row.push(cell)
      out.push(row)
      row = []
      cell = ''
      i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1
    } else {
      let j = i
      while (j < n) {
        const c = text.charCodeAt(j)
        if (c === d || c === 10 || c === 13) break
        j++
      }
      cell += text.slice(i, j)
      i = j
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    out.push(row)
  }
  return out
}

/** Files above this size are read on a worker thread (exceljs loads every sheet; a small file is quicker here). */
const XLSX_IN_PROCESS_BYTES = 64 * 1024

export async function parseXlsx(buf: Uint8Array): Promise<ParsedSheet> {
  const sheet = buf.byteLength <= XLSX_IN_PROCESS_BYTES ? await readFirstSheet(buf) : await readInWorker(buf)
  if (!sheet) throw new SheetError('xlsx')
  return { encoding: 'xlsx', ...sheet }
}

type Sheet = Awaited<ReturnType<typeof readFirstSheet>>
type Pending = { resolve: (s: Sheet) => void; reject: (e: Error) => void }
let reader: { worker: Worker; pending: Map<number, Pending> } | null = null
let readSeq = 0

/**
 * One reader thread for the process, started on first use and kept (it holds the event loop open only while a
 * file is being read); a crash fails the files in flight and the next file starts a new thread.
 */
function readInWorker(buf: Uint8Array): Promise<Sheet> {
  if (!reader) {
    const worker = new Worker(new URL('./xlsx-reader.mjs', import.meta.url))
    const pending = new Map<number, Pending>()
    const own = { worker, pending }
    const fail = (err: Error) => {
      for (const p of pending.values()) p.reject(err)
      pending.clear()
      if (reader === own) reader = null
    }
    worker.on('message', (m: { id: number; sheet?: Sheet; error?: string }) => {
      const p = pending.get(m.id)
      pending.delete(m.id)
      if (!pending.size) worker.unref()
      if ('sheet' in m) p?.resolve(m.sheet ?? null)
      else p?.reject(new Error(`xlsx reader: ${m.error}`))
    })
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`xlsx reader stopped (${code})`)))
    reader = own
  }
  const { worker, pending } = reader
  const id = ++readSeq
  return new Promise<Sheet>((resolve, reject) => {
    pending.set(id, { resolve, reject })
    worker.ref()
    worker.postMessage({ id, bytes: buf })
  })
}

export function parseCsvSheet(buf: Uint8Array): ParsedSheet {
  const { text, encoding } = decodeText(buf)
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : !firstLine.includes(',') && firstLine.includes(';') ? ';' : ','
  const records = parseCsv(text, delimiter)
  const headerIdx = records.findIndex((r) => !isBlank(r))
  if (headerIdx < 0) return { encoding, headers: [], rows: [] }
  const headers = records[headerIdx]!.map((h) => h.trim())
  const rows: ParsedSheet['rows'] = []
  for (let i = headerIdx + 1; i < records.length; i++) {
    const cells = records[i]!
    if (!isBlank(cells)) rows.push({ row: i + 1, cells })
  }
  return { encoding, headers, rows }
}

/** An uploaded spreadsheet: .xlsx by its zip signature, anything else as CSV text. */
export async function parseSpreadsheet(buf: Uint8Array): Promise<ParsedSheet> {
  return isZip(buf) ? parseXlsx(buf) : parseCsvSheet(buf)
}
