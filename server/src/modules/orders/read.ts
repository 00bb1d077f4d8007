/** Reading orders and allocations: lists and the order detail, always through the orders access rules. */
import { and, asc, count, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { OrderListQuerySchema } from '@gongfang/shared/orders'
import type { PageQuery } from '@gongfang/shared'
import { authorize } from '../../auth/access/index.ts'
import {
  allocationRows,
  deliveryRows,
  openOrderMarket,
  orderReadFilter,
  orderWriteFilter,
  paymentRows,
} from '../../auth/access/orders.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import type { DbOrTx } from '../../db/client.ts'
import { containsPattern } from '../../db/like.ts'
import { allocations, deliveries, enterprises, orderStatusHistory, orders, payments, users, workshops } from '../../db/schema/index.ts'
import { pageWindow } from '../../http/pagination.ts'
import { notFound } from '../../http/problem.ts'
import { settlementLines } from './deliveries.ts'
import { iso } from '../../db/iso.ts'
import { ORDER, deliveryView, listAllocationsWhere, orderView, overdueOfOrderRow, selectOrders } from './views.ts'

export type OrderListQuery = z.infer<typeof OrderListQuerySchema> & PageQuery

export async function listOrders(db: DbOrTx, caller: Caller, q: OrderListQuery) {
  authorize(caller, 'orders.list')
  const today = callerToday(caller)
  const market = await openOrderMarket(db, caller.scope)
  const conds: SQL[] = []
  if (q.claimable) conds.push(market.size ? inArray(orders.id, [...market.keys()]) : sql`false`)
  else conds.push(orderReadFilter(caller.scope, [...market.keys()]))
  if (q.status) conds.push(eq(orders.status, q.status))
  if (q.q) conds.push(or(like(orders.product, containsPattern(q.q)), like(enterprises.name, containsPattern(q.q)))!)
  if (q.arrears) conds.push(sql`${overdueOfOrderRow(today)} > 0`)
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    selectOrders(db, today, where).orderBy(desc(orders.createdAt), asc(orders.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(orders).innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId)).where(where),
  ])
  return { items: rows.map((r) => orderView(r, market.get(r.id) ?? null)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

async function canWrite(db: DbOrTx, caller: Caller, id: string): Promise<boolean> {
  const [row] = await db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, id), orderWriteFilter(caller.scope)))
  return !!row
}

export async function getOrder(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'orders.read')
  const scope = caller.scope
  const market = await openOrderMarket(db, scope)
  const [row] = await selectOrders(db, callerToday(caller), and(eq(orders.id, id), orderReadFilter(scope, [...market.keys()])))
  if (!row) throw notFound(ORDER)
  const writer = await canWrite(db, caller, id)
  const [allocs, dels, pays, history, settlement] = await Promise.all([
    listAllocationsWhere(db, and(eq(allocations.orderId, id), writer ? undefined : allocationRows(scope))),
    db
      .select({ d: deliveries, workshopName: workshops.name })
      .from(deliveries)
      .innerJoin(workshops, eq(workshops.id, deliveries.workshopId))
      .where(and(eq(deliveries.orderId, id), writer ? undefined : deliveryRows(scope)))
      .orderBy(asc(deliveries.deliveredOn), asc(deliveries.createdAt)),
    db
      .select({ p: payments, workshopName: workshops.name })
      .from(payments)
      .innerJoin(workshops, eq(workshops.id, payments.workshopId))
      .where(and(eq(payments.orderId, id), writer ? undefined : paymentRows(scope)))
      .orderBy(asc(payments.paidOn)),
    db
      .select({ h: orderStatusHistory, byName: users.displayName })
      .from(orderStatusHistory)
      .leftJoin(users, eq(users.id, orderStatusHistory.byUserId))
      .where(eq(orderStatusHistory.orderId, id))
      .orderBy(asc(orderStatusHistory.id)),
    settlementLines(db, caller, { orderId: id }),
  ])
  return {
    ...orderView(row, market.get(id) ?? null),
    allocations: allocs,
    deliveries: dels.map(({ d, workshopName }) => deliveryView(d, workshopName)),
    payments: pays.map(({ p, workshopName }) => ({
      id: p.id,
      orderId: p.orderId,
      workshopId: p.workshopId,
      workshopName,
      amountFen: p.amountFen,
      paidOn: p.paidOn,
      reference: p.reference,
      note: p.note,
    })),
    settlement,
    history: history.map(({ h, byName }) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note, byUsername: h.byUsername, byName: byName ?? h.byUsername, at: iso(h.at)! })),
  }
}

/** Allocations the scope may see: its workshops' (operators, collectives, workers, staff by the workshop's region) or its orders'. */
export async function listAllocations(db: DbOrTx, caller: Caller, q: { status?: string; orderId?: string }) {
  authorize(caller, 'allocations.list')
  const conds: SQL[] = [
    or(allocationRows(caller.scope), inArray(allocations.orderId, db.select({ id: orders.id }).from(orders).where(orderWriteFilter(caller.scope))))!,
  ]
  if (q.status) conds.push(eq(allocations.status, q.status))
  if (q.orderId) conds.push(eq(allocations.orderId, q.orderId))
  return { items: await listAllocationsWhere(db, and(...conds)) }
}
