/**
 * The matching instance and everything about it that needs no solver: candidate pruning, the cost
 * of a split (the same function scores the optimal and the greedy plan) and feasibility checks.
 * Plain data in and out — no database, clock or environment.
 */
import { haversineKm } from './geo.ts'

export interface MatchOrder {
  id: string
  quantity: number
  minBatch: number
  maxBatch: number
  lng: number
  lat: number
  skills: string[]
}

export interface MatchWorkshop {
  id: string
  lng: number
  lat: number
  skills: string[]
  dailyCapacity: number
  /** Share (0–1) of current members from low-income households or with a disability. */
  priorityShare: number
  /** Free capacity (pieces) over each order's period, aligned with Instance.orders. */
  free: number[]
  /** Free capacity over the union of the periods of all orders in the instance (shared between them). */
  freeUnion: number
}

export interface Weights {
  transportFenPerPieceKm: number
  tripFixedFen: number
  truckloadPieces: number
  handlingFenPerWorkshop: number
  priorityFenPerPiece: number
}

export const DEFAULT_WEIGHTS: Weights = {
  transportFenPerPieceKm: 0.05,
  tripFixedFen: 3000,
  truckloadPieces: 5000,
  handlingFenPerWorkshop: 5000,
  priorityFenPerPiece: 0.5,
}

export interface MatchOptions {
  maxDistanceKm: number
  maxWorkshops?: number
  /** Bound on the model: at most this many candidates per order survive pruning (cheapest first). */
  maxCandidatesPerOrder: number
  /**
   * Keep the cheapest candidates until their batch bounds add up to this multiple of the quantity
   * (at least 40 of them); the rest cannot matter unless the cheap ones are far too few. Default 10.
   */
  coverFactor?: number
  weights: Weights
}

export interface Instance {
  orders: MatchOrder[]
  workshops: MatchWorkshop[]
  options: MatchOptions
}

/** One (order, workshop) pair that passed pruning. */
export interface Candidate {
  o: number
  w: number
  distanceKm: number
  /** Upper bound of the batch: min(maxBatch, free capacity over the order's period). */
  ub: number
  /** Cost per piece in the objective: transport − priority bonus (fen). */
  unitFen: number
}

export function unitCostFen(distanceKm: number, priorityShare: number, w: Weights): number {
  return distanceKm * w.transportFenPerPieceKm - priorityShare * w.priorityFenPerPiece
}

export function hasSkills(required: readonly string[], offered: readonly string[]): boolean {
  return required.every((s) => offered.includes(s))
}

/**
 * Candidates per order: required skills, within the distance limit, free capacity for at least the
 * minimum batch; then the cheapest (per piece, counting a full batch's share of the fixed costs)
 * up to maxCandidatesPerOrder — this bounds the model size, and is reported.
 */
export function pruneCandidates(inst: Instance): { candidates: Candidate[]; perOrder: number[]; eligible: number[] } {
  const { weights, maxDistanceKm, maxCandidatesPerOrder } = inst.options
  const candidates: Candidate[] = []
  const perOrder: number[] = []
  const eligible: number[] = []
  inst.orders.forEach((order, o) => {
    const list: (Candidate & { score: number })[] = []
    inst.workshops.forEach((ws, w) => {
      const free = Math.min(ws.free[o] ?? 0, ws.freeUnion)
      if (free < order.minBatch) return
      if (!hasSkills(order.skills, ws.skills)) return
      const distanceKm = haversineKm(order.lng, order.lat, ws.lng, ws.lat)
      if (distanceKm > maxDistanceKm) return
      const ub = Math.min(order.maxBatch, free, order.quantity)
      const unitFen = unitCostFen(distanceKm, ws.priorityShare, weights)
      const batch = Math.max(ub, 1)
      const score = unitFen + weights.tripFixedFen / weights.truckloadPieces + (weights.handlingFenPerWorkshop + weights.tripFixedFen) / batch
      list.push({ o, w, distanceKm, ub, unitFen, score })
    })
    eligible.push(list.length)
    list.sort((a, b) => a.score - b.score || a.distanceKm - b.distanceKm || a.w - b.w)
    const factor = inst.options.coverFactor ?? 10
    let cum = 0
    let n = 0
    while (n < list.length && n < maxCandidatesPerOrder && (n < 40 || cum < factor * order.quantity)) cum += list[n++]!.ub
    const kept = list.slice(0, n)
    perOrder.push(kept.length)
    for (const { score: _s, ...c } of kept) candidates.push(c)
  })
  return { candidates, perOrder, eligible }
}

