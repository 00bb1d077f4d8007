import { useQueryClient } from '@tanstack/react-query'
import { thisYear } from '@gongfang/shared/clock'
import { formatFen } from '../../components/money'

export const THIS_YEAR = thisYear()
export const YEARS = [0, 1, 2, 3, 4].map((i) => THIS_YEAR - i)

/** Raw value of a criterion in its unit: fen as yuan, shares in percent. */
export function formatRaw(unit: string, v: number | null, t: (k: string) => string) {
  if (v === null || v === undefined) return t('notApplicable')
  if (unit === 'fen') return formatFen(Math.round(v))
  if (unit === 'percent') return `${v}%`
  return `${v} ${t(`units.${unit}`)}`
}

/** Invalidates every list of the page after a change (ratings, nominations, plans, criteria). */
export function useInvalidate() {
  const qc = useQueryClient()
  return () =>
    qc.invalidateQueries({
      predicate: (q) => ['ratings', 'nominations', 'plans', 'criteria'].includes(String(q.queryKey[0])),
    })
}
