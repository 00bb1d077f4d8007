import { fenToYuanString } from '@gongfang/shared/money'
import ExcelJS from 'exceljs'
import { chinaDateTime } from '@gongfang/shared/clock'
import type { Caller } from '../auth/caller.ts'

/** Who exported a file of personal data, and when: written into the workbook so a stray copy can be traced. */
export interface ExportStamp {
  by: string
  at: Date
}

export const PERSONAL_DATA_NOTICE = { zh: '本文件含个人信息，仅限工作使用', en: 'Contains personal information — for official use only' } as const

/** The exporting account (display name and username) and the request's clock. */
export function exportStamp(caller: Pick<Caller, 'user' | 'clock'>): ExportStamp {
  const u = caller.user
  return { by: u ? `${u.displayName}（${u.username}）` : '—', at: caller.clock.now() }
}

/**
 * Marks a workbook of personal data: properties (creator, created, description) and every sheet's printed
 * header and footer (`header: false` where a fixed layout, such as a bank's, wants the footer only). Cells are left alone, so re-imports and bank layouts read the same; call after the last sheet.
 */
export function stampWorkbook(wb: ExcelJS.Workbook, stamp: ExportStamp, opts: { header?: boolean } = {}): void {
  const when = `${chinaDateTime(stamp.at)}（北京时间）`
  const line = `导出人：${stamp.by}  导出时间：${when}  ${PERSONAL_DATA_NOTICE.zh}`
  wb.creator = stamp.by
  wb.lastModifiedBy = stamp.by
  wb.created = stamp.at
  wb.modified = stamp.at
  wb.subject = `${PERSONAL_DATA_NOTICE.zh} / ${PERSONAL_DATA_NOTICE.en}`
  wb.description = `${line}\nExported by ${stamp.by} at ${chinaDateTime(stamp.at)} China time. ${PERSONAL_DATA_NOTICE.en}.`
  const amp = (s: string) => s.replaceAll('&', '&&') // & starts a header/footer code
  const header = `&L${amp(PERSONAL_DATA_NOTICE.zh)}&R${amp(`${stamp.by} ${chinaDateTime(stamp.at)}`)}`
  const footer = `&L${amp(line)}&R第 &P 页 / 共 &N 页`
  for (const ws of wb.worksheets) {
    ws.headerFooter = { ...ws.headerFooter, ...(opts.header === false ? {} : { oddHeader: header, evenHeader: header }), oddFooter: footer, evenFooter: footer }
  }
}

/** One exported column: Chinese header first (what Excel/WPS users see), value getter. */
export interface ExportColumn<T> {
  header: string
  value: (row: T) => string | number | null | undefined
  /** Character width in xlsx. */
  width?: number
  /** Keep as text in xlsx (ID numbers, codes: Excel would turn 18 digits into 3.31126E+17). */
  text?: boolean
}

export async function toXlsx<T>(columns: ExportColumn<T>[], rows: readonly T[], sheetName = '数据', stamp?: ExportStamp): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheetName.slice(0, 31))
  ws.columns = columns.map((col, i) => ({ header: col.header, key: `c${i}`, width: col.width ?? Math.max(10, col.header.length * 2 + 2), style: col.text ? { numFmt: '@' } : {} }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  for (const r of rows) ws.addRow(columns.map((col) => { const v = col.value(r); return v == null ? null : col.text ? String(v) : v }))
  if (stamp) stampWorkbook(wb, stamp)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/**
 * OWASP CSV injection rule: a text cell starting with = + - @ tab or CR would run as a formula in Excel/WPS;
 * a leading ' makes it text. Plain numbers (-12.50) cannot be formulas and stay numbers.
 */
export const formulaSafe = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+(\.\d+)?$/.test(s) ? `'${s}` : s)

const NEEDS_CARE = /^[=+\-@\s]|[",\r\n]|\s$/

/** One CSV cell: formula-safe, quoted where commas, quotes, line ends or edge spaces need it. */
export function csvCell(v: string | number | null | undefined): string {
  if (v == null) return ''
  const plain = String(v)
  // Most cells (account numbers, amounts, names) need neither: one test instead of four (a bank file has 3,000,000 cells).
  if (!NEEDS_CARE.test(plain)) return plain
  const s = formulaSafe(plain)
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** CSV in UTF-8 with a BOM, CRLF line ends: Excel and WPS then open it in Chinese without mojibake. */
export function toCsv<T>(columns: ExportColumn<T>[], rows: readonly T[]): Buffer {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')]
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','))
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')])
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A download: bytes and headers; `name` without extension, may be Chinese (RFC 5987 filename*). Routes answer
 * `c.body(f.body, 200, f.headers)`. Files of personal data pass a `stamp` (xlsx only: CSV has nowhere to put it).
 */
export async function exportFile<T>(format: 'xlsx' | 'csv', name: string, columns: ExportColumn<T>[], rows: readonly T[], stamp?: ExportStamp) {
  const body = format === 'xlsx' ? await toXlsx(columns, rows, name, stamp) : toCsv(columns, rows)
  return { body: new Uint8Array(body), headers: downloadHeaders(format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8', `${name}.${format}`, `export.${format}`) }
}

/** Content-Type and Content-Disposition of a download (ASCII fallback name, UTF-8 name for browsers that read it). */
export function downloadHeaders(contentType: string, file: string, asciiFile: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${asciiFile}"; filename*=UTF-8''${encodeURIComponent(file)}` }
}

/** Fen → yuan text with two decimals, exactly (no float): 123456 → "1234.56". */
export function fenToYuan(fen: number | null | undefined): string {
  return fen == null ? '' : fenToYuanString(fen)
}
