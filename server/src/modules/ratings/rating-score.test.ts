import { expect, test } from 'vitest'
import { criterionMarks, rateWorkshop, starsFor, type CriterionInput } from './rating-score.ts'

const c = (
  key: string,
  direction: 'higher' | 'lower',
  weight: number,
  fullMark: number | null,
  value: number | null,
  kind: 'computed' | 'manual' = 'computed',
): CriterionInput => ({
  key,
  kind,
  direction,
  weight,
  fullMark,
  value,
})

test('hand-computed example: weighted mean of the applicable criteria', () => {
  // employed 12 of 30 → 40; low-income 25 % of 20 % → 100 (capped); wages 3,000,000 fen of 5,000,000 → 60;
  // months 9 of 12 → 75; fulfilment n/a (no orders) → left out; reject 1 % with zero at 5 % → 80;
  // arrears 0 → 100; training 4 of 10 → 40; disputes 1 of 3 → 66.67; manual 80 and 90.
  const r = rateWorkshop([
    c('employed', 'higher', 15, 30, 12),
    c('low_income_share', 'higher', 15, 20, 25),
    c('wages', 'higher', 15, 5_000_000, 3_000_000),
    c('months_active', 'higher', 10, 12, 9),
    c('fulfilment', 'higher', 10, 100, null),
    c('reject_rate', 'lower', 5, 5, 1),
    c('arrears', 'lower', 10, 1_000_000, 0),
    c('training', 'higher', 5, 10, 4),
    c('disputes', 'lower', 5, 3, 1),
    c('management', 'higher', 5, null, 80, 'manual'),
    c('social_benefit', 'higher', 5, null, 90, 'manual'),
  ])
  // Σw = 90 (fulfilment's 10 dropped); Σw·s = 600 + 1500 + 900 + 750 + 400 + 1000 + 200 + 333.33 + 400 + 450 = 6533.33
  // 6533.33 / 90 = 72.59 → 72.6 → four stars (70 ≤ 72.6 < 85).
  expect(r.score).toBe(72.6)
  expect(r.stars).toBe(4)
  expect(r.criteria.map((x) => x.score)).toEqual([40, 100, 60, 75, 0, 80, 100, 40, 66.7, 80, 90])
  expect(r.criteria.find((x) => x.key === 'fulfilment')!.applicable).toBe(false)
})

test('lower-better criteria fall to zero at the full mark and never go negative', () => {
  expect(criterionMarks(c('disputes', 'lower', 5, 3, 0))).toBe(100)
  expect(criterionMarks(c('disputes', 'lower', 5, 3, 3))).toBe(0)
  expect(criterionMarks(c('disputes', 'lower', 5, 3, 7))).toBe(0)
  expect(criterionMarks(c('employed', 'higher', 5, 30, 60))).toBe(100)
  expect(criterionMarks(c('employed', 'higher', 5, 0, 60))).toBeNull()
  expect(criterionMarks(c('x', 'higher', 5, null, 130, 'manual'))).toBe(100)
})

test('star thresholds and the empty rating', () => {
  expect([100, 85, 84.9, 70, 69.9, 55, 54.9, 40, 39.9, 0].map(starsFor)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
  expect(rateWorkshop([c('fulfilment', 'higher', 10, 100, null)])).toMatchObject({ score: 0, stars: 1 })
  // Zero weight counts for nothing.
  expect(rateWorkshop([c('a', 'higher', 0, 10, 0), c('b', 'higher', 1, 10, 10)]).score).toBe(100)
})
