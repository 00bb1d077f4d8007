/** An order's row lock, its live reservations and the open ⇄ allocated status that follows them, with the history. */
import { eq, sql, type SQL } from 'drizzle-orm'
import { liveAllocation } from '../../auth/access/orders.ts'
import type { Caller } from '../../auth/caller.ts'
import type { DbOrTx } from '../../db/client.ts'
import { queryRows } from '../../db/client.ts'
import { orderStatusHistory, orders } from '../../db/schema/index.ts'

export async function addHistory(tx: DbOrTx, caller: Caller, orderId: string, from: string | null, to: string, note?: string | null) {
  const user = caller.user
  await tx.insert(orderStatusHistory).values({ orderId, fromStatus: from, toStatus: to, note: note ?? null, byUserId: user?.id ?? null, byUsername: user?.username ?? null })
}

export interface LockedOrder {
  id: string
  status: string
  quantity: number
  minBatch: number
  maxBatch: number
  skills: string[]
  regionCode: string
  enterpriseId: string
  workshopRateCentifen: number
  paymentTermDays: number
  pickupLng: number
  pickupLat: number
}

/** Locks the order row (SELECT … FOR UPDATE) so concurrent claims and acceptances serialise on it. */
export async function lockOrder(tx: DbOrTx, id: string, filter: SQL): Promise<LockedOrder | null> {
  const rows = await queryRows<LockedOrder>(
    tx,
    sql`select id, status, quantity, min_batch as "minBatch", max_batch as "maxBatch", skills, region_code as "regionCode",
          enterprise_id as "enterpriseId", workshop_rate_centifen as "workshopRateCentifen", payment_term_days as "paymentTermDays",
          pickup_lng as "pickupLng", pickup_lat as "pickupLat"
        from orders where id = ${id} and ${filter} for update`,
  )
  return rows[0] ?? null
}

/** Pieces of an order offered or accepted, optionally to one workshop. */
export async function reservedQty(tx: DbOrTx, orderId: string, workshopId?: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(sum(quantity), 0)::int as n from allocations
        where order_id = ${orderId} ${workshopId ? sql`and workshop_id = ${workshopId}` : sql``} and ${liveAllocation(sql`status`)}`,
  )
  return Number(r?.n ?? 0)
}

/** open ⇄ allocated follows whether offered + accepted pieces cover the quantity. */
export async function syncAllocationStatus(tx: DbOrTx, caller: Caller, order: { id: string; status: string; quantity: number }) {
  if (order.status !== 'open' && order.status !== 'allocated') return order.status
  const reserved = await reservedQty(tx, order.id)
  const next = reserved >= order.quantity ? 'allocated' : 'open'
  if (next !== order.status) {
    await tx.update(orders).set({ status: next, updatedAt: caller.clock.now() }).where(eq(orders.id, order.id))
    await addHistory(tx, caller, order.id, order.status, next, next === 'allocated' ? '已全部分配 / fully allocated' : '有派单被拒或取消 / allocation released')
  }
  return next
}
