/** Posting orders and moving them through their life: status changes, operators' claims, answers to offers. */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { ClaimCreateSchema, OrderCreateSchema, OrderTransitionSchema } from '@gongfang/shared/orders'
import { audit } from '../../audit/audit.ts'
import { authorize } from '../../auth/access/index.ts'
import {
  CLAIMABLE_STATUSES,
  liveAllocation,
  marketDistanceKm,
  operatorWorkshops,
  orderWriteFilter,
  ownWorkshopAllocations,
  postingEnterpriseId,
  postingRegion,
} from '../../auth/access/orders.ts'
import type { Caller } from '../../auth/caller.ts'
import type { DbOrTx } from '../../db/client.ts'
import { queryRows } from '../../db/client.ts'
import { allocations, claims, enterprises, orders } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { getOrder } from './read.ts'
import { addHistory, lockOrder, reservedQty, syncAllocationStatus } from './state.ts'
import { ORDER, listAllocationsWhere } from './views.ts'

export type OrderCreate = z.infer<typeof OrderCreateSchema>

export async function createOrder(db: DbOrTx, caller: Caller, input: OrderCreate) {
  const user = authorize(caller, 'orders.create')
  const enterpriseId = postingEnterpriseId(user, input.enterpriseId)
  if (!enterpriseId)
    throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [
      { path: 'enterpriseId', message: { zh: '代企业发单时须指定企业', en: 'name the enterprise when posting on its behalf' } },
    ])
  const [ent] = await db.select().from(enterprises).where(eq(enterprises.id, enterpriseId))
  if (!ent) throw notFound({ zh: '企业', en: 'Enterprise' })
  const regionCode = postingRegion(caller, user, ent.regionCode, input.regionCode)
  const id = await db.transaction(async (tx) => {
    const status = input.publish ? 'open' : 'draft'
    const [row] = await tx
      .insert(orders)
      .values({
        enterpriseId,
        regionCode,
        product: input.product,
        description: input.description ?? null,
        photos: input.photos ?? [],
        quantity: input.quantity,
        unit: input.unit,
        workshopRateCentifen: input.workshopRateCentifen,
        workerRateCentifen: input.workerRateCentifen,
        startOn: input.startOn,
        dueOn: input.dueOn,
        skills: input.skills,
        pickupAddress: input.pickupAddress ?? null,
        pickupLng: input.pickupLng,
        pickupLat: input.pickupLat,
        logistics: input.logistics,
        minBatch: input.minBatch,
        maxBatch: input.maxBatch ?? input.quantity,
        qualityStandard: input.qualityStandard ?? null,
        paymentTermDays: input.paymentTermDays,
        status,
        createdBy: user.id,
      })
      .returning({ id: orders.id })
    await addHistory(tx, caller, row!.id, null, 'draft')
    if (status === 'open') await addHistory(tx, caller, row!.id, 'draft', 'open')
    await audit(tx, caller, { action: 'order.create', targetType: 'order', targetId: row!.id, regionCode, detail: { quantity: input.quantity, status } })
    return row!.id
  })
  return getOrder(db, caller, id)
}

const TRANSITIONS: Record<string, string[]> = {
  draft: ['open', 'cancelled'],
  open: ['cancelled', 'in_production'],
  allocated: ['cancelled', 'in_production'],
  in_production: ['delivered'],
}

