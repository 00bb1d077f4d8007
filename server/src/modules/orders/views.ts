/** How orders, allocations and deliveries are read and shaped for the API (shared by the orders and matching services). */
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { OrderStatus } from '@gongfang/shared/orders'
import type { DbOrTx } from '../../db/client.ts'
import { iso } from '../../db/iso.ts'
import { allocations, deliveries, enterprises, orders, workshops } from '../../db/schema/index.ts'
import { reservedOfOrderRow } from '../../auth/access/orders.ts'

export const ORDER = { zh: '订单', en: 'Order' }

/**
 * Arrears of the current `orders` row on China day `today`: per workshop, owed on deliveries due before
 * today, less all paid to that workshop; never negative.
 */
export const overdueOfOrderRow = (today: string): SQL<number> =>
  sql<number>`(select coalesce(sum(greatest(0, x.due - coalesce((select sum(p.amount_fen) from payments p where p.order_id = "orders"."id" and p.workshop_id = x.workshop_id), 0))), 0)::bigint
    from (select d.workshop_id, sum(d.amount_fen) as due from deliveries d where d.order_id = "orders"."id" and d.due_on < ${today}::date group by d.workshop_id) x)`

const orderColumns = (today: string) => ({
  id: orders.id,
  enterpriseId: orders.enterpriseId,
  enterpriseName: enterprises.name,
  regionCode: orders.regionCode,
  product: orders.product,
  description: orders.description,
  photos: orders.photos,
  quantity: orders.quantity,
  unit: orders.unit,
  workshopRateCentifen: orders.workshopRateCentifen,
  workerRateCentifen: orders.workerRateCentifen,
  startOn: orders.startOn,
  dueOn: orders.dueOn,
  skills: orders.skills,
  pickupAddress: orders.pickupAddress,
  pickupLng: orders.pickupLng,
  pickupLat: orders.pickupLat,
  logistics: orders.logistics,
  minBatch: orders.minBatch,
  maxBatch: orders.maxBatch,
  qualityStandard: orders.qualityStandard,
  paymentTermDays: orders.paymentTermDays,
  status: orders.status,
  createdAt: orders.createdAt,
  allocatedQty: reservedOfOrderRow(),
  acceptedAllocQty: sql<number>`(select coalesce(sum(a.quantity), 0)::int from allocations a where a.order_id = "orders"."id" and a.status = 'accepted')`,
  deliveredQty: sql<number>`(select coalesce(sum(d.quantity), 0)::int from deliveries d where d.order_id = "orders"."id")`,
  acceptedQty: sql<number>`(select coalesce(sum(d.accepted_qty), 0)::int from deliveries d where d.order_id = "orders"."id")`,
  owedFen: sql<number>`(select coalesce(sum(d.amount_fen), 0)::bigint from deliveries d where d.order_id = "orders"."id")`,
  paidFen: sql<number>`(select coalesce(sum(p.amount_fen), 0)::bigint from payments p where p.order_id = "orders"."id")`,
  overdueFen: overdueOfOrderRow(today),
})

export type OrderRow = Awaited<ReturnType<typeof selectOrders>>[number]

/** Orders with their enterprise and running totals, arrears as of the China day `today`. */
export function selectOrders(db: DbOrTx, today: string, where: SQL | undefined) {
  return db.select(orderColumns(today)).from(orders).innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId)).where(where)
}

export function orderView(r: OrderRow, distanceKm: number | null = null) {
  return {
    ...r,
    status: r.status as OrderStatus,
    allocatedQty: Number(r.allocatedQty),
    acceptedAllocQty: Number(r.acceptedAllocQty),
    deliveredQty: Number(r.deliveredQty),
    acceptedQty: Number(r.acceptedQty),
    owedFen: Number(r.owedFen),
    paidFen: Number(r.paidFen),
    overdueFen: Number(r.overdueFen),
    distanceKm,
    createdAt: iso(r.createdAt)!,
  }
}

export function deliveryView(d: typeof deliveries.$inferSelect, workshopName: string) {
  return {
    id: d.id,
    orderId: d.orderId,
    allocationId: d.allocationId,
    workshopId: d.workshopId,
    workshopName,
    deliveredOn: d.deliveredOn,
    quantity: d.quantity,
    acceptedQty: d.acceptedQty,
    rejectedQty: d.rejectedQty,
    rejectReasons: d.rejectReasons,
    acceptedOn: d.acceptedOn,
    amountFen: d.amountFen,
    dueOn: d.dueOn,
    note: d.note,
  }
}

/** Allocations with their order's product, workshop name and what was delivered against them. */
export async function listAllocationsWhere(db: DbOrTx, where: SQL | undefined) {
  const rows = await db
    .select({
      a: allocations,
      product: orders.product,
      workshopName: workshops.name,
      deliveredQty: sql<number>`(select coalesce(sum(d.quantity), 0)::int from deliveries d where d.order_id = ${allocations.orderId} and d.workshop_id = ${allocations.workshopId})`,
      acceptedQty: sql<number>`(select coalesce(sum(d.accepted_qty), 0)::int from deliveries d where d.order_id = ${allocations.orderId} and d.workshop_id = ${allocations.workshopId})`,
    })
    .from(allocations)
    .innerJoin(orders, eq(orders.id, allocations.orderId))
    .innerJoin(workshops, eq(workshops.id, allocations.workshopId))
    .where(where)
    .orderBy(desc(allocations.offeredAt), asc(allocations.id))
  return rows.map(({ a, product, workshopName, deliveredQty, acceptedQty }) => ({
    id: a.id,
    orderId: a.orderId,
    product,
    workshopId: a.workshopId,
    workshopName,
    regionCode: a.regionCode,
    quantity: a.quantity,
    source: a.source as 'plan' | 'claim',
    planId: a.planId,
    status: a.status as 'offered' | 'accepted' | 'declined' | 'cancelled',
    distanceKm: a.distanceKm === null ? null : Math.round(a.distanceKm * 10) / 10,
    deliveredQty: Number(deliveredQty),
    acceptedQty: Number(acceptedQty),
    offeredAt: iso(a.offeredAt)!,
    respondedAt: iso(a.respondedAt),
    note: a.note,
  }))
}

