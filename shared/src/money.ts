/**
 * The one money module: integer fen (1/100 yuan) and centifen (1/100 fen, piece rates) parsed from and
 * formatted to yuan text by string and BigInt arithmetic. No amount ever passes through a float.
 */

const YUAN_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/

/** Strips what people type around an amount: thousands separators, currency signs, 元, spaces. */
const clean = (text: string) => text.trim().replace(/[,，¥￥元\s]/g, '')

export interface ParseMoneyOptions {
  /** Allow a leading minus (adjustments, reversals). Default false. */
  negative?: boolean
  /** Largest accepted amount in yuan (default 10^10 − 1). */
  maxYuan?: number
}

function parseScaled(text: string | number, decimals: number, opts: ParseMoneyOptions): number | null {
  const t = clean(String(text))
  const m = YUAN_TEXT.exec(t)
  if (!m) return null
  const [, minus, whole, frac = ''] = m
  if (minus && !opts.negative) return null
  if (frac.length > decimals) return null
  const maxYuan = BigInt(opts.maxYuan ?? 9_999_999_999)
  const w = BigInt(whole!)
  if (w > maxYuan) return null
  const v = w * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0')
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return null
  return Number(minus ? -v : v)
}

/** Yuan text ('1,234.5', '¥12', '12元') → integer fen, or null when it is not an amount with at most 2 decimals. */
export const parseYuan = (text: string | number, opts: ParseMoneyOptions = {}): number | null => parseScaled(text, 2, opts)

/** A piece rate in yuan ('0.1505') → integer centifen (1/100 fen), at most 4 decimals; null when invalid. */
export const parseRateYuan = (text: string | number, opts: ParseMoneyOptions = {}): number | null => parseScaled(text, 4, opts)

function scaledText(value: number | bigint | string, decimals: number, minDecimals: number): string {
  const v = BigInt(value) // throws on a fraction: money is whole fen or centifen by definition
  const neg = v < 0n
  const digits = (neg ? -v : v).toString().padStart(decimals + 1, '0')
  let frac = digits.slice(-decimals)
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1)
  return `${neg ? '-' : ''}${digits.slice(0, -decimals)}${frac ? `.${frac}` : ''}`
}

const group = (whole: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** Fen for people: 123456 → '¥1,234.56', -5 → '-¥0.05'. */
export function formatFen(fen: number | bigint | string, { symbol = '¥' }: { symbol?: string } = {}): string {
  const t = scaledText(fen, 2, 2)
  const neg = t.startsWith('-')
  const [whole, frac] = (neg ? t.slice(1) : t).split('.') as [string, string]
  return `${neg ? '-' : ''}${symbol}${group(whole)}.${frac}`
}

/** A piece rate for people: 1505 centifen → '¥0.1505', 1500 → '¥0.15'. */
export function formatCentifen(centifen: number | bigint | string, { symbol = '¥' }: { symbol?: string } = {}): string {
  const t = scaledText(centifen, 4, 2)
  const neg = t.startsWith('-')
  const [whole, frac] = (neg ? t.slice(1) : t).split('.') as [string, string]
  return `${neg ? '-' : ''}${symbol}${group(whole)}.${frac}`
}

/** Centifen as plain yuan text without symbol or grouping (inputs, files): 1505 → '0.1505', 1500 → '0.15'. */
export const centifenToYuanString = (centifen: number | bigint | string): string => scaledText(centifen, 4, 2)

/**
 * Large sums for summaries: 万元 / 亿元 in Chinese, thousand / million yuan in English, two decimals,
 * rounded half-up by integer arithmetic. Below 10,000 yuan the exact amount, written as everywhere else (¥1,234.56).
 */
export function formatFenShort(fen: number | bigint | string, lang: string = 'zh-CN'): string {
  const v = BigInt(fen)
  const a = v < 0n ? -v : v
  const sign = v < 0n ? '-' : ''
  const scaled = (unitFen: bigint) => {
    const hundredths = (a * 100n + unitFen / 2n) / unitFen
    return `${sign}${group((hundredths / 100n).toString())}.${(hundredths % 100n).toString().padStart(2, '0')}`
  }
  if (lang.startsWith('zh')) {
    if (a >= 10n ** 10n) return `${scaled(10n ** 10n)} 亿元`
    if (a >= 10n ** 6n) return `${scaled(10n ** 6n)} 万元`
    return formatFen(v)
  }
  if (a >= 10n ** 8n) return `¥${scaled(10n ** 8n)}M`
  if (a >= 10n ** 5n) return `¥${scaled(10n ** 5n)}k`
  return formatFen(v)
}

/** Fen as plain yuan text with two decimals, no grouping (files, bank formats): 123456 → "1234.56". */
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

