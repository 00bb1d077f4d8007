/**
 * Pure wage arithmetic: integers only (BigInt), no I/O. Rates are centifen (1/100 fen) per good piece;
 * a line's amount is rounded half-up to the fen once, on that line.
 */
import { createHash } from 'node:crypto'

/** n / d rounded half away from zero (so a reversal is the exact negation of its original). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive')
  const neg = n < 0n
  const a = neg ? -n : n
  const q = (a * 2n + d) / (2n * d)
  return neg ? -q : q
}

/** Amount in fen of `goodQty` pieces at `rateCentifen`: good × rate / 100, half-up, once. */
export function lineAmountFen(goodQty: number | bigint, rateCentifen: number | bigint): bigint {
  return divRoundHalfUp(BigInt(goodQty) * BigInt(rateCentifen), 100n)
}

/** Same as lineAmountFen as a JS number (fen stay far below 2^53). */
export function lineAmountFenNumber(goodQty: number, rateCentifen: number): number {
  const v = lineAmountFen(goodQty, rateCentifen)
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large')
  return Number(v)
}

/** 1234.56 yuan → "1,234.56" style figures without floats: fen → "1234.56". */
export function fenToYuanString(fen: number | bigint): string {
  const f = BigInt(fen)
  const neg = f < 0n
  const a = neg ? -f : f
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖']
const SMALL_UNITS = ['', '拾', '佰', '仟']
const BIG_UNITS = ['', '万', '亿'] // up to 9,999 亿 yuan

/** A 1..9999 group in capitals, with 零 for inner zeros ("1005" → 壹仟零伍). */
function groupWords(n: number): string {
  let s = ''
  let zero = false
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10
    if (d === 0) {
      if (s) zero = true
      continue
    }
    if (zero) s += '零'
    zero = false
    s += DIGITS[d]! + SMALL_UNITS[i]!
  }
  return s
}

/** Integer yuan in capitals (without 元): 100100 → 壹拾万零壹佰. */
function integerWords(n: bigint): string {
  if (n === 0n) return '零'
  const groups: number[] = []
  for (let v = n; v > 0n; v /= 10000n) groups.push(Number(v % 10000n))
  if (groups.length > BIG_UNITS.length) throw new RangeError('amount too large for capitals')
  let s = ''
  let pendingZero = false
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!
    if (g === 0) {
      if (s) pendingZero = true
      continue
    }
    // A zero is read when a gap precedes this group or the group itself starts below 1000.
    if (s && (pendingZero || g < 1000)) s += '零'
    pendingZero = false
    s += groupWords(g) + BIG_UNITS[i]!
  }
  return s
}

/**
 * Chinese capital numerals (大写) for an amount in fen, as written on pay sheets and cheques:
 * 123456 → 壹仟贰佰叁拾肆元伍角陆分; 100 → 壹元整; 150 → 壹元伍角整; 105 → 壹元零伍分; 5 → 伍分.
 */
export function fenToCapitals(fen: number | bigint): string {
  let f = BigInt(fen)
  const neg = f < 0n
  if (neg) f = -f
  const yuan = f / 100n
  const jiao = Number((f / 10n) % 10n)
  const fenD = Number(f % 10n)
  let s = ''
  if (yuan > 0n || (jiao === 0 && fenD === 0)) s += integerWords(yuan) + '元'
  if (jiao === 0 && fenD === 0) s += '整'
  else {
    if (jiao > 0) s += DIGITS[jiao]! + '角'
    else if (yuan > 0n) s += '零'
    if (fenD > 0) s += DIGITS[fenD]! + '分'
    else s += '整'
  }
  return (neg ? '负' : '') + s
}

/** Inverse of fenToCapitals (used by tests and to check printed totals). */
export function capitalsToFen(text: string): bigint {
  let s = text
  let neg = false
  if (s.startsWith('负')) {
    neg = true
    s = s.slice(1)
  }
  s = s.replace(/整$/, '')
  let total = 0n
  let section = 0n // below 万
  let bigSection = 0n // below 亿
  let digit = 0n
  let i = 0
  let yuan = 0n
  let jiao = 0n
  let fenV = 0n
  for (; i < s.length; i++) {
    const ch = s[i]!
    const d = DIGITS.indexOf(ch)
    if (d >= 0) {
      digit = BigInt(d)
      continue
    }
    const su = SMALL_UNITS.indexOf(ch)
    if (su > 0) {
      section += digit * 10n ** BigInt(su)
      digit = 0n
      continue
    }
    if (ch === '万') {
      bigSection += (section + digit) * 10000n
      section = 0n
      digit = 0n
      continue
    }
    if (ch === '亿') {
      total = (total + bigSection + section + digit) * 100000000n
      bigSection = 0n
      section = 0n
      digit = 0n
      continue
    }
    if (ch === '元') {
      yuan = total + bigSection + section + digit
      digit = 0n
      continue
    }
    if (ch === '角') {
      jiao = digit
      digit = 0n
      continue
    }
    if (ch === '分') {
      fenV = digit
      digit = 0n
      continue
    }
    throw new Error(`unexpected character ${ch}`)
  }
  const v = yuan * 100n + jiao * 10n + fenV
  return neg ? -v : v
}

/** The fields of a locked pay-sheet line that its hash covers. */
export interface HashLine {
  workerId: string
  goodQty: number
  rejectedQty: number
  grossFen: number
  adjustmentsFen: number
  totalFen: number
}
export interface HashAdjustment {
  workerId: string
  workRecordId: number
  originalRecordId: number | null
  amountFen: number
}
export interface HashInput {
  workshopId: string
  month: string
  prevHash: string | null
  lines: readonly HashLine[]
  adjustments: readonly HashAdjustment[]
}

/** Canonical text of a sheet: fixed field order, lines sorted, so the same sheet always hashes alike. */
export function canonicalSheet(input: HashInput): string {
  const lines = [...input.lines]
    .sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0))
    .map((l) => [l.workerId, l.goodQty, l.rejectedQty, l.grossFen, l.adjustmentsFen, l.totalFen].join(','))
  const adjustments = [...input.adjustments]
    .sort((a, b) => a.workRecordId - b.workRecordId)
    .map((a) => [a.workRecordId, a.workerId, a.originalRecordId ?? '', a.amountFen].join(','))
  return ['gongfang-paysheet-v1', input.workshopId, input.month, input.prevHash ?? '', 'L', ...lines, 'A', ...adjustments].join('\n')
}

/** SHA-256 (hex) over the canonical sheet, chained to the previous locked sheet's hash. */
export function sheetHash(input: HashInput): string {
  return createHash('sha256').update(canonicalSheet(input), 'utf8').digest('hex')
}

/** Next calendar month of YYYY-MM. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}
