/** Deliveries against allocations, the enterprise's check of them, payments to workshops, and arrears. */
import { and, eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { addDays } from '@gongfang/shared/clock'
import { fenToYuanString } from '@gongfang/shared/money'
import type { DeliveryAcceptanceSchema, DeliveryCreateSchema, PaymentCreateSchema } from '@gongfang/shared/orders'
import { audit } from '../../audit/audit.ts'
import { authorize } from '../../auth/access/index.ts'
import { orderWriteFilter, ownWorkshopAllocations, settlementRows } from '../../auth/access/orders.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import type { DbOrTx } from '../../db/client.ts'
import { queryRows } from '../../db/client.ts'
import { allocations, deliveries, orders, payments, workshops } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { addHistory, lockOrder } from './state.ts'
import { ORDER, deliveryView } from './views.ts'

const DELIVERY = { zh: '交货', en: 'Delivery' }

/** accepted pieces × rate in centifen → fen, rounded half-up once (BigInt: no float ever touches money). */
export function amountFen(pieces: number, rateCentifen: number): number {
  return Number((BigInt(pieces) * BigInt(rateCentifen) + 50n) / 100n)
}

export async function recordDelivery(db: DbOrTx, caller: Caller, orderId: string, input: z.infer<typeof DeliveryCreateSchema>) {
  const user = authorize(caller, 'deliveries.record')
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, sql`true`)
    if (!order) throw notFound(ORDER)
    const mineAllocs = await tx
      .select()
      .from(allocations)
      .where(and(eq(allocations.orderId, orderId), eq(allocations.status, 'accepted'), ownWorkshopAllocations(caller.scope)))
    const workshopIds = [...new Set(mineAllocs.map((a) => a.workshopId))]
    const workshopId = input.workshopId ?? (workshopIds.length === 1 ? workshopIds[0] : undefined)
    const allocs = mineAllocs.filter((a) => a.workshopId === workshopId)
    if (!workshopId || allocs.length === 0) throw notFound(ORDER)
    if (!['allocated', 'open', 'in_production'].includes(order.status))
      throw new ProblemError(409, 'invalid-transition', { zh: '订单状态不允许交货', en: 'The order’s status does not allow deliveries' })
    const [done] = await queryRows<{ net: number }>(
      tx,
      sql`select coalesce(sum(quantity - coalesce(rejected_qty, 0)), 0)::int as net from deliveries where order_id = ${orderId} and workshop_id = ${workshopId}`,
    )
    const allocated = allocs.reduce((s, a) => s + a.quantity, 0)
    if (Number(done?.net ?? 0) + input.quantity > allocated)
      throw new ProblemError(422, 'delivery-above-allocation', { zh: '交货数量超过派单数量', en: 'More delivered than allocated' }, {
        zh: `派单 ${allocated}，已交（扣除退回）${done?.net ?? 0}`,
        en: `allocated ${allocated}, delivered net of rejections ${done?.net ?? 0}`,
      })
    const [ws] = await tx.select({ regionCode: workshops.regionCode, name: workshops.name }).from(workshops).where(eq(workshops.id, workshopId))
    const [row] = await tx
      .insert(deliveries)
      .values({
        workshopId,
        regionCode: ws!.regionCode,
        deliveredOn: input.deliveredOn,
        quantity: input.quantity,
        orderId,
        allocationId: allocs[0]!.id,
        note: input.note ?? null,
        recordedBy: user.id,
      })
      .returning()
    if (order.status === 'open' || order.status === 'allocated') {
      await tx.update(orders).set({ status: 'in_production', updatedAt: caller.clock.now() }).where(eq(orders.id, orderId))
      await addHistory(tx, caller, orderId, order.status, 'in_production', '首批交货 / first delivery')
    }
    await audit(tx, caller, { action: 'delivery.record', targetType: 'delivery', targetId: row!.id, regionCode: ws!.regionCode, detail: { orderId, quantity: input.quantity } })
    return deliveryView(row!, ws!.name)
  })
}