/** A split: quantity per candidate (same indexing as the candidates array). */
export interface Split {
  qty: number[]
}

export interface CostParts {
  transportFen: number
  tripsFen: number
  handlingFen: number
  priorityBonusFen: number
  totalFen: number
  workshopsUsed: number
}

/** The objective of a split without the shortfall penalty, by parts (fen, not rounded: a planning figure, not money owed). */
export function splitCost(inst: Instance, cands: Candidate[], qty: number[], onlyOrder?: number): CostParts {
  const w = inst.options.weights
  let transportFen = 0
  let tripsFen = 0
  let handlingFen = 0
  let priorityBonusFen = 0
  let used = 0
  cands.forEach((c, k) => {
    const q = qty[k] ?? 0
    if (q <= 0 || (onlyOrder !== undefined && c.o !== onlyOrder)) return
    used++
    transportFen += c.distanceKm * w.transportFenPerPieceKm * q
    tripsFen += w.tripFixedFen * (1 + q / w.truckloadPieces) // first trip + pro-rated further loads (see lp-model.ts)
    handlingFen += w.handlingFenPerWorkshop
    priorityBonusFen += inst.workshops[c.w]!.priorityShare * w.priorityFenPerPiece * q
  })
  const r = (x: number) => Math.round(x * 100) / 100
  return {
    transportFen: r(transportFen),
    tripsFen: r(tripsFen),
    handlingFen: r(handlingFen),
    priorityBonusFen: r(priorityBonusFen),
    totalFen: r(transportFen + tripsFen + handlingFen - priorityBonusFen),
    workshopsUsed: used,
  }
}

/** Every constraint a split must respect; returns the violations (empty = valid). */
export function checkSplit(inst: Instance, cands: Candidate[], qty: number[]): string[] {
  const errs: string[] = []
  const perOrder = inst.orders.map(() => 0)
  const perOrderUsed = inst.orders.map(() => 0)
  const perWorkshopUnion = new Map<number, number>()
  cands.forEach((c, k) => {
    const q = qty[k] ?? 0
    if (!Number.isInteger(q) || q < 0) errs.push(`candidate ${k}: quantity ${q} is not a whole number ≥ 0`)
    if (q === 0) return
    const order = inst.orders[c.o]!
    const ws = inst.workshops[c.w]!
    if (q < order.minBatch) errs.push(`candidate ${k}: ${q} below min batch ${order.minBatch}`)
    if (q > order.maxBatch) errs.push(`candidate ${k}: ${q} above max batch ${order.maxBatch}`)
    if (q > (ws.free[c.o] ?? 0)) errs.push(`candidate ${k}: ${q} above free capacity ${ws.free[c.o]}`)
    if (!hasSkills(order.skills, ws.skills)) errs.push(`candidate ${k}: workshop lacks skills`)
    if (haversineKm(order.lng, order.lat, ws.lng, ws.lat) > inst.options.maxDistanceKm + 1e-9) errs.push(`candidate ${k}: too far`)
    perOrder[c.o]! += q
    perOrderUsed[c.o]!++
    perWorkshopUnion.set(c.w, (perWorkshopUnion.get(c.w) ?? 0) + q)
  })
  perOrder.forEach((sum, o) => {
    if (sum > inst.orders[o]!.quantity) errs.push(`order ${o}: ${sum} above quantity ${inst.orders[o]!.quantity}`)
    const mw = inst.options.maxWorkshops
    if (mw !== undefined && perOrderUsed[o]! > mw) errs.push(`order ${o}: ${perOrderUsed[o]} workshops above ${mw}`)
  })
  for (const [w, sum] of perWorkshopUnion)
    if (sum > inst.workshops[w]!.freeUnion) errs.push(`workshop ${w}: ${sum} above shared free capacity ${inst.workshops[w]!.freeUnion}`)
  return errs
}
