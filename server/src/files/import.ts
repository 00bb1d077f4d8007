import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'

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

function two(n: number) {
  return String(n).padStart(2, '0')
}

/** A cell as the text a person sees; dates as YYYY-MM-DD; formulas by their result. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= 1e21 ? v.toExponential() : String(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return `${v.getUTCFullYear()}-${two(v.getUTCMonth() + 1)}-${two(v.getUTCDate())}`
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null)
    if ('text' in v) return String((v as { text: unknown }).text)
    if ('error' in v) return String((v as { error: unknown }).error)
  }
  return String(v)
}

function isBlank(cells: string[]) {
  return cells.every((c) => c.trim() === '')
}

export async function parseXlsx(buf: Uint8Array): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as never)
  } catch {
    throw new SheetError('xlsx')
  }
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.actualRowCount > 0) ?? wb.worksheets[0]
  if (!ws) return { encoding: 'xlsx', headers: [], rows: [] }
  let headers: string[] | null = null
  let width = 0
  const rows: ParsedSheet['rows'] = []
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values = r.values as ExcelJS.CellValue[] // 1-based
    if (!headers) {
      headers = []
      for (let i = 1; i < values.length; i++) headers.push(cellText(values[i] ?? null).trim())
      while (headers.length && headers[headers.length - 1] === '') headers.pop()
      width = headers.length
      return
    }
    const cells: string[] = new Array(width)
    for (let i = 0; i < width; i++) cells[i] = cellText(values[i + 1] ?? null)
    if (!isBlank(cells)) rows.push({ row: rowNumber, cells })
  })
  return { encoding: 'xlsx', headers: headers ?? [], rows }
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
