/**
 * Builds the MIP in CPLEX LP text (the format the npm `highs` package reads). Pure: instance and
 * candidates in, text and the variable layout out.
 *
 * Per candidate k (order o, workshop w):  x_k pieces (continuous, integral at vertices — see below),
 * y_k = 1 if the workshop is used.
 * Per order o: s_o shortfall (pieces not covered), penalised above any real cost so that it is only
 * used when the order cannot be covered.
 *
 *   min  Σ (distance·transport + trip/truckload − priorityShare·bonus)·x + (handling + trip)·y + M·s
 *   s.t. Σ_k∈o x_k + s_o = quantity_o                 (cover the order)
 *        minBatch·y_k ≤ x_k ≤ ub_k·y_k                (batch ≥ min if used, ≤ max and free capacity)
 *        Σ_k∈w x_k ≤ freeUnion_w                      (orders share a workshop's capacity)
 *        Σ_k∈o y_k ≤ maxWorkshops                     (optional)
 * With y fixed, what remains is a transportation problem with integer data, whose vertices are
 * integral: x comes back integral up to float noise, which the reader rounds and repairs.
 */
import type { Candidate, Instance } from './instance.ts'

export interface LpModel {
  lp: string
  /** Column names in the order HiGHS numbers them (first appearance, the objective lists them all). */
  columns: string[]
  rows: number
  penaltyFen: number
}

const fmt = (n: number) => {
  if (Math.abs(n) < 1e-9) return '0'
  const s = Number(n.toPrecision(12)).toString()
  return s.includes('e') ? n.toFixed(12) : s
}

function terms(parts: { coef: number; name: string }[]): string {
  const out: string[] = []
  parts.forEach(({ coef, name }, i) => {
    const sign = coef < 0 ? '-' : '+'
    const abs = fmt(Math.abs(coef))
    const t = abs === '1' ? name : `${abs} ${name}`
    out.push(i === 0 && coef >= 0 ? t : `${sign} ${t}`)
    if (i % 8 === 7) out.push('\n  ') // keep lines short
  })
  return out.join(' ')
}

export function penaltyFen(inst: Instance, cands: Candidate[]): number {
  const w = inst.options.weights
  const maxUnit = cands.reduce((m, c) => Math.max(m, Math.abs(c.unitFen)), 0)
  // Any real way of placing one more piece costs less than this, so shortfall is a last resort.
  return Math.ceil(10 * (maxUnit + w.tripFixedFen + w.handlingFenPerWorkshop) + 1000)
}

export function buildLpModel(inst: Instance, cands: Candidate[]): LpModel {
  const w = inst.options.weights
  // Trips are costed as one fixed trip per workshop used plus the pro-rated share of further loads
  // (tripFixed·x/truckload): an upper bound of tripFixed·⌈x/truckload⌉ within one trip, and it keeps the
  // MIP to one binary per candidate — integer trip variables made 1 × 1,000 miss its time by far.
  const M = penaltyFen(inst, cands)
  const columns: string[] = []
  const obj: { coef: number; name: string }[] = []
  cands.forEach((c, k) => {
    obj.push({ coef: c.unitFen + w.tripFixedFen / w.truckloadPieces, name: `x${k}` })
    obj.push({ coef: w.handlingFenPerWorkshop + w.tripFixedFen, name: `y${k}` })
    columns.push(`x${k}`, `y${k}`)
  })
  inst.orders.forEach((_, o) => {
    obj.push({ coef: M, name: `s${o}` })
    columns.push(`s${o}`)
  })

  const rows: string[] = []
  const byOrder = inst.orders.map(() => [] as number[])
  const byWorkshop = new Map<number, number[]>()
  cands.forEach((c, k) => {
    byOrder[c.o]!.push(k)
    const list = byWorkshop.get(c.w) ?? []
    list.push(k)
    byWorkshop.set(c.w, list)
  })
  inst.orders.forEach((order, o) => {
    const xs = byOrder[o]!.map((k) => ({ coef: 1, name: `x${k}` }))
    rows.push(`cov${o}: ${terms([...xs, { coef: 1, name: `s${o}` }])} = ${order.quantity}`)
    if (inst.options.maxWorkshops !== undefined && byOrder[o]!.length > inst.options.maxWorkshops)
      rows.push(`nw${o}: ${terms(byOrder[o]!.map((k) => ({ coef: 1, name: `y${k}` })))} <= ${inst.options.maxWorkshops}`)
  })
  cands.forEach((c, k) => {
    const order = inst.orders[c.o]!
    rows.push(`lo${k}: x${k} - ${fmt(order.minBatch)} y${k} >= 0`)
    rows.push(`hi${k}: x${k} - ${fmt(c.ub)} y${k} <= 0`)
  })
  for (const [wi, ks] of byWorkshop) {
    if (ks.length < 2) continue // a single candidate's ub already includes the shared capacity
    rows.push(`cap${wi}: ${terms(ks.map((k) => ({ coef: 1, name: `x${k}` })))} <= ${inst.workshops[wi]!.freeUnion}`)
  }

  const bounds: string[] = []
  const binaries: string[] = []
  cands.forEach((c, k) => {
    bounds.push(`0 <= x${k} <= ${c.ub}`)
    binaries.push(`y${k}`)
  })
  inst.orders.forEach((order, o) => bounds.push(`0 <= s${o} <= ${order.quantity}`))

  const chunk = (names: string[]) => {
    const lines: string[] = []
    for (let i = 0; i < names.length; i += 20) lines.push(' ' + names.slice(i, i + 20).join(' '))
    return lines.join('\n')
  }
  const lp = [
    'Minimize',
    ` obj: ${terms(obj)}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    ...(binaries.length ? ['Binaries', chunk(binaries)] : []),
    'End',
    '',
  ].join('\n')
  return { lp, columns, rows: rows.length, penaltyFen: M }
}

/** Column values of a split (for a warm start), in the model's column order. */
export function startValues(inst: Instance, cands: Candidate[], model: LpModel, qty: number[]): number[] {
  const covered = inst.orders.map(() => 0)
  const values: number[] = []
  cands.forEach((c, k) => {
    const q = qty[k] ?? 0
    covered[c.o]! += q
    values.push(q, q > 0 ? 1 : 0)
  })
  inst.orders.forEach((order, o) => values.push(order.quantity - covered[o]!))
  return values
}
