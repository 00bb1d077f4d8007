/**
 * Who sees which orders — composed only of scopeFilter() calls plus the operators' open-order market:
 * an enterprise its own orders; staff the orders of their region and those allocated to workshops in it;
 * operators (and collectives, workers) the orders allocated to their workshops, and operators also the
 * open orders they could take (skills match, pick-up within OPEN_ORDER_RADIUS_KM of one of their workshops).
 */
import { and, gt, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Scope } from '../../auth/scope.ts'
import { scopeFilter } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { allocations, orders, workshops } from '../../db/schema/index.ts'
import { haversineKm } from '../matching/geo.ts'
import { hasSkills } from '../matching/instance.ts'

export const OPEN_ORDER_RADIUS_KM = 100
/** Statuses in which an order still takes claims (when pieces remain). */
export const CLAIMABLE_STATUSES = ['open', 'in_production'] as const
/** Allocations that count against the order's quantity. */
export const LIVE_ALLOCATION = ['offered', 'accepted'] as const

export interface OperatorWorkshop {
  id: string
  name: string
  regionCode: string
  lng: number | null
  lat: number | null
  skills: string[]
  dailyCapacity: number
}

export async function operatorWorkshops(db: DbOrTx, scope: Scope): Promise<OperatorWorkshop[]> {
  if (scope.kind !== 'operator' || scope.workshopIds.length === 0) return []
  return db
    .select({
      id: workshops.id,
      name: workshops.name,
      regionCode: workshops.regionCode,
      lng: workshops.lng,
      lat: workshops.lat,
      skills: workshops.skills,
      dailyCapacity: workshops.dailyCapacity,
    })
    .from(workshops)
    .where(inArray(workshops.id, scope.workshopIds))
}

/** Open orders with pieces left that one of the operator's workshops could take, with the distance. */
export async function claimableForOperator(db: DbOrTx, scope: Scope): Promise<Map<string, number>> {
  const mine = (await operatorWorkshops(db, scope)).filter((w) => w.lng !== null && w.lat !== null)
  const out = new Map<string, number>()
  if (mine.length === 0) return out
  const rows = await db
    .select({ id: orders.id, lng: orders.pickupLng, lat: orders.pickupLat, skills: orders.skills })
    .from(orders)
    .where(and(inArray(orders.status, [...CLAIMABLE_STATUSES]), gt(orders.quantity, remainingReserved())))
  for (const o of rows) {
    let best = Infinity
    for (const w of mine) {
      if (!hasSkills(o.skills, w.skills)) continue
      best = Math.min(best, haversineKm(o.lng, o.lat, w.lng!, w.lat!))
    }
    if (best <= OPEN_ORDER_RADIUS_KM) out.set(o.id, Math.round(best * 10) / 10)
  }
  return out
}

/** Pieces of the current order row already offered or accepted (correlated subquery). */
export function remainingReserved(): SQL<number> {
  return sql<number>`(select coalesce(sum(a.quantity), 0)::int from allocations a where a.order_id = "orders"."id" and a.status in ('offered', 'accepted'))`
}

/** Orders the scope may read (owner/region, or through an allocation to its workshops). */
export function orderReadFilter(scope: Scope, claimableIds: string[] = []): SQL {
  const viaAllocation = inArray(
    orders.id,
    sql`(select ${allocations.orderId} from ${allocations} where ${scopeFilter(scope, {
      workshopId: allocations.workshopId,
      regionCode: allocations.regionCode,
    })})`,
  )
  const parts: SQL[] = [scopeFilter(scope, { regionCode: orders.regionCode, enterpriseId: orders.enterpriseId }), viaAllocation]
  if (claimableIds.length) parts.push(inArray(orders.id, claimableIds))
  return or(...parts)!
}

/** Orders the scope may change (post, plan, accept deliveries, pay): the owning enterprise, staff of the order's region, admin. */
export function orderWriteFilter(scope: Scope): SQL {
  if (scope.kind !== 'enterprise' && scope.kind !== 'region' && scope.kind !== 'all') return sql`false`
  return scopeFilter(scope, { regionCode: orders.regionCode, enterpriseId: orders.enterpriseId })
}
