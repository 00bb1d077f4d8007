/** Deterministic synthetic instances for the benchmark and the property tests (seeded, no I/O). */
import { Random } from '../../demo/random.ts'
import { DEFAULT_WEIGHTS, type Instance, type MatchOrder, type MatchWorkshop, type MatchOptions } from './instance.ts'

export const SKILLS = ['sorting', 'packing', 'sewing', 'assembly', 'weaving', 'embroidery'] as const

export interface SyntheticSpec {
  seed: number
  orders: number
  workshops: number
  /** Bounding box [lngMin, latMin, lngMax, latMax] the workshops and pick-up points are spread over. */
  box: [number, number, number, number]
  quantity: [number, number]
  minBatch: number
  maxBatch: number
  workingDays: number
  dailyCapacity: [number, number]
  options?: Partial<MatchOptions>
}

export function syntheticInstance(spec: SyntheticSpec): Instance {
  const rnd = new Random(spec.seed)
  const [x0, y0, x1, y1] = spec.box
  const orders: MatchOrder[] = Array.from({ length: spec.orders }, (_, i) => ({
    id: `o${i}`,
    quantity: rnd.int(spec.quantity[0], spec.quantity[1]),
    minBatch: spec.minBatch,
    maxBatch: spec.maxBatch,
    lng: x0 + (x1 - x0) * (0.2 + 0.6 * rnd.next()),
    lat: y0 + (y1 - y0) * (0.2 + 0.6 * rnd.next()),
    skills: rnd.chance(0.5) ? [rnd.pick(SKILLS.slice(0, 3))] : [],
  }))
  const workshops: MatchWorkshop[] = Array.from({ length: spec.workshops }, (_, j) => {
    const daily = rnd.int(spec.dailyCapacity[0], spec.dailyCapacity[1])
    const skills = SKILLS.filter(() => rnd.chance(0.6))
    const busy = rnd.chance(0.3) ? rnd.int(0, Math.floor(daily * spec.workingDays * 0.8)) : 0
    const free = daily * spec.workingDays - busy
    return {
      id: `w${j}`,
      lng: x0 + (x1 - x0) * rnd.next(),
      lat: y0 + (y1 - y0) * rnd.next(),
      skills,
      dailyCapacity: daily,
      priorityShare: rnd.chance(0.4) ? Math.round(rnd.next() * 60) / 100 : 0,
      free: orders.map(() => free),
      freeUnion: free,
    }
  })
  return {
    orders,
    workshops,
    options: { maxDistanceKm: 80, maxCandidatesPerOrder: 400, weights: DEFAULT_WEIGHTS, ...spec.options },
  }
}
