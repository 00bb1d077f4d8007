import type { CockpitFigures, PublicFigures } from '@gongfang/shared/cockpit'
import { WORKSHOP_TYPES } from '@gongfang/shared/workshop-types'
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

export type AnyFigures = CockpitFigures | PublicFigures
export const suppressedOf = (f: AnyFigures) => ('suppressed' in f ? (f.suppressed as string[]) : [])

export const CARD_FIGURES = ['workshopsOperating', 'enterprisesLinked', 'workersEmployed', 'lowIncomeEmployed', 'disabledEmployed', 'wagesFen', 'avgMonthlyIncreaseFen', 'collectiveIncomeFen', 'deliveredQty', 'salesFen'] as const

/** The columns of the child places' tables (cockpit and public page). */
export const TABLE_FIGURES = ['workshopsOperating', 'enterprisesLinked', 'workersEmployed', 'lowIncomeEmployed', 'disabledEmployed', 'wagesFen', 'avgMonthlyIncreaseFen', 'deliveredQty', 'collectiveIncomeFen', 'salesFen'] as const

/** The operating workshops split by type ("扶贫车间 3 · 来料加工 5"); a space when there are none, so cards keep their height. */
export function typesText(figures: AnyFigures, t: (key: string) => string): string {
  return WORKSHOP_TYPES.filter((ty) => figures.workshopsByType[ty] > 0)
    .map((ty) => `${t(`types.${ty}`)} ${figures.workshopsByType[ty]}`)
    .join(' · ') || ' '
}
