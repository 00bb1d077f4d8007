/**
 * Reading a platform's sales export (抖音/快手/淘宝… 直播场次 CSV): decoding, CSV parsing and row
 * validation. Pure: bytes in, rows and errors out. Amounts are yuan text → integer fen by string
 * arithmetic (never a float).
 */
import iconv from 'iconv-lite'

export type Msg = { zh: string; en: string }
export interface RowError {
  row: number
  column: string | null
  value: string | null
  message: Msg
}
export interface SalesRow {
  row: number
  sessionDate: string
  platform: string
  host: string | null
  ordersCount: number
  salesFen: number
  products: string[]
  externalRef: string | null
}

/** UTF-8 (with or without BOM) or GBK/GB18030: strict UTF-8 first, as a valid GBK file is rarely valid UTF-8. */
export function decodeText(buf: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(Buffer.from(buf), 'gb18030'), encoding: 'gb18030' }
  }
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks, CRLF or LF. Returns rows with their 1-based line number. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      cells.push(cell)
      out.push({ line: start, cells })
      cells = []
      cell = ''
      line++
      start = line
    } else cell += ch
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell)
    out.push({ line: start, cells })
  }
  return out.filter((r) => r.cells.some((c) => c.trim() !== ''))
}

type Field = 'date' | 'platform' | 'host' | 'orders' | 'sales' | 'products' | 'ref'
const HEADERS: Record<Field, string[]> = {
  date: ['日期', '直播日期', '开播日期', '开播时间', '场次日期', 'date', 'sessiondate'],
  platform: ['平台', '直播平台', '销售平台', 'platform'],
  host: ['主播', '主播昵称', '主播名称', 'host', 'anchor'],
  orders: ['订单数', '成交订单数', '订单量', '成交单数', 'orders', 'orderscount'],
  sales: ['销售额(元)', '销售额', '成交金额(元)', '成交金额', 'gmv(元)', 'gmv', 'sales(yuan)', 'salesyuan', 'sales'],
  products: ['商品', '商品名称', '带货商品', 'products', 'product'],
  ref: ['场次ID', '场次编号', '直播场次id', '直播间场次', 'sessionid', 'externalref', 'ref', 'id'],
}
const norm = (h: string) => h.trim().toLowerCase().replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/[\s_\-]/g, '')

/** Yuan text ('1,234.5', '¥88', '0.05') → integer fen; null when not a non-negative amount with ≤ 2 decimals. */
export function yuanToFen(s: string): number | null {
  const t = s.trim().replace(/^[¥￥]/, '').replace(/,/g, '')
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return null
  return Number(BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0'))
}

function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * Rows of the export with every problem listed (row = the file's line number, header = 1).
 * `defaultPlatform` is used when the file has no platform column (exports are per platform).
 */
export function readSalesCsv(bytes: Uint8Array, defaultPlatform?: string, today = new Date().toISOString().slice(0, 10)) {
  const { text, encoding } = decodeText(bytes)
  const table = parseCsv(text)
  const errors: RowError[] = []
  const rows: SalesRow[] = []
  const header = table[0]
  if (!header) {
    errors.push({ row: 1, column: null, value: null, message: { zh: '文件为空', en: 'The file is empty' } })
    return { encoding, rows, errors, dataRows: 0 }
  }
  const index = {} as Record<Field, number>
  header.cells.forEach((h, i) => {
    const n = norm(h)
    for (const f of Object.keys(HEADERS) as Field[]) if (index[f] === undefined && HEADERS[f].map(norm).includes(n)) index[f] = i
  })
  const names = (f: Field) => HEADERS[f][0]!
  const missing = (['date', 'orders', 'sales'] as Field[]).filter((f) => index[f] === undefined)
  if (index.platform === undefined && !defaultPlatform) missing.push('platform')
  for (const f of missing)
    errors.push({ row: header.line, column: names(f), value: null, message: { zh: `缺少列「${names(f)}」`, en: `Missing column "${names(f)}"` } })
  if (missing.length) return { encoding, rows, errors, dataRows: table.length - 1 }

  const seenRefs = new Map<string, number>()
  for (const r of table.slice(1)) {
    const cell = (f: Field) => (index[f] === undefined ? '' : (r.cells[index[f]] ?? '').trim())
    const bad = (f: Field, zh: string, en: string) => errors.push({ row: r.line, column: names(f), value: cell(f) || null, message: { zh, en } })
    const before = errors.length
    const date = parseDate(cell('date'))
    if (!date) bad('date', '日期无效，应为 YYYY-MM-DD', 'Invalid date; expected YYYY-MM-DD')
    else if (date > today) bad('date', '日期不能晚于今天', 'Date is in the future')
    const platform = cell('platform') || defaultPlatform || ''
    if (!platform) bad('platform', '缺少平台', 'Platform missing')
    else if (platform.length > 40) bad('platform', '平台名称过长', 'Platform name too long')
    const ordersText = cell('orders').replace(/,/g, '')
    const orders = /^\d{1,8}$/.test(ordersText) ? Number(ordersText) : null
    if (orders === null) bad('orders', '订单数应为非负整数', 'Orders must be a whole number ≥ 0')
    const fen = yuanToFen(cell('sales'))
    if (fen === null) bad('sales', '销售额应为非负金额（元，最多两位小数）', 'Sales must be an amount in yuan ≥ 0 with at most two decimals')
    const ref = cell('ref') || null
    if (ref) {
      const prev = seenRefs.get(`${platform}|${ref}`)
      if (prev) bad('ref', `场次编号与第 ${prev} 行重复`, `Session id repeats row ${prev}`)
      else seenRefs.set(`${platform}|${ref}`, r.line)
    }
    const host = cell('host') || null
    if (host && host.length > 60) bad('host', '主播名称过长', 'Host name too long')
    if (errors.length > before) continue
    rows.push({
      row: r.line,
      sessionDate: date!,
      platform,
      host,
      ordersCount: orders!,
      salesFen: fen!,
      products: cell('products')
        .split(/[、;；|]/)
        .map((p) => p.trim())
        .filter(Boolean)
        .slice(0, 50),
      externalRef: ref,
    })
  }
  if (table.length === 1) errors.push({ row: 2, column: null, value: null, message: { zh: '文件没有数据行', en: 'The file has no data rows' } })
  return { encoding, rows, errors, dataRows: table.length - 1 }
}
