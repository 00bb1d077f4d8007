import type { Direction } from '@gongfang/shared/programme'

/** One criterion as rated: its weight, direction and full mark, and the value measured or entered. */
export interface CriterionInput {
  key: string
  kind: 'computed' | 'manual'
  direction: Direction
  weight: number
  /** Computed: the value that earns full marks (higher) or zero marks (lower). Manual: unused. */
  fullMark: number | null
  /** Computed: the measured value; manual: the reviewer's score 0–100; null = not applicable. */
  value: number | null
}

export interface CriterionResult {
  key: string
  weight: number
  /** 0–100, one decimal. */
  score: number
  applicable: boolean
}

export interface RatingResult {
  /** Weighted mean of the applicable criteria, 0–100, one decimal. */
  score: number
  stars: 1 | 2 | 3 | 4 | 5
  criteria: CriterionResult[]
}

/** Star thresholds on the 0–100 score: ≥ 85 five stars, ≥ 70 four, ≥ 55 three, ≥ 40 two, else one. */
export const STAR_THRESHOLDS = [85, 70, 55, 40] as const

const round1 = (x: number) => Math.round(x * 10) / 10
const clamp = (x: number) => Math.min(100, Math.max(0, x))

/** Marks of one criterion, 0–100 (not rounded). */
export function criterionMarks(c: Pick<CriterionInput, 'kind' | 'direction' | 'fullMark' | 'value'>): number | null {
  if (c.value === null || !Number.isFinite(c.value)) return null
  if (c.kind === 'manual') return clamp(c.value)
  if (!c.fullMark || c.fullMark <= 0) return null
  return c.direction === 'higher' ? clamp((c.value / c.fullMark) * 100) : clamp(100 * (1 - c.value / c.fullMark))
}

export function starsFor(score: number): 1 | 2 | 3 | 4 | 5 {
  const i = STAR_THRESHOLDS.findIndex((t) => score >= t)
  return (i === -1 ? 1 : 5 - i) as 1 | 2 | 3 | 4 | 5
}

/**
 * The rating of a workshop: each criterion scores 0–100, the total is their weighted mean.
 * A criterion that does not apply (no orders → no fulfilment rate) is left out and the remaining
 * weights carry the total, so a workshop is neither rewarded nor punished for what it had no chance to do.
 */
export function rateWorkshop(criteria: readonly CriterionInput[]): RatingResult {
  let sumW = 0
  let sumWS = 0
  const results = criteria.map((c) => {
    const marks = criterionMarks(c)
    const applicable = marks !== null && c.weight > 0
    if (applicable) {
      sumW += c.weight
      sumWS += c.weight * marks
    }
    return { key: c.key, weight: c.weight, score: round1(marks ?? 0), applicable: marks !== null }
  })
  const score = sumW === 0 ? 0 : round1(sumWS / sumW)
  return { score, stars: starsFor(score), criteria: results }
}
