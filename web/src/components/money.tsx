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
