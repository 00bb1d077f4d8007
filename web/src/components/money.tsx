import type { CSSProperties } from 'react'
import { formatFen } from '@gongfang/shared/money'

// One money module for the whole product: the web shows amounts exactly as the server writes them in files.
export { formatFen, formatFenShort } from '@gongfang/shared/money'

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