export async function acceptDelivery(db: DbOrTx, caller: Caller, deliveryId: string, input: z.infer<typeof DeliveryAcceptanceSchema>) {
  authorize(caller, 'deliveries.accept')
  return db.transaction(async (tx) => {
    const [d0] = await tx.select().from(deliveries).where(eq(deliveries.id, deliveryId))
    if (!d0?.orderId) throw notFound(DELIVERY)
    const order = await lockOrder(tx, d0.orderId, orderWriteFilter(caller.scope))
    if (!order) throw notFound(DELIVERY)
    const [d] = await tx.select().from(deliveries).where(eq(deliveries.id, deliveryId))
    if (d!.acceptedQty !== null) throw new ProblemError(409, 'delivery-already-checked', { zh: '该批次已验收', en: 'This delivery has already been checked' })
    if (input.acceptedQty + input.rejectedQty !== d!.quantity)
      throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [
        { path: 'acceptedQty', message: { zh: `合格数与退回数之和须等于交货数 ${d!.quantity}`, en: `accepted + rejected must equal the ${d!.quantity} delivered` } },
      ])
    if (input.acceptedOn < d!.deliveredOn)
      throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [
        { path: 'acceptedOn', message: { zh: '验收日期不能早于交货日期', en: 'cannot be before the delivery date' } },
      ])
    const amount = amountFen(input.acceptedQty, order.workshopRateCentifen)
    const [after] = await tx
      .update(deliveries)
      .set({
        acceptedQty: input.acceptedQty,
        rejectedQty: input.rejectedQty,
        rejectReasons: input.rejectReasons ?? null,
        acceptedOn: input.acceptedOn,
        amountFen: amount,
        dueOn: addDays(input.acceptedOn, order.paymentTermDays),
      })
      .where(eq(deliveries.id, deliveryId))
      .returning()
    const [acc] = await queryRows<{ n: number }>(tx, sql`select coalesce(sum(accepted_qty), 0)::int as n from deliveries where order_id = ${order.id}`)
    if (Number(acc?.n ?? 0) >= order.quantity && order.status === 'in_production') {
      await tx.update(orders).set({ status: 'delivered', updatedAt: caller.clock.now() }).where(eq(orders.id, order.id))
      await addHistory(tx, caller, order.id, order.status, 'delivered', '全部验收合格 / all pieces accepted')
    }
    await audit(tx, caller, { action: 'delivery.accept', targetType: 'delivery', targetId: deliveryId, regionCode: d!.regionCode, detail: { ...input, amountFen: amount } })
    const [w] = await tx.select({ name: workshops.name }).from(workshops).where(eq(workshops.id, d!.workshopId))
    return deliveryView(after!, w!.name)
  })
}

export async function recordPayment(db: DbOrTx, caller: Caller, orderId: string, input: z.infer<typeof PaymentCreateSchema>) {
  const user = authorize(caller, 'payments.record')
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, orderWriteFilter(caller.scope))
    if (!order) throw notFound(ORDER)
    const [sums] = await queryRows<{ owed: number; paid: number }>(
      tx,
      sql`select (select coalesce(sum(amount_fen), 0)::bigint from deliveries where order_id = ${orderId} and workshop_id = ${input.workshopId}) as owed,
                 (select coalesce(sum(amount_fen), 0)::bigint from payments where order_id = ${orderId} and workshop_id = ${input.workshopId}) as paid`,
    )
    const open = Number(sums!.owed) - Number(sums!.paid)
    if (input.amountFen > open)
      throw new ProblemError(422, 'overpayment', { zh: '付款超过应付金额', en: 'More than is owed' }, {
        zh: `当前应付 ${fenToYuanString(open)} 元`,
        en: `¥${fenToYuanString(open)} is owed`,
      })
    const [ws] = await tx.select({ regionCode: workshops.regionCode, name: workshops.name }).from(workshops).where(eq(workshops.id, input.workshopId))
    const [row] = await tx
      .insert(payments)
      .values({ orderId, workshopId: input.workshopId, regionCode: ws!.regionCode, amountFen: input.amountFen, paidOn: input.paidOn, reference: input.reference ?? null, note: input.note ?? null, recordedBy: user.id })
      .returning()
    if (order.status === 'delivered') {
      const [left] = await queryRows<{ n: number }>(
        tx,
        sql`select ((select coalesce(sum(amount_fen), 0) from deliveries where order_id = ${orderId}) - (select coalesce(sum(amount_fen), 0) from payments where order_id = ${orderId}))::bigint as n`,
      )
      if (Number(left?.n) <= 0) {
        await tx.update(orders).set({ status: 'settled', updatedAt: caller.clock.now() }).where(eq(orders.id, orderId))
        await addHistory(tx, caller, orderId, 'delivered', 'settled', '货款已付清 / paid in full')
      }
    }
    await audit(tx, caller, { action: 'payment.record', targetType: 'order', targetId: orderId, regionCode: ws!.regionCode, detail: { workshopId: input.workshopId, amountFen: input.amountFen } })
    return { id: row!.id, orderId, workshopId: row!.workshopId, workshopName: ws!.name, amountFen: row!.amountFen, paidOn: row!.paidOn, reference: row!.reference, note: row!.note }
  })
}

