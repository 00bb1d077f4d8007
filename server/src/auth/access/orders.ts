/**
 * Who may do what with orders, allocations, deliveries, payments, plans and disputes, and which rows they see:
 * an enterprise its own orders; staff the orders of their region and those allocated to workshops in it;
 * operators (and collectives, workers) the orders allocated to their workshops, and operators also the
 * open-order market: open orders they could take (skills match, pick-up within OPEN_ORDER_RADIUS_KM of one
 * of their workshops). Disputes: the parties, the opener, the mediator and the area's staff.
 */
import { and, eq, gt, inArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { LIVE_ALLOCATION_STATUSES } from '@gongfang/shared/orders'
import type { DbOrTx } from '../../db/client.ts'
import { allocations, deliveries, disputes, orders, payments, plans, workshops } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { haversineKm } from '../../modules/matching/geo.ts'
import { hasSkills } from '../../modules/matching/instance.ts'
import type { Caller } from '../caller.ts'
import { regionInScope, scopeFilter, type Scope } from '../scope.ts'
import type { AuthUser } from '../user.ts'
import { ANY_USER, STAFF, type PermissionTable } from './rules.ts'

/** Who posts and runs orders: the owning enterprise, staff on its behalf, admin. */
const ORDER_OWNERS = ['enterprise', 'staff', 'admin'] as const
/** Who answers for a workshop: its operator (admin as a fallback). */
const WORKSHOP_SIDE = ['operator', 'admin'] as const

/** Who may do what in the orders modules (role × action); the scope filters below decide which rows. */
export const ordersPermissions = {
  'orders.list': ANY_USER,
  'orders.read': ANY_USER,
  'orders.create': ORDER_OWNERS,
  'orders.transition': ORDER_OWNERS,
  'orders.claim': ['operator'],
  'allocations.list': ANY_USER,
  'allocations.decide': WORKSHOP_SIDE,
  'deliveries.record': WORKSHOP_SIDE,
  'deliveries.accept': ORDER_OWNERS,
  'payments.record': ORDER_OWNERS,
  'arrears.list': ANY_USER,
  'plans.create': ORDER_OWNERS,
  'plans.read': ANY_USER,
  'plans.accept': ORDER_OWNERS,
  'disputes.list': ANY_USER,
  'disputes.read': ANY_USER,
  'disputes.create': ANY_USER,
  'disputes.note': ANY_USER,
  'disputes.status': ANY_USER,
  'disputes.mediate': STAFF,
} as const satisfies PermissionTable

// ---------- the open-order market ----------

/** How far (km, pick-up to workshop) an operator's open-order market reaches. */
export const OPEN_ORDER_RADIUS_KM = 100
/** Statuses in which an order still takes claims (when pieces remain). */
export const CLAIMABLE_STATUSES = ['open', 'in_production'] as const

/** `status in ('offered', 'accepted')`: allocations that count against the order's quantity. */
export const liveAllocation = (status: AnyColumn | SQL): SQL =>
  sql`${status} in (${sql.join(LIVE_ALLOCATION_STATUSES.map((s) => sql`${s}`), sql`, `)})`

/** Pieces of the current `orders` row already offered or accepted (correlated subquery). */
export const reservedOfOrderRow = (): SQL<number> =>
  sql<number>`(select coalesce(sum(a.quantity), 0)::int from allocations a where a.order_id = "orders"."id" and ${liveAllocation(sql`a.status`)})`

export interface OperatorWorkshop {
  id: string
  name: string
  regionCode: string
  lng: number | null
  lat: number | null
  skills: string[]
  dailyCapacity: number
}

/** The workshops the caller operates (none for any other kind of caller). */
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

/** Distance (km) from a workshop to an order's pick-up when the workshop may claim it, else null. */
export function marketDistanceKm(
  order: { skills: string[]; pickupLng: number; pickupLat: number },
  ws: Pick<OperatorWorkshop, 'skills' | 'lng' | 'lat'>,
): number | null {
  if (ws.lng === null || ws.lat === null || !hasSkills(order.skills, ws.skills)) return null
  const km = haversineKm(order.pickupLng, order.pickupLat, ws.lng, ws.lat)
  return km <= OPEN_ORDER_RADIUS_KM ? km : null
}

/**
 * The operator's open-order market: claimable orders with pieces left that one of their workshops could
 * take (skills, within OPEN_ORDER_RADIUS_KM), with the nearest distance rounded to 0.1 km. Empty for others.
 */
export async function openOrderMarket(db: DbOrTx, scope: Scope): Promise<Map<string, number>> {
  const mine = await operatorWorkshops(db, scope)
  const out = new Map<string, number>()
  if (!mine.some((w) => w.lng !== null && w.lat !== null)) return out
  const rows = await db
    .select({ id: orders.id, pickupLng: orders.pickupLng, pickupLat: orders.pickupLat, skills: orders.skills })
    .from(orders)
    .where(and(inArray(orders.status, [...CLAIMABLE_STATUSES]), gt(orders.quantity, reservedOfOrderRow())))
  for (const o of rows) {
    const kms = mine.map((w) => marketDistanceKm(o, w)).filter((km): km is number => km !== null)
    if (kms.length) out.set(o.id, Math.round(Math.min(...kms) * 10) / 10)
  }
  return out
}

// ---------- orders ----------

/** The scope columns of each table of the domain, declared once. */
export const orderRows = (scope: Scope) => scopeFilter(scope, { regionCode: orders.regionCode, enterpriseId: orders.enterpriseId })
export const allocationRows = (scope: Scope) => scopeFilter(scope, { workshopId: allocations.workshopId, regionCode: allocations.regionCode })
export const deliveryRows = (scope: Scope) => scopeFilter(scope, { workshopId: deliveries.workshopId, regionCode: deliveries.regionCode })
export const paymentRows = (scope: Scope) => scopeFilter(scope, { workshopId: payments.workshopId, regionCode: payments.regionCode })
/** Allocations to the caller's own workshops only (operators answer offers and deliver for these). */
export const ownWorkshopAllocations = (scope: Scope) => scopeFilter(scope, { workshopId: allocations.workshopId })

/** Orders the scope may read (owner/region, or through an allocation to its workshops, or in the operator's market). */
export function orderReadFilter(scope: Scope, marketIds: readonly string[] = []): SQL {
  const viaAllocation = inArray(orders.id, sql`(select ${allocations.orderId} from ${allocations} where ${allocationRows(scope)})`)
  const parts: SQL[] = [orderRows(scope), viaAllocation]
  if (marketIds.length) parts.push(inArray(orders.id, [...marketIds]))
  return or(...parts)!
}

/** Orders the scope may change (post, plan, accept deliveries, pay): the owning enterprise, staff of the order's region, admin. */
export function orderWriteFilter(scope: Scope): SQL {
  if (scope.kind !== 'enterprise' && scope.kind !== 'region' && scope.kind !== 'all') return sql`false`
  return orderRows(scope)
}

/** Matching plans the scope sees: only whoever may change every order in the plan (a plan spans enterprises' orders). */
export function planRows(scope: Scope): SQL {
  return sql`(select count(*) from ${orders} where ${orders.id} = any(${plans.orderIds}) and ${orderWriteFilter(scope)}) = cardinality(${plans.orderIds})`
}

/** Settlement lines (raw SQL with aliases o = orders, w = workshops): the order's side or the workshop's side. */
export const settlementRows = (scope: Scope, o: { regionCode: SQL; enterpriseId: SQL }, w: { id: SQL; regionCode: SQL }): SQL =>
  or(scopeFilter(scope, o), scopeFilter(scope, { workshopId: w.id, regionCode: w.regionCode }))!

const ENTERPRISE = { zh: '企业', en: 'Enterprise' }

/** Whose order is being posted: an enterprise posts its own (naming another is "not found"); staff and admin name one. */
export function postingEnterpriseId(user: AuthUser, requested: string | undefined): string | null {
  if (user.role !== 'enterprise') return requested ?? null
  if (requested && requested !== user.enterpriseId) throw notFound(ENTERPRISE)
  return user.enterpriseId
}

/**
 * Where a new order may be: staff only inside their region (else the enterprise is "not found" to them);
 * an enterprise only inside its own county. Returns the order's region (default: the enterprise's).
 */
export function postingRegion(caller: Caller, user: AuthUser, enterpriseRegion: string, requested: string | undefined): string {
  const regionCode = requested ?? enterpriseRegion
  if (user.role === 'staff' && !regionInScope(caller.scope, regionCode)) throw notFound(ENTERPRISE)
  if (user.role === 'enterprise' && requested && !requested.startsWith(enterpriseRegion.slice(0, 6)))
    throw new ProblemError(422, 'region-outside-county', { zh: '订单地区须在企业所在县内', en: "The order's region must be in the enterprise's county" })
  return regionCode
}

// ---------- disputes ----------

/** Disputes the caller sees: the parties' scopes, the opener and the mediator. */
export function disputeRows(caller: Caller, user: AuthUser): SQL {
  return or(
    scopeFilter(caller.scope, { regionCode: disputes.regionCode, workshopId: disputes.workshopId, enterpriseId: disputes.enterpriseId, workerId: disputes.workerId }),
    eq(disputes.openedBy, user.id),
    eq(disputes.mediatorUserId, user.id),
  )!
}

/**
 * The worker and the workshops a wage dispute may be opened between: a worker speaks for themself with any
 * workshop they belong to; others name the worker and must see the workshop.
 */
export function wageDisputeParties(user: AuthUser, scope: Scope, requestedWorkerId: string | undefined): { workerId: string | null; workshops: SQL } {
  if (user.role === 'worker') return { workerId: user.workerId, workshops: sql`true` }
  return { workerId: requestedWorkerId ?? null, workshops: scopeFilter(scope, { workshopId: workshops.id, regionCode: workshops.regionCode }) }
}

/** Staff whose region covers the dispute's area (admin everywhere). */
export const staffOfArea = (scope: Scope, regionCode: string): boolean => regionInScope(scope, regionCode)

/** A mediator must be a staff member whose region contains the dispute's area. */
export const mayMediate = (m: { role: string; regionCode: string | null }, disputeRegion: string): boolean =>
  m.role === 'staff' && !!m.regionCode && disputeRegion.startsWith(m.regionCode)
