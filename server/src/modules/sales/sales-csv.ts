/**
 * Reading a platform's sales export (抖音/快手/淘宝… 直播场次, CSV or xlsx): header matching and row
 * validation. Pure: a parsed sheet in (decoding and CSV/xlsx parsing are the shared files/import.ts),
 * rows and errors out. Amounts are yuan text → integer fen by string arithmetic (never a float).
 */
import type { ParsedSheet } from '../../files/import.ts'
import { parseYuan } from '@gongfang/shared/money'

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
const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[\s_-]/g, '')

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
/** `today` is the importer's China date (no future sessions). */
export function readSalesRows(sheet: ParsedSheet, defaultPlatform: string | undefined, today: string) {
  const encoding = sheet.encoding
  const errors: RowError[] = []
  const rows: SalesRow[] = []
  if (sheet.headers.length === 0) {
    errors.push({ row: 1, column: null, value: null, message: { zh: '文件为空', en: 'The file is empty' } })
    return { encoding, rows, errors, dataRows: 0 }
  }
  const header = { line: 1, cells: sheet.headers }
  const table = [header, ...sheet.rows.map((r) => ({ line: r.row, cells: r.cells }))]
  const index = {} as Record<Field, number>
  header.cells.forEach((h, i) => {
    const n = norm(h)
    for (const f of Object.keys(HEADERS) as Field[])
      if (index[f] === undefined && HEADERS[f].map(norm).includes(n)) index[f] = i
  })
  const names = (f: Field) => HEADERS[f][0]!
  const missing = (['date', 'orders', 'sales'] as Field[]).filter((f) => index[f] === undefined)
  if (index.platform === undefined && !defaultPlatform) missing.push('platform')
  for (const f of missing)
    errors.push({
      row: header.line,
      column: names(f),
      value: null,
      message: { zh: `缺少列「${names(f)}」`, en: `Missing column "${names(f)}"` },
    })
  if (missing.length) return { encoding, rows, errors, dataRows: table.length - 1 }

  const seenRefs = new Map<string, number>()
  for (const r of table.slice(1)) {
    const cell = (f: Field) => (index[f] === undefined ? '' : (r.cells[index[f]] ?? '').trim())
    const bad = (f: Field, zh: string, en: string) =>
      errors.push({ row: r.line, column: names(f), value: cell(f) || null, message: { zh, en } })
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
    const fen = parseYuan(cell('sales'))
    if (fen === null)
      bad(
        'sales',
        '销售额应为非负金额（元，最多两位小数）',
        'Sales must be an amount in yuan ≥ 0 with at most two decimals',
      )
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
  if (table.length === 1)
    errors.push({
      row: 2,
      column: null,
      value: null,
      message: { zh: '文件没有数据行', en: 'The file has no data rows' },
    })
  return { encoding, rows, errors, dataRows: table.length - 1 }
}
