import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { greedySplit } from './greedy.ts'
import { highsSolver, type Solver } from './highs-solver.ts'
import { checkSplit, DEFAULT_WEIGHTS, pruneCandidates, splitCost, type Instance, type MatchWorkshop } from './instance.ts'
import { buildLpModel, startValues } from './lp-model.ts'
import { readSplit, repairSplit } from './read-result.ts'
import { solvePlan } from './solve-plan.ts'

let solver: Solver
beforeAll(async () => {
  solver = await highsSolver()
})

const ws = (id: string, lng: number, free: number, extra: Partial<MatchWorkshop> = {}): MatchWorkshop => ({
  id,
  lng,
  lat: 28,
  skills: ['sorting'],
  dailyCapacity: free,
  priorityShare: 0,
  free: [free],
  freeUnion: free,
  ...extra,
})

function line(extra: Partial<Instance['options']> = {}, workshops: MatchWorkshop[], quantity = 1000, minBatch = 100, maxBatch = 1000): Instance {
  return {
    orders: [{ id: 'o', quantity, minBatch, maxBatch, lng: 119, lat: 28, skills: ['sorting'] }],
    workshops,
    options: { maxDistanceKm: 80, maxCandidatesPerOrder: 100, weights: DEFAULT_WEIGHTS, ...extra },
  }
}

describe('pruneCandidates', () => {
  test('drops workshops without the skills, too far, or without room for the minimum batch', () => {
    const inst = line({}, [
      ws('ok', 119.1, 500),
      ws('noskill', 119.1, 500, { skills: ['sewing'] }),
      ws('far', 121, 500), // ~195 km
      ws('full', 119.1, 50),
    ])
    const { candidates, eligible } = pruneCandidates(inst)
    expect(candidates.map((c) => inst.workshops[c.w]!.id)).toEqual(['ok'])
    expect(eligible).toEqual([1])
    expect(candidates[0]!.ub).toBe(500)
  })
})

describe('buildLpModel', () => {
  test('writes cover, batch and shared-capacity rows and lists every column in the objective', () => {
    const inst: Instance = {
      orders: [
        { id: 'a', quantity: 300, minBatch: 50, maxBatch: 200, lng: 119, lat: 28, skills: [] },
        { id: 'b', quantity: 100, minBatch: 10, maxBatch: 100, lng: 119, lat: 28, skills: [] },
      ],
      workshops: [{ ...ws('w', 119.05, 250), free: [250, 250] }],
      options: { maxDistanceKm: 80, maxCandidatesPerOrder: 10, maxWorkshops: 1, weights: DEFAULT_WEIGHTS },
    }
    const { candidates } = pruneCandidates(inst)
    const m = buildLpModel(inst, candidates)
    expect(m.columns).toEqual(['x0', 'y0', 'x1', 'y1', 's0', 's1'])
    expect(m.lp).toMatch(/cov0: x0 \+ s0 = 300/)
    expect(m.lp).toMatch(/lo0: x0 - 50 y0 >= 0/)
    expect(m.lp).toMatch(/hi0: x0 - 200 y0 <= 0/)
    expect(m.lp).toMatch(/cap0: x0 \+ x1 <= 250/)
    expect(m.lp).toMatch(/Binaries\n y0 y1/)
    expect(m.penaltyFen).toBeGreaterThan(10 * (DEFAULT_WEIGHTS.tripFixedFen + DEFAULT_WEIGHTS.handlingFenPerWorkshop))
    expect(startValues(inst, candidates, m, [200, 50])).toEqual([200, 1, 50, 1, 100, 50])
  })
})

describe('readSplit / repairSplit', () => {
  const inst = line({}, [ws('a', 119.01, 600), ws('b', 119.02, 600), ws('c', 119.03, 600)])
  const { candidates } = pruneCandidates(inst)
  const model = buildLpModel(inst, candidates)
  test('rounds float noise to whole pieces that sum exactly to the quantity', () => {
    const r = readSplit(inst, candidates, model, { x0: 599.9999999997, x1: 400.0000000002, x2: 1e-10, s0: 0 })
    expect(r.qty).toEqual([600, 400, 0])
    expect(r.shortfall).toEqual([0])
  })
  test('repairs an over-full sum and a batch below the minimum', () => {
    const r = repairSplit(inst, candidates, [600, 420.6, 70])
    expect(r.qty.reduce((a, b) => a + b)).toBe(1000)
    expect(checkSplit(inst, candidates, r.qty)).toEqual([])
  })
  test('states the shortfall when capacity is short', () => {
    const r = repairSplit(inst, candidates, [600, 0, 0])
    expect(r.covered).toEqual([600])
    expect(r.shortfall).toEqual([400])
  })
})

describe('greedySplit', () => {
  test('fills the nearest workshops first', () => {
    const inst = line({}, [ws('far', 119.3, 600), ws('near', 119.01, 600), ws('mid', 119.1, 600)])
    const { candidates } = pruneCandidates(inst)
    const qty = greedySplit(inst, candidates)
    const byId = Object.fromEntries(candidates.map((c, k) => [inst.workshops[c.w]!.id, qty[k]]))
    expect(byId).toEqual({ near: 600, mid: 400, far: 0 })
  })
})

