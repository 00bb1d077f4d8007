import type { CockpitFigures } from '@gongfang/shared/cockpit'
import { formatFen, formatFenShort } from '../../components/money'

export const MONEY_FIGURES = new Set<string>(['wagesFen', 'avgMonthlyIncreaseFen', 'avgIncreasePerWorkerFen', 'collectiveIncomeFen', 'salesFen', 'tourismRevenueFen'])

/** Big yuan amounts in 万元 (zh) / k (en); exact value in the tooltip. One format: components/money. */
export const shortYuan = formatFenShort

/** One figure as text; null → "<5" on the public page (withheld small cell) or "—". */
export function formatFigure(key: keyof CockpitFigures | string, value: number | null | undefined, lang: string, suppressed = false): string {
  if (value === null || value === undefined) return suppressed ? '<5' : '—'
  if (MONEY_FIGURES.has(key)) return key.startsWith('avg') ? formatFen(value) : shortYuan(value, lang)
  return value.toLocaleString(lang.startsWith('zh') ? 'zh-CN' : 'en')
}
