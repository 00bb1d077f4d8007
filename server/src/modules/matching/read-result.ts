/**
 * Turns the solver's column values (floats such as 199999.99999999994) into whole pieces that respect
 * every constraint exactly, and states the shortfall per order. Pure.
 */
import type { Candidate, Instance } from './instance.ts'
import type { LpModel } from './lp-model.ts'

export interface ReadResult {
  qty: number[]
  covered: number[]
  shortfall: number[]
}

/** Rounds, then repairs: batch bounds, shared capacity, and each order's sum (never above its quantity). */
export function readSplit(inst: Instance, cands: Candidate[], model: LpModel, values: ArrayLike<number> | Record<string, number>): ReadResult {
  const get = (name: string, idx: number): number => {
    if (Array.isArray(values) || ArrayBuffer.isView(values)) return Number((values as ArrayLike<number>)[idx] ?? 0)
    return Number((values as Record<string, number>)[name] ?? 0)
  }
  const colIndex = new Map(model.columns.map((n, i) => [n, i]))
  const raw = cands.map((_, k) => get(`x${k}`, colIndex.get(`x${k}`)!))
  return repairSplit(inst, cands, raw)
}

export function repairSplit(inst: Instance, cands: Candidate[], raw: number[]): ReadResult {
  const qty = cands.map((c, k) => {
    const x = raw[k] ?? 0
    const min = inst.orders[c.o]!.minBatch
    if (!(x > 0) || x < min / 2 || c.ub < min) return 0
    return Math.min(c.ub, Math.max(min, Math.round(x)))
  })
  // Shared capacity: trim the workshops rounding pushed over.
  const byWorkshop = new Map<number, number[]>()
  cands.forEach((c, k) => byWorkshop.set(c.w, [...(byWorkshop.get(c.w) ?? []), k]))
  const unionUsed = new Map<number, number>()
  for (const [w, ks] of byWorkshop) {
    let over = ks.reduce((a, k) => a + qty[k]!, 0) - inst.workshops[w]!.freeUnion
    for (const k of [...ks].sort((a, b) => qty[b]! - qty[a]!)) {
      if (over <= 0) break
      const min = inst.orders[cands[k]!.o]!.minBatch
      const cut = Math.min(over, qty[k]! - min)
      if (cut > 0) {
        qty[k]! -= cut
        over -= cut
      }
    }
    for (const k of [...ks].sort((a, b) => qty[a]! - qty[b]!)) {
      if (over <= 0) break
      over -= qty[k]!
      qty[k] = 0
    }
    unionUsed.set(w, ks.reduce((a, k) => a + qty[k]!, 0))
  }
  // Each order: exactly its quantity when the capacity allows, never more.
  const byOrder = inst.orders.map(() => [] as number[])
  cands.forEach((c, k) => byOrder[c.o]!.push(k))
  const covered: number[] = []
  const shortfall: number[] = []
  inst.orders.forEach((order, o) => {
    const ks = byOrder[o]!
    let sum = ks.reduce((a, k) => a + qty[k]!, 0)
    const dearFirst = [...ks].sort((a, b) => cands[b]!.unitFen - cands[a]!.unitFen)
    for (const k of dearFirst) {
      if (sum <= order.quantity) break
      const cut = Math.min(sum - order.quantity, qty[k]! - (qty[k]! > 0 ? order.minBatch : 0))
      if (cut > 0) {
        qty[k]! -= cut
        sum -= cut
        unionUsed.set(cands[k]!.w, unionUsed.get(cands[k]!.w)! - cut)
      }
    }
    for (const k of dearFirst) {
      if (sum <= order.quantity) break
      if (qty[k]! === 0) continue
      sum -= qty[k]!
      unionUsed.set(cands[k]!.w, unionUsed.get(cands[k]!.w)! - qty[k]!)
      qty[k] = 0
    }
    for (const k of [...dearFirst].reverse()) {
      if (sum >= order.quantity) break
      if (qty[k]! === 0) continue // repair never opens a new workshop (maxWorkshops stays respected)
      const c = cands[k]!
      const room = Math.min(c.ub - qty[k]!, inst.workshops[c.w]!.freeUnion - unionUsed.get(c.w)!)
      const add = Math.min(room, order.quantity - sum)
      if (add > 0) {
        qty[k]! += add
        sum += add
        unionUsed.set(c.w, unionUsed.get(c.w)! + add)
      }
    }
    covered.push(sum)
    shortfall.push(order.quantity - sum)
  })
  return { qty, covered, shortfall }
}
