/** Pure helpers of the role homes: no React, no clock (today is passed in), no float money. */
import { formatFen } from '../../components/money'

export interface MonthPay {
  month: string
  amountFen: number
  payStatus: 'none' | 'draft' | 'locked' | 'paid'
  paidOn: string | null
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
const daysIn = (i: number) => new Date(Date.UTC(Math.floor(i / 12), (i % 12) + 1, 0)).getUTCDate()

/**
 * When the next wage is likely to arrive: the oldest month with money not yet paid, paid as late after its
 * month as the last paid one was (same lag in months, same day of the month). null without a paid month to
 * learn from, or with nothing owed. An estimate, and the page says so.
 */
export function nextPayDate(months: readonly MonthPay[], today: string): { month: string; date: string; late: boolean } | null {
  const paid = months.filter((m) => m.payStatus === 'paid' && m.paidOn).sort((a, b) => b.month.localeCompare(a.month))[0]
  const owed = months.filter((m) => m.payStatus !== 'paid' && m.amountFen > 0).sort((a, b) => a.month.localeCompare(b.month))[0]
  if (!paid || !owed) return null
  const lag = monthIndex(paid.paidOn!.slice(0, 7)) - monthIndex(paid.month)
  const target = monthIndex(owed.month) + Math.max(lag, 0)
  const day = Math.min(Number(paid.paidOn!.slice(8, 10)), daysIn(target))
  const date = `${monthOf(target)}-${String(day).padStart(2, '0')}`
  return { month: owed.month, date, late: date < today }
}

/** Money for the ear: '1234.56 元' (no symbol, no thousands commas, which speech engines read oddly). */
export const spokenYuan = (fen: number) => `${formatFen(fen, { symbol: '' }).replace(/,/g, '')} 元`

/** Piece rate × quantity in fen: centifen are 1/100 fen, rounded half-up once (as the server does on deliveries). */
export function pieceTotalFen(quantity: number, rateCentifen: number): number {
  return Math.floor((quantity * rateCentifen + 50) / 100)
}

/** '2026-10' → '10月' (zh; '2025年10月' when not this year) or '2026-10' (en). */
export function monthName(month: string, today: string, lang: string): string {
  if (!lang.startsWith('zh')) return month
  const m = Number(month.slice(5, 7))
  return month.slice(0, 4) === today.slice(0, 4) ? `${m}月` : `${month.slice(0, 4)}年${m}月`
}

/** '2026-12-02' → '12月2日' (zh) or 'Dec 2' (en). */
export function shortDate(date: string, lang: string): string {
  const [, m, d] = date.split('-').map(Number)
  if (lang.startsWith('zh')) return `${m}月${d}日`
  // A month name for a China date already chosen: the UTC day built from it, formatted in UTC, is that same day.
  // eslint-disable-next-line no-restricted-properties
  return new Date(Date.UTC(2000, m! - 1, d!)).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}
