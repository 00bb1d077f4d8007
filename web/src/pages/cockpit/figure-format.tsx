import type { CockpitFigures } from '@gongfang/shared/cockpit'
import { formatFen } from '../../components/money'

export const MONEY_FIGURES = new Set<string>(['wagesFen', 'avgMonthlyIncreaseFen', 'avgIncreasePerWorkerFen', 'collectiveIncomeFen', 'salesFen', 'tourismRevenueFen'])

/** Big yuan amounts are easier to read in 万元 (zh) / thousand yuan (en); exact value in the tooltip. */
export function shortYuan(fen: number, lang: string): string {
  const yuan = fen / 100 // display only: the exact figure is formatFen()
  if (lang.startsWith('zh')) {
    if (Math.abs(yuan) >= 1e8) return `${(yuan / 1e8).toFixed(2)} 亿元`
    if (Math.abs(yuan) >= 1e4) return `${(yuan / 1e4).toFixed(2)} 万元`
    return `${formatFen(fen, { symbol: '' })} 元`
  }
  if (Math.abs(yuan) >= 1e6) return `¥${(yuan / 1e6).toFixed(2)}M`
  if (Math.abs(yuan) >= 1e3) return `¥${(yuan / 1e3).toFixed(1)}k`
  return formatFen(fen)
}

/** One figure as text; null → "<5" on the public page (withheld small cell) or "—". */
export function formatFigure(key: keyof CockpitFigures | string, value: number | null | undefined, lang: string, suppressed = false): string {
  if (value === null || value === undefined) return suppressed ? '<5' : '—'
  if (MONEY_FIGURES.has(key)) return key.startsWith('avg') ? formatFen(value) : shortYuan(value, lang)
  return value.toLocaleString(lang.startsWith('zh') ? 'zh-CN' : 'en')
}
