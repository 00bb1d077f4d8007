/**
 * One matching run: prune → greedy baseline → MIP (warm-started from greedy) → whole-piece split.
 * The solver is passed in, so this stays free of I/O and testable with any solver.
 */
import { greedySplit } from './greedy.ts'
import { checkSplit, pruneCandidates, splitCost, type Candidate, type CostParts, type Instance } from './instance.ts'
import { buildLpModel, startValues } from './lp-model.ts'
import { repairSplit, readSplit } from './read-result.ts'
import type { Solver } from './highs-solver.ts'

export interface PlanRun {
  candidates: Candidate[]
  eligible: number[]
  perOrder: number[]
  qty: number[]
  covered: number[]
  shortfall: number[]
  greedyQty: number[]
  greedyCovered: number[]
  status: string
  mipGap: number | null
  solveMs: number
  variables: number
  constraints: number
  /** Total cost of the split (both without shortfall penalty), fen. */
  objective: CostParts
  greedyObjective: CostParts
  penaltyFen: number
}

export function solvePlan(inst: Instance, solver: Solver, opts: { timeLimitMs: number; mipGap: number }): PlanRun {
  const { candidates, eligible, perOrder } = pruneCandidates(inst)
  const greedyQty = greedySplit(inst, candidates)
  const greedy = repairSplit(inst, candidates, greedyQty)
  const model = buildLpModel(inst, candidates)
  let qty: number[]
  let status: string
  let mipGap: number | null = null
  let solveMs = 0
  if (candidates.length === 0) {
    qty = []
    status = 'no_candidates'
  } else {
    const out = solver({
      lp: model.lp,
      columns: model.columns,
      timeLimitMs: opts.timeLimitMs,
      mipGap: opts.mipGap,
      start: startValues(inst, candidates, model, greedy.qty),
    })
    status = out.status
    mipGap = out.mipGap
    solveMs = out.solveMs
    qty = out.values ? readSplit(inst, candidates, model, out.values).qty : greedy.qty.slice()
    if (!out.values) {
      status = `${out.status}_greedy_fallback`
      mipGap = null
    }
  }
  // Never return a split that breaks a constraint; fall back to greedy (which is built to respect them).
  let result = repairSplit(inst, candidates, qty)
  if (checkSplit(inst, candidates, result.qty).length > 0) {
    result = greedy
    status = `${status}_greedy_fallback`
    mipGap = null // the solver's gap says nothing about the greedy split
  }
  // If the solver stopped early with something worse than greedy, greedy is the better plan.
  const cost = splitCost(inst, candidates, result.qty)
  const greedyCost = splitCost(inst, candidates, greedy.qty)
  const coveredSum = (r: { covered: number[] }) => r.covered.reduce((a, b) => a + b, 0)
  if (coveredSum(greedy) > coveredSum(result) || (coveredSum(greedy) === coveredSum(result) && greedyCost.totalFen < cost.totalFen - 1e-6)) {
    result = greedy
    status = `${status}_greedy_better`
    mipGap = null
  }
  return {
    candidates,
    eligible,
    perOrder,
    qty: result.qty,
    covered: result.covered,
    shortfall: result.shortfall,
    greedyQty: greedy.qty,
    greedyCovered: greedy.covered,
    status,
    mipGap,
    solveMs,
    variables: model.columns.length,
    constraints: model.rows,
    objective: splitCost(inst, candidates, result.qty),
    greedyObjective: greedyCost,
    penaltyFen: model.penaltyFen,
  }
}
