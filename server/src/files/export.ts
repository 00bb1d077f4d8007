import { fenToYuanString } from '@gongfang/shared/money'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { Worker } from 'node:worker_threads'
import { createXlsxWriter, type XlsxSpec } from './xlsx-writer.mjs'
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
  const { properties, headerFooter } = stampParts(stamp, opts)
  Object.assign(wb, properties)
  for (const ws of wb.worksheets) ws.headerFooter = { ...ws.headerFooter, ...headerFooter }
}

/** What `stampWorkbook` writes, as plain data (the streaming writer on another thread applies the same). */
function stampParts(stamp: ExportStamp, opts: { header?: boolean } = {}) {
  const when = `${chinaDateTime(stamp.at)}（北京时间）`
  const line = `导出人：${stamp.by}  导出时间：${when}  ${PERSONAL_DATA_NOTICE.zh}`
  const amp = (s: string) => s.replaceAll('&', '&&') // & starts a header/footer code
  const header = `&L${amp(PERSONAL_DATA_NOTICE.zh)}&R${amp(`${stamp.by} ${chinaDateTime(stamp.at)}`)}`
  const footer = `&L${amp(line)}&R第 &P 页 / 共 &N 页`
  return {
    properties: {
      creator: stamp.by,
      lastModifiedBy: stamp.by,
      created: stamp.at,
      modified: stamp.at,
      subject: `${PERSONAL_DATA_NOTICE.zh} / ${PERSONAL_DATA_NOTICE.en}`,
      description: `${line}\nExported by ${stamp.by} at ${chinaDateTime(stamp.at)} China time. ${PERSONAL_DATA_NOTICE.en}.`,
    },
    headerFooter: { ...(opts.header === false ? {} : { oddHeader: header, evenHeader: header }), oddFooter: footer, evenFooter: footer },
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

/** Rows per turn of the event loop: one chunk never holds this thread long. */
const EXPORT_CHUNK = 1_000
/**
 * Up to this many rows an xlsx is written in process: the writer holds the event loop for the whole file (about
 * 2–3 µs a cell), so only a small file is cheaper here than a thread's start.
 */
const XLSX_IN_PROCESS = 200
/** Rows per message to the writer thread: its structured clone is made on this thread in one go (5,000 rows held
 * the event loop tens of milliseconds under load), and each message costs a round trip. */
const XLSX_THREAD_CHUNK = 2_000

/** Cell values of one sheet row, as the writer takes them. */
type Cells = (string | number | null)[]

/**
 * A file written as its rows arrive (a cursor's batches): memory holds the file being written and a chunk or
 * two of rows, never all the rows. `add` as often as needed, then `finish` once; `discard` when giving up
 * before `finish` (a failed query), so no writer thread is left behind.
 */
export interface FileSink<T> {
  add(rows: readonly T[]): Promise<void>
  finish(): Promise<Buffer>
  discard(): void
}

/**
 * One sheet with a bold, frozen header row (below the `preamble` lines, if any), through the streaming sheet
 * writer (xlsx-writer.mjs). Past a few hundred rows the writer runs on a worker thread and the cells are
 * computed here a chunk at a time, with a turn of the event loop between chunks: a register of 500,000 rows neither stops other requests
 * nor holds a workbook model in memory. Smaller files are written in process (a thread costs more to start).
 */
export function xlsxSink<T>(
  columns: ExportColumn<T>[],
  sheetName = '数据',
  stamp?: ExportStamp,
  opts: { preamble?: readonly string[]; stampHeader?: boolean } = {},
): FileSink<T> {
  const spec: XlsxSpec = {
    sheetName: sheetName.slice(0, 31),
    columns: columns.map((col) => ({ header: col.header, width: col.width ?? Math.max(10, col.header.length * 2 + 2), text: !!col.text })),
    preamble: opts.preamble ?? [],
    ...(stamp ? stampParts(stamp, { header: opts.stampHeader }) : {}),
  }
  const values = columns.map((col) => col.value)
  const text = columns.map((col) => !!col.text)
  const cellsOf = (r: T): Cells => {
    const out: Cells = new Array(values.length)
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!(r)
      out[i] = v == null ? null : text[i] ? String(v) : v
    }
    return out
  }
  let pending: Cells[] = []
  let thread: WriterThread | null = null
  // Two chunks in flight: this thread makes the next chunk's cells while the writer writes the last one; more
  // would only hold memory. Waiting between chunks still gives other requests their turn.
  let inFlight: Promise<unknown> | undefined
  const flush = async () => {
    thread ??= writerThread(spec)
    const sent = thread.send({ rows: pending })
    pending = []
    sent.catch(() => {}) // awaited below or in finish; a failure must not also surface as an unhandled rejection meanwhile
    if (inFlight) await inFlight
    inFlight = sent
  }
  return {
    async add(rows) {
      for (let at = 0; at < rows.length; ) {
        const n = Math.min(rows.length - at, XLSX_THREAD_CHUNK - pending.length)
        for (let k = at; k < at + n; k++) pending.push(cellsOf(rows[k]!))
        at += n
        if (pending.length >= XLSX_THREAD_CHUNK) await flush()
      }
    },
    async finish() {
      try {
        if (!thread && pending.length <= XLSX_IN_PROCESS) {
          const writer = createXlsxWriter(spec)
          await writer.add(pending)
          return asBuffer(await writer.finish())
        }
        if (pending.length) await flush()
        await inFlight
        return asBuffer((await thread!.send({ end: true })).bytes!)
      } finally {
        thread?.terminate()
      }
    },
    discard() {
      pending = []
      thread?.terminate()
    },
  }
}

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)
/** The file's bytes without a copy when they fill their own buffer (the writer thread's file: 36 MB for a province). */
const ownBytes = (b: Buffer): Uint8Array<ArrayBuffer> =>
  b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b)

