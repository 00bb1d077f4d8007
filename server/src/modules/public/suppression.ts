import { PERSON_FIGURES, SMALL_CELL, type CockpitFigures, type PersonFigure, type PublicFigures } from '@gongfang/shared/cockpit'

/**
 * Person figures that stand or fall together: they are computed from the same persons, so withholding one
 * and showing another would give it back (wages ÷ average = workers).
 */
const GROUPS: { base: 'workersEmployed' | 'lowIncomeEmployed' | 'disabledEmployed'; keys: PersonFigure[] }[] = [
  { base: 'workersEmployed', keys: ['workersEmployed', 'activeWorkerMonths', 'wagesFen', 'avgMonthlyIncreaseFen', 'avgIncreasePerWorkerFen'] },
  { base: 'lowIncomeEmployed', keys: ['lowIncomeEmployed'] },
  { base: 'disabledEmployed', keys: ['disabledEmployed'] },
]

const small = (n: number) => n > 0 && n < SMALL_CELL

/**
 * Small-cell suppression with complementary suppression for one level (a region and its children).
 * Primary: a figure from 1–4 persons is withheld. Complementary: parent − shown children = the sum of the
 * withheld children, so one withheld child alone, or withheld children whose sum leaves each one value (all 1, or
 * all 4 when the web shows "<5"), would come back by subtraction; the smallest other non-empty child is withheld too until the sum does not
 * decide the cells, or — when no such child is left — the parent's figure is withheld.
 */
export function suppressOneLevel(parent: CockpitFigures, children: readonly CockpitFigures[]): { figures: PublicFigures; children: PublicFigures[] } {
  const parentOut = new Set<PersonFigure>()
  const childOut = children.map(() => new Set<PersonFigure>())
  for (const { base, keys } of GROUPS) {
    const withhold = (set: Set<PersonFigure>) => keys.forEach((k) => set.add(k))
    const withheld = new Set(children.flatMap((c, i) => (small(c[base]) ? [i] : [])))
    withheld.forEach((i) => withhold(childOut[i]!))
    if (small(parent[base])) {
      withhold(parentOut)
      continue
    }
    // The sum decides every cell when there is one, or when each "<5" cell can only be 1 (sum = count) or 4.
    const decided = () => {
      const k = withheld.size
      const sum = [...withheld].reduce((a, i) => a + children[i]![base], 0)
      return k === 1 || (k > 1 && (sum === k || sum === (SMALL_CELL - 1) * k))
    }
    while (decided()) {
      const next = children
        .map((c, i) => ({ i, n: c[base] }))
        .filter(({ i, n }) => n > 0 && !withheld.has(i))
        .sort((a, b) => a.n - b.n || a.i - b.i)[0]
      if (!next) {
        withhold(parentOut)
        break
      }
      withheld.add(next.i)
      withhold(childOut[next.i]!)
    }
  }
  return { figures: apply(parent, parentOut), children: children.map((c, i) => apply(c, childOut[i]!)) }
}

function apply(f: CockpitFigures, out: Set<PersonFigure>): PublicFigures {
  const res = { ...f, suppressed: PERSON_FIGURES.filter((k) => out.has(k)) } as PublicFigures
  for (const k of res.suppressed) (res as Record<string, unknown>)[k] = null
  return res
}