export async function transitionOrder(db: DbOrTx, caller: Caller, id: string, input: z.infer<typeof OrderTransitionSchema>) {
  authorize(caller, 'orders.transition')
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, id, orderWriteFilter(caller.scope))
    if (!order) throw notFound(ORDER)
    if (!(TRANSITIONS[order.status] ?? []).includes(input.status))
      throw new ProblemError(409, 'invalid-transition', { zh: '订单状态不允许此操作', en: 'The order’s status does not allow this' }, {
        zh: `不能从“${order.status}”变为“${input.status}”`,
        en: `Cannot go from ${order.status} to ${input.status}`,
      })
    if (input.status === 'cancelled') {
      const [d] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from deliveries where order_id = ${id}`)
      if (Number(d?.n) > 0)
        throw new ProblemError(409, 'order-has-deliveries', { zh: '已有交货，不能取消', en: 'Deliveries exist; the order cannot be cancelled' })
      await tx
        .update(allocations)
        .set({ status: 'cancelled', respondedAt: caller.clock.now() })
        .where(and(eq(allocations.orderId, id), liveAllocation(allocations.status)))
    }
    await tx.update(orders).set({ status: input.status, updatedAt: caller.clock.now() }).where(eq(orders.id, id))
    await addHistory(tx, caller, id, order.status, input.status, input.note)
    if (input.status === 'open') await syncAllocationStatus(tx, caller, { ...order, status: 'open' })
    await audit(tx, caller, { action: 'order.status', targetType: 'order', targetId: id, regionCode: order.regionCode, detail: { from: order.status, to: input.status } })
  })
  return getOrder(db, caller, id)
}

export async function claimOrder(db: DbOrTx, caller: Caller, orderId: string, input: z.infer<typeof ClaimCreateSchema>) {
  const user = authorize(caller, 'orders.claim')
  const mine = await operatorWorkshops(db, caller.scope)
  const ws = input.workshopId ? mine.find((w) => w.id === input.workshopId) : mine.length === 1 ? mine[0] : undefined
  if (input.workshopId && !ws) throw notFound({ zh: '工坊', en: 'Workshop' })
  if (!ws)
    throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [
      { path: 'workshopId', message: { zh: '请选择接单的工坊', en: 'choose the workshop that takes the work' } },
    ])
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, inArray(orders.status, [...CLAIMABLE_STATUSES, 'allocated']))
    // Only orders in the operator's market exist for them.
    const distanceKm = order ? marketDistanceKm(order, ws) : null
    if (!order || distanceKm === null) throw notFound(ORDER)
    const remaining = order.quantity - (await reservedQty(tx, orderId))
    if (input.quantity > remaining)
      throw new ProblemError(
        409,
        'over-allocation',
        { zh: '超出订单剩余数量', en: 'More than the order has left' },
        { zh: `剩余 ${remaining}`, en: `${remaining} left` },
        undefined,
        { remaining },
      )
    const total = (await reservedQty(tx, orderId, ws.id)) + input.quantity
    if (total > order.maxBatch)
      throw new ProblemError(422, 'batch-too-large', { zh: '超过每个工坊的最大批量', en: 'Above the maximum batch per workshop' }, {
        zh: `最大批量 ${order.maxBatch}`,
        en: `maximum batch ${order.maxBatch}`,
      })
    if (total < order.minBatch && input.quantity < remaining)
      throw new ProblemError(422, 'batch-too-small', { zh: '低于最小批量', en: 'Below the minimum batch' }, {
        zh: `最小批量 ${order.minBatch}`,
        en: `minimum batch ${order.minBatch}`,
      })
    const [alloc] = await tx
      .insert(allocations)
      .values({
        orderId,
        workshopId: ws.id,
        regionCode: ws.regionCode,
        quantity: input.quantity,
        source: 'claim',
        status: 'accepted',
        distanceKm,
        respondedAt: caller.clock.now(),
        respondedBy: user.id,
      })
      .returning({ id: allocations.id })
    await tx.insert(claims).values({ orderId, workshopId: ws.id, quantity: input.quantity, allocationId: alloc!.id, claimedBy: user.id })
    await syncAllocationStatus(tx, caller, order)
    await audit(tx, caller, { action: 'order.claim', targetType: 'order', targetId: orderId, regionCode: ws.regionCode, detail: { workshopId: ws.id, quantity: input.quantity } })
    const [view] = await listAllocationsWhere(tx, eq(allocations.id, alloc!.id))
    return view!
  })
}

export async function decideAllocation(db: DbOrTx, caller: Caller, id: string, decision: 'accepted' | 'declined', note?: string) {
  const user = authorize(caller, 'allocations.decide')
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(allocations).where(and(eq(allocations.id, id), ownWorkshopAllocations(caller.scope)))
    if (!a) throw notFound({ zh: '派单', en: 'Allocation' })
    const order = await lockOrder(tx, a.orderId, sql`true`)
    const [cur] = await tx.select().from(allocations).where(eq(allocations.id, id))
    if (cur!.status !== 'offered')
      throw new ProblemError(409, 'allocation-not-offered', { zh: '该派单已处理', en: 'This allocation has already been answered' })
    await tx.update(allocations).set({ status: decision, respondedAt: caller.clock.now(), respondedBy: user.id, note: note ?? null }).where(eq(allocations.id, id))
    await syncAllocationStatus(tx, caller, order!)
    await audit(tx, caller, { action: `allocation.${decision === 'accepted' ? 'accept' : 'decline'}`, targetType: 'allocation', targetId: id, regionCode: a.regionCode, detail: { orderId: a.orderId, quantity: a.quantity } })
    const [view] = await listAllocationsWhere(tx, eq(allocations.id, id))
    return view!
  })
}