export interface SettlementQuery {
  orderId?: string
  overdueOnly?: boolean
  workshopId?: string
}

/** Settlement per (order, workshop): owed on accepted deliveries, paid, and arrears past the term as of the caller's China day. */
export async function settlementLines(db: DbOrTx, caller: Caller, opts: SettlementQuery = {}) {
  const today = callerToday(caller)
  const visible = settlementRows(caller.scope, { regionCode: sql`o.region_code`, enterpriseId: sql`o.enterprise_id` }, { id: sql`w.id`, regionCode: sql`w.region_code` })
  const rows = await queryRows<{
    orderId: string
    product: string
    enterpriseId: string
    enterpriseName: string
    workshopId: string
    workshopName: string
    regionCode: string
    acceptedQty: number
    owedFen: number
    paidFen: number
    dueFen: number
    oldestDueOn: string | null
  }>(
    db,
    sql`with d as (
          select order_id, workshop_id, coalesce(sum(accepted_qty), 0)::int as acc, coalesce(sum(amount_fen), 0)::bigint as owed,
                 coalesce(sum(amount_fen) filter (where due_on < ${today}::date), 0)::bigint as due,
                 to_char(min(due_on) filter (where due_on < ${today}::date), 'YYYY-MM-DD') as oldest
          from deliveries where order_id is not null and amount_fen is not null group by order_id, workshop_id),
        p as (select order_id, workshop_id, coalesce(sum(amount_fen), 0)::bigint as paid from payments group by order_id, workshop_id)
      select o.id as "orderId", o.product, o.enterprise_id as "enterpriseId", e.name as "enterpriseName",
             w.id as "workshopId", w.name as "workshopName", w.region_code as "regionCode",
             coalesce(d.acc, 0)::int as "acceptedQty", coalesce(d.owed, 0)::bigint as "owedFen", coalesce(p.paid, 0)::bigint as "paidFen",
             coalesce(d.due, 0)::bigint as "dueFen", d.oldest as "oldestDueOn"
      from d full join p on p.order_id = d.order_id and p.workshop_id = d.workshop_id
      join orders o on o.id = coalesce(d.order_id, p.order_id)
      join enterprises e on e.id = o.enterprise_id
      join workshops w on w.id = coalesce(d.workshop_id, p.workshop_id)
      where ${visible}
        ${opts.orderId ? sql`and o.id = ${opts.orderId}` : sql``}
        ${opts.workshopId ? sql`and w.id = ${opts.workshopId}` : sql``}
      order by o.created_at desc, w.name`,
  )
  const lines = rows.map((r) => {
    const overdueFen = Math.max(0, Number(r.dueFen) - Number(r.paidFen))
    return {
      orderId: r.orderId,
      product: r.product,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      workshopId: r.workshopId,
      workshopName: r.workshopName,
      regionCode: r.regionCode,
      acceptedQty: Number(r.acceptedQty),
      owedFen: Number(r.owedFen),
      paidFen: Number(r.paidFen),
      overdueFen,
      oldestDueOn: overdueFen > 0 ? r.oldestDueOn : null,
      inArrears: overdueFen > 0,
    }
  })
  return opts.overdueOnly ? lines.filter((l) => l.inArrears) : lines
}

/** The arrears view: settlement lines in scope and the total overdue. */
export async function listArrears(db: DbOrTx, caller: Caller, q: SettlementQuery) {
  authorize(caller, 'arrears.list')
  const items = await settlementLines(db, caller, { overdueOnly: q.overdueOnly, workshopId: q.workshopId, orderId: q.orderId })
  return { items, overdueFen: items.reduce((s, l) => s + l.overdueFen, 0) }
}