describe('solvePlan (HiGHS)', () => {
  test('beats greedy when one cheap workshop beats two near small ones', () => {
    // Two tiny near workshops each cost handling + a trip; one slightly farther big one covers everything.
    const inst = line({}, [ws('near1', 119.01, 500), ws('near2', 119.011, 500), ws('big', 119.05, 1000)], 1000, 100, 1000)
    const run = solvePlan(inst, solver, { timeLimitMs: 5000, mipGap: 0 })
    const chosen = run.candidates.filter((_, k) => run.qty[k]! > 0).map((c) => inst.workshops[c.w]!.id)
    expect(chosen).toEqual(['big'])
    expect(run.status).toBe('optimal')
    expect(run.objective.totalFen).toBeLessThan(run.greedyObjective.totalFen)
    expect(run.mipGap).toBe(0)
  })
  test('priority weight moves work to a workshop with low-income and disabled workers', () => {
    const base = [ws('plain', 119.02, 1000), ws('priority', 119.03, 1000, { priorityShare: 1 })]
    const without = solvePlan(line({ weights: { ...DEFAULT_WEIGHTS, priorityFenPerPiece: 0 } }, base), solver, { timeLimitMs: 5000, mipGap: 0 })
    const withBonus = solvePlan(line({ weights: { ...DEFAULT_WEIGHTS, priorityFenPerPiece: 2 } }, base), solver, { timeLimitMs: 5000, mipGap: 0 })
    const pick = (r: typeof without, inst: Instance) => r.candidates.filter((_, k) => r.qty[k]! > 0).map((c) => inst.workshops[c.w]!.id)
    expect(pick(without, line({}, base))).toEqual(['plain'])
    expect(pick(withBonus, line({}, base))).toEqual(['priority'])
  })
  test('an order that cannot be covered returns the best partial cover and the shortfall', () => {
    const inst = line({}, [ws('a', 119.01, 300), ws('b', 119.02, 250)], 1000, 100, 1000)
    const run = solvePlan(inst, solver, { timeLimitMs: 5000, mipGap: 0 })
    expect(run.covered).toEqual([550])
    expect(run.shortfall).toEqual([450])
    expect(checkSplit(inst, run.candidates, run.qty)).toEqual([])
  })
  test('maxWorkshops caps the workshops used', () => {
    const inst = line({ maxWorkshops: 2 }, [ws('a', 119.01, 400), ws('b', 119.02, 400), ws('c', 119.03, 400)], 1000, 100, 1000)
    const run = solvePlan(inst, solver, { timeLimitMs: 5000, mipGap: 0 })
    expect(run.qty.filter((q) => q > 0)).toHaveLength(2)
    expect(run.covered).toEqual([800])
  })
})

// Random small instances, one to three orders sharing workshops: the plan always respects every
// constraint, sums to the quantity (or states the shortfall), and never costs more than greedy.
const workshopArb = fc.record({
  dLng: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
  dLat: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
  free: fc.integer({ min: 0, max: 3000 }),
  extraFree: fc.integer({ min: 0, max: 3000 }),
  skills: fc.subarray(['sorting', 'packing', 'sewing']),
  priorityShare: fc.constantFrom(0, 0.25, 0.5, 1),
})
const orderArb = fc.record({
  quantity: fc.integer({ min: 1, max: 8000 }),
  minBatch: fc.integer({ min: 1, max: 800 }),
  maxExtra: fc.integer({ min: 0, max: 4000 }),
  skills: fc.subarray(['sorting', 'packing']),
})
const instanceArb = fc
  .record({
    orders: fc.array(orderArb, { minLength: 1, maxLength: 3 }),
    workshops: fc.array(workshopArb, { minLength: 0, maxLength: 25 }),
    maxDistanceKm: fc.integer({ min: 10, max: 150 }),
    maxWorkshops: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  })
  .map(({ orders, workshops, maxDistanceKm, maxWorkshops }): Instance => ({
    orders: orders.map((o, i) => ({
      id: `o${i}`,
      quantity: o.quantity,
      minBatch: o.minBatch,
      maxBatch: o.minBatch + o.maxExtra,
      lng: 119,
      lat: 28,
      skills: o.skills,
    })),
    workshops: workshops.map((w, j) => ({
      id: `w${j}`,
      lng: 119 + w.dLng,
      lat: 28 + w.dLat,
      skills: w.skills,
      dailyCapacity: 100,
      priorityShare: w.priorityShare,
      free: orders.map(() => w.free + w.extraFree),
      freeUnion: w.free + w.extraFree + (orders.length > 1 ? w.extraFree : 0),
    })),
    options: { maxDistanceKm, maxWorkshops, maxCandidatesPerOrder: 400, weights: DEFAULT_WEIGHTS },
  }))

test('property: every plan respects capacity, batches, skills and distance, and covers quantity − stated shortfall', () => {
  fc.assert(
    fc.property(instanceArb, (inst) => {
      const run = solvePlan(inst, solver, { timeLimitMs: 3000, mipGap: 0 })
      expect(checkSplit(inst, run.candidates, run.qty)).toEqual([])
      inst.orders.forEach((order, o) => {
        const sum = run.candidates.reduce((a, c, k) => a + (c.o === o ? run.qty[k]! : 0), 0)
        expect(sum).toBe(run.covered[o])
        expect(sum + run.shortfall[o]!).toBe(order.quantity)
        expect(run.shortfall[o]).toBeGreaterThanOrEqual(0)
      })
      // Never less covered than the greedy baseline manages, and never dearer at equal cover.
      const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
      expect(total(run.covered)).toBeGreaterThanOrEqual(total(run.greedyCovered))
      if (total(run.covered) === total(run.greedyCovered))
        expect(run.objective.totalFen).toBeLessThanOrEqual(splitCost(inst, run.candidates, run.greedyQty).totalFen + 1e-6)
    }),
    { numRuns: 120, seed: 20261125 },
  )
}, 120_000)
