/** Rates and money typed as yuan text ⇄ integer centifen / fen. */

/** '0.1505' yuan → 1505 centifen (1/100 fen), by string arithmetic: money never passes through a float. */
export function yuanToCentifen(s: string): number | null {
  const m = s.trim().match(/^(\d{1,7})(?:\.(\d{1,4}))?$/)
  if (!m) return null
  return Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'))
}

/** 1505 centifen → '0.1505'. */
export function centifenToYuan(n: number): string {
  const s = String(n).padStart(5, '0')
  return `${s.slice(0, -4)}.${s.slice(-4)}`.replace(/(\.\d\d)0{1,2}$/, '$1')
}

/** '150.35' yuan → 15035 fen. */
export function yuanToFen(s: string): number | null {
  const m = s.trim().match(/^(\d{1,10})(?:\.(\d{1,2}))?$/)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
