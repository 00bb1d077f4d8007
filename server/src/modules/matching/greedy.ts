import type { Candidate, Instance } from './instance.ts'

/**
 * The baseline a broker would use: for each order in turn, fill the nearest workshops first, each up
 * to its maximum batch and remaining free capacity, skipping any that could not take the minimum batch.
 * Same candidates and constraints as the model, so the two objectives compare like for like.
 */
export function greedySplit(inst: Instance, cands: Candidate[]): number[] {
  const qty = cands.map(() => 0)
  const unionLeft = inst.workshops.map((w) => w.freeUnion)
  const byOrder = new Map<number, number[]>()
  cands.forEach((c, k) => {
    const list = byOrder.get(c.o) ?? []
    list.push(k)
    byOrder.set(c.o, list)
  })
  inst.orders.forEach((order, o) => {
    const ks = (byOrder.get(o) ?? []).sort((a, b) => cands[a]!.distanceKm - cands[b]!.distanceKm || a - b)
    let left = order.quantity
    let used = 0
    for (const k of ks) {
      if (left <= 0) break
      if (inst.options.maxWorkshops !== undefined && used >= inst.options.maxWorkshops) break
      const c = cands[k]!
      const take = Math.min(left, c.ub, unionLeft[c.w]!)
      if (take < order.minBatch) continue
      qty[k] = take
      unionLeft[c.w]! -= take
      left -= take
      used++
    }
  })
  return qty
}
