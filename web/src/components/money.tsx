import type { CSSProperties } from 'react'

/**
 * Formats integer fen as yuan: 123456 → '¥1,234.56', -5 → '-¥0.05'.
 * String slicing on a BigInt, so no amount ever passes through a float.
 */
export function formatFen(fen: bigint | number | string, { symbol = '¥' }: { symbol?: string } = {}): string {
  const n = BigInt(fen) // throws on non-integers: money is whole fen by definition
  const neg = n < 0n
  const digits = (neg ? -n : n).toString().padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${symbol}${yuan}.${digits.slice(-2)}`
}

/**
 * Summaries (cockpit tiles, totals over many workshops): 万元/亿元 in Chinese, k/M in English, from 10,000 yuan
 * up; smaller amounts exactly as formatFen. Display only: the division is for reading, not for arithmetic.
 */
export function formatFenShort(fen: number, lang: string): string {
  const yuan = fen / 100
  if (lang.startsWith('zh')) {
    if (Math.abs(yuan) >= 1e8) return `${(yuan / 1e8).toFixed(2)} 亿元`
    if (Math.abs(yuan) >= 1e4) return `${(yuan / 1e4).toFixed(2)} 万元`
    return formatFen(fen)
  }
  if (Math.abs(yuan) >= 1e6) return `¥${(yuan / 1e6).toFixed(2)}M`
  if (Math.abs(yuan) >= 1e4) return `¥${(yuan / 1e3).toFixed(1)}k`
  return formatFen(fen)
}

/** Chart axes: whole yuan without '.00' (¥12,000; 1.2 万 in Chinese from 10,000 up). */
export function formatAxisYuan(yuan: number, lang: string): string {
  if (lang.startsWith('zh') && Math.abs(yuan) >= 1e4) return `${Number((yuan / 1e4).toFixed(1))} 万`
  return `¥${Math.round(yuan).toLocaleString('en')}`
}

/** Money in tables and cards: tabular digits, right-aligned by the column, red when negative. */
export function Money({ fen, style }: { fen: bigint | number | string | null | undefined; style?: CSSProperties }) {
  if (fen === null || fen === undefined || fen === '') return <span>—</span>
  const negative = BigInt(fen) < 0n
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', ...(negative ? { color: '#cf1322' } : {}), ...style }}>
      {formatFen(fen)}
    </span>
  )
}
