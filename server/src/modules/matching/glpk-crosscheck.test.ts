/**
 * Independent check of the model: the same mathematics written directly for GLPK (glpk.js, JSON
 * interface — not our LP text) must reach the same optimum as solvePlan with HiGHS.
 */
import fc from 'fast-check'
import GLPK from 'glpk.js/node'
import { beforeAll, expect, test } from 'vitest'
import { highsSolver, type Solver } from './highs-solver.ts'
import { DEFAULT_WEIGHTS, pruneCandidates, type Instance } from './instance.ts'
import { penaltyFen } from './lp-model.ts'
import { solvePlan } from './solve-plan.ts'

let solver: Solver
let glpk: Awaited<ReturnType<typeof GLPK>>
beforeAll(async () => {
  solver = await highsSolver()
  glpk = await GLPK()
})

function glpkOptimum(inst: Instance): number {
  const { candidates } = pruneCandidates(inst)
  const w = inst.options.weights
  const M = penaltyFen(inst, candidates)
  const vars = candidates.flatMap((c, k) => [
    { name: `x${k}`, coef: c.unitFen + w.tripFixedFen / w.truckloadPieces },
    { name: `y${k}`, coef: w.handlingFenPerWorkshop + w.tripFixedFen },
  ])
  const subjectTo = [
    ...inst.orders.map((order, o) => ({
      name: `cover${o}`,
      vars: [...candidates.flatMap((c, k) => (c.o === o ? [{ name: `x${k}`, coef: 1 }] : [])), { name: `s${o}`, coef: 1 }],
      bnds: { type: glpk.GLP_FX, lb: order.quantity, ub: order.quantity },
    })),
    ...candidates.flatMap((c, k) => [
      { name: `min${k}`, vars: [{ name: `x${k}`, coef: 1 }, { name: `y${k}`, coef: -inst.orders[c.o]!.minBatch }], bnds: { type: glpk.GLP_LO, lb: 0, ub: 0 } },
      { name: `max${k}`, vars: [{ name: `x${k}`, coef: 1 }, { name: `y${k}`, coef: -c.ub }], bnds: { type: glpk.GLP_UP, lb: 0, ub: 0 } },
    ]),
    ...inst.workshops.map((ws, wi) => ({
      name: `cap${wi}`,
      vars: candidates.flatMap((c, k) => (c.w === wi ? [{ name: `x${k}`, coef: 1 }] : [])),
      bnds: { type: glpk.GLP_UP, lb: 0, ub: ws.freeUnion },
    })).filter((r) => r.vars.length > 0),
  ]
  const res = glpk.solve(
    {
      name: 'crosscheck',
      objective: { direction: glpk.GLP_MIN, name: 'cost', vars: [...vars, ...inst.orders.map((_, o) => ({ name: `s${o}`, coef: M }))] },
      subjectTo,
      bounds: candidates.map((c, k) => ({ name: `x${k}`, type: glpk.GLP_DB, lb: 0, ub: c.ub })),
      binaries: candidates.map((_, k) => `y${k}`),
    },
    { msglev: glpk.GLP_MSG_OFF, mipgap: 0 },
  )
  return res.result.z
}

const instanceArb = fc
  .record({
    orders: fc.array(fc.record({ quantity: fc.integer({ min: 100, max: 6000 }), minBatch: fc.integer({ min: 1, max: 500 }), extra: fc.integer({ min: 0, max: 3000 }) }), { minLength: 1, maxLength: 3 }),
    workshops: fc.array(
      fc.record({ dLng: fc.double({ min: -0.8, max: 0.8, noNaN: true }), dLat: fc.double({ min: -0.8, max: 0.8, noNaN: true }), free: fc.integer({ min: 0, max: 5000 }), share: fc.constantFrom(0, 0.3, 1) }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ orders, workshops }): Instance => ({
    orders: orders.map((o, i) => ({ id: `o${i}`, quantity: o.quantity, minBatch: o.minBatch, maxBatch: o.minBatch + o.extra, lng: 119, lat: 28, skills: [] })),
    workshops: workshops.map((w, j) => ({
      id: `w${j}`,
      lng: 119 + w.dLng,
      lat: 28 + w.dLat,
      skills: [],
      dailyCapacity: 100,
      priorityShare: w.share,
      free: orders.map(() => w.free),
      freeUnion: w.free,
    })),
    options: { maxDistanceKm: 120, maxCandidatesPerOrder: 400, weights: DEFAULT_WEIGHTS },
  }))

test('HiGHS through our LP text and GLPK through its own JSON model agree on the optimum', () => {
  fc.assert(
    fc.property(instanceArb, (inst) => {
      const run = solvePlan(inst, solver, { timeLimitMs: 5000, mipGap: 0 })
      const ours = run.objective.totalFen + run.penaltyFen * run.shortfall.reduce((a, b) => a + b, 0)
      const theirs = glpkOptimum(inst)
      expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(Math.max(0.05, Math.abs(theirs) * 1e-6))
    }),
    { numRuns: 30, seed: 5 },
  )
}, 120_000)