interface WriterThread {
  send(m: { rows: Cells[] } | { end: true }): Promise<{ bytes?: Uint8Array }>
  terminate(): void
}

function writerThread(spec: XlsxSpec): WriterThread {
  // A larger young generation: each chunk's XML and cells are short-lived garbage, and with the default size the
  // writer spent more time in scavenges and promotion than writing (500,000 rows: 7.6 s → 2.2 s of GC).
  const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), { workerData: spec, resourceLimits: { maxYoungGenerationSizeMb: 64 } })
  // Replies come in order: one waiter per message sent, settled first in, first out.
  const waiting: { resolve: (m: { bytes?: Uint8Array }) => void; reject: (e: Error) => void }[] = []
  worker.on('message', (m: { ack?: true; bytes?: Uint8Array; error?: string }) => {
    const w = waiting.shift()
    if (m.error) w?.reject(new Error(`xlsx writer: ${m.error}`))
    else w?.resolve(m)
  })
  worker.on('error', (err) => { for (const w of waiting.splice(0)) w.reject(err) })
  return {
    send: (m) => new Promise((resolve, reject) => { waiting.push({ resolve, reject }); worker.postMessage(m) }),
    terminate: () => void worker.terminate(),
  }
}

/** The whole sheet at once (rows already in memory): `xlsxSink` fed in chunks. */
export async function toXlsx<T>(
  columns: ExportColumn<T>[],
  rows: readonly T[],
  sheetName = '数据',
  stamp?: ExportStamp,
  opts: { preamble?: readonly string[]; stampHeader?: boolean } = {},
): Promise<Buffer> {
  const sink = xlsxSink(columns, sheetName, stamp, opts)
  try {
    await sink.add(rows)
    return await sink.finish()
  } catch (err) {
    sink.discard()
    throw err
  }
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

const BOM = Buffer.from([0xef, 0xbb, 0xbf])
/** One CSV line (without its line end) of cells made safe by csvCell. */
export const csvLine = (cells: readonly (string | number | null | undefined)[]) => cells.map(csvCell).join(',')

/** CSV in UTF-8 with a BOM, CRLF line ends: Excel and WPS then open it in Chinese without mojibake. */
export function toCsv<T>(columns: ExportColumn<T>[], rows: readonly T[]): Buffer {
  const lines = [csvLine(columns.map((c) => c.header)), ...rows.map((r) => csvLine(columns.map((c) => c.value(r))))]
  return Buffer.concat([BOM, Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')])
}

/**
 * CSV bytes built a chunk of rows at a time, with a turn of the event loop between chunks (a register or a bank
 * file of 500,000 rows takes seconds), each chunk encoded as it is made: UTF-8 with a BOM, or GBK for banks.
 * `head` are whole lines (preamble and header) already made cells.
 */
export async function csvInTurns<T>(head: readonly string[], rows: readonly T[], line: (row: T) => string, encoding: 'utf-8' | 'gbk' = 'utf-8'): Promise<Buffer> {
  const encode = (text: string): Buffer => (encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'))
  const parts: Buffer[] = encoding === 'gbk' ? [] : [BOM]
  parts.push(encode(head.map((l) => `${l}\r\n`).join('')))
  for await (const { chunk } of chunksInTurns(rows)) parts.push(encode(chunk.map((r) => `${line(r)}\r\n`).join('')))
  return Buffer.concat(parts)
}

/** `rows.map(fn)` a chunk at a time with a turn of the event loop between: a province's rows never hold this thread long. */
export async function mapInTurns<T, U>(rows: readonly T[], fn: (row: T, i: number) => U): Promise<U[]> {
  const out: U[] = []
  for await (const { at, chunk } of chunksInTurns(rows)) chunk.forEach((r, k) => out.push(fn(r, at + k)))
  return out
}

/** The rows EXPORT_CHUNK at a time (with the first row's index), a turn of the event loop before each but the first. */
async function* chunksInTurns<T>(rows: readonly T[]): AsyncGenerator<{ at: number; chunk: readonly T[] }> {
  for (let at = 0; at < rows.length; at += EXPORT_CHUNK) {
    if (at) await new Promise((resolve) => setImmediate(resolve))
    yield { at, chunk: rows.slice(at, at + EXPORT_CHUNK) }
  }
}

/** The same file as `toCsv`, written as rows arrive, each chunk encoded as it comes (a turn of the event loop between chunks). */
export function csvSink<T>(columns: ExportColumn<T>[]): FileSink<T> {
  const parts: Buffer[] = [BOM, Buffer.from(`${csvLine(columns.map((c) => c.header))}\r\n`, 'utf8')]
  const line = (r: T) => csvLine(columns.map((c) => c.value(r)))
  return {
    async add(rows) {
      for await (const { chunk } of chunksInTurns(rows)) parts.push(Buffer.from(chunk.map((r) => `${line(r)}\r\n`).join(''), 'utf8'))
    },
    finish: async () => Buffer.concat(parts),
    discard: () => void parts.splice(0),
  }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A download: bytes and headers; `name` without extension, may be Chinese (RFC 5987 filename*). Routes answer
 * `c.body(f.body, 200, f.headers)`. Files of personal data pass a `stamp` (xlsx only: CSV has nowhere to put it).
 */
export async function exportFile<T>(format: 'xlsx' | 'csv', name: string, columns: ExportColumn<T>[], rows: readonly T[], stamp?: ExportStamp) {
  const sink = exportSink(format, name, columns, stamp)
  try {
    await sink.add(rows)
  } catch (err) {
    sink.discard()
    throw err
  }
  return sink.finish()
}

/** `exportFile` fed as rows arrive: `finish` gives the same download. */
export function exportSink<T>(format: 'xlsx' | 'csv', name: string, columns: ExportColumn<T>[], stamp?: ExportStamp): Omit<FileSink<T>, 'finish'> & { finish(): Promise<Download> } {
  const sink = format === 'xlsx' ? xlsxSink(columns, name, stamp) : csvSink(columns)
  const headers = downloadHeaders(format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8', `${name}.${format}`, `export.${format}`)
  return { add: (rows) => sink.add(rows), discard: () => sink.discard(), finish: async () => ({ body: ownBytes(await sink.finish()), headers }) }
}

/** A file to download: `c.body(f.body, 200, f.headers)`. */
export interface Download {
  body: Uint8Array<ArrayBuffer>
  headers: Record<string, string>
}

/** Content-Type and Content-Disposition of a download (ASCII fallback name, UTF-8 name for browsers that read it). */
export function downloadHeaders(contentType: string, file: string, asciiFile: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${asciiFile}"; filename*=UTF-8''${encodeURIComponent(file)}` }
}

/** Fen → yuan text with two decimals, exactly (no float): 123456 → "1234.56". */
export function fenToYuan(fen: number | null | undefined): string {
  return fen == null ? '' : fenToYuanString(fen)
}
