import { and, asc, count, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import type { z } from 'zod'
import type {
  ClaimCreateSchema,
  DeliveryAcceptanceSchema,
  DeliveryCreateSchema,
  OrderCreateSchema,
  OrderListQuerySchema,
  OrderStatus,
  OrderTransitionSchema,
  PaymentCreateSchema,
} from '@gongfang/shared/orders'
import type { PageQuery } from '@gongfang/shared'
import { audit } from '../../audit/audit.ts'
import { regionInScope, scopeFilter, type Scope, type ScopeColumns } from '../../auth/scope.ts'
import { requireRole } from '../../auth/middleware.ts'
import type { Db, DbOrTx } from '../../db/client.ts'
import { queryRows } from '../../db/client.ts'
import { allocations, claims, deliveries, enterprises, orderStatusHistory, orders, payments, workshops } from '../../db/schema/index.ts'
import type { AppEnv } from '../../http/env.ts'
import { pageWindow } from '../../http/pagination.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { haversineKm } from '../matching/geo.ts'
import { hasSkills } from '../matching/instance.ts'
import { claimableForOperator, CLAIMABLE_STATUSES, OPEN_ORDER_RADIUS_KM, operatorWorkshops, orderReadFilter, orderWriteFilter } from './access.ts'

type C = Context<AppEnv>
const ORDER = { zh: '订单', en: 'Order' }

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d)

/** accepted pieces × rate in centifen → fen, rounded half-up once (BigInt: no float ever touches money). */
export function amountFen(pieces: number, rateCentifen: number): number {
  return Number((BigInt(pieces) * BigInt(rateCentifen) + 50n) / 100n)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

// ---------- reading ----------

const aggregates = {
  allocatedQty: sql<number>`(select coalesce(sum(a.quantity), 0)::int from allocations a where a.order_id = "orders"."id" and a.status in ('offered', 'accepted'))`,
  acceptedAllocQty: sql<number>`(select coalesce(sum(a.quantity), 0)::int from allocations a where a.order_id = "orders"."id" and a.status = 'accepted')`,
  deliveredQty: sql<number>`(select coalesce(sum(d.quantity), 0)::int from deliveries d where d.order_id = "orders"."id")`,
  acceptedQty: sql<number>`(select coalesce(sum(d.accepted_qty), 0)::int from deliveries d where d.order_id = "orders"."id")`,
  owedFen: sql<number>`(select coalesce(sum(d.amount_fen), 0)::bigint from deliveries d where d.order_id = "orders"."id")`,
  paidFen: sql<number>`(select coalesce(sum(p.amount_fen), 0)::bigint from payments p where p.order_id = "orders"."id")`,
  // Arrears per workshop: owed on deliveries past their due day, less all paid to that workshop; never negative.
  overdueFen: sql<number>`(select coalesce(sum(greatest(0, x.due - coalesce((select sum(p.amount_fen) from payments p where p.order_id = "orders"."id" and p.workshop_id = x.workshop_id), 0))), 0)::bigint
    from (select d.workshop_id, sum(d.amount_fen) as due from deliveries d where d.order_id = "orders"."id" and d.due_on < current_date group by d.workshop_id) x)`,
}

const orderColumns = {
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
  ...aggregates,
}

type OrderRow = Awaited<ReturnType<typeof selectOrders>>[number]

function selectOrders(db: DbOrTx, where: SQL | undefined) {
  return db.select(orderColumns).from(orders).innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId)).where(where)
}

function orderView(r: OrderRow, distanceKm: number | null = null) {
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

export type OrderListQuery = z.infer<typeof OrderListQuerySchema> & PageQuery

export async function listOrders(db: Db, scope: Scope, q: OrderListQuery) {
  const claimable = scope.kind === 'operator' ? await claimableForOperator(db, scope) : new Map<string, number>()
  const conds: SQL[] = []
  if (q.claimable) conds.push(claimable.size ? inArray(orders.id, [...claimable.keys()]) : sql`false`)
  else conds.push(orderReadFilter(scope, [...claimable.keys()]))
  if (q.status) conds.push(eq(orders.status, q.status))
  if (q.q) conds.push(or(like(orders.product, `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`), like(enterprises.name, `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`))!)
  if (q.arrears) conds.push(sql`${aggregates.overdueFen} > 0`)
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    selectOrders(db, where).orderBy(desc(orders.createdAt), asc(orders.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(orders).innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId)).where(where),
  ])
  return { items: rows.map((r) => orderView(r, claimable.get(r.id) ?? null)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

/** Settlement per (order, workshop): owed on accepted deliveries, paid, and arrears past the term. */
export async function settlementLines(db: DbOrTx, scope: Scope, opts: { orderId?: string; overdueOnly?: boolean; workshopId?: string } = {}) {
  const visible = or(
    scopeFilter(scope, { regionCode: sql`o.region_code`, enterpriseId: sql`o.enterprise_id` }),
    scopeFilter(scope, { workshopId: sql`w.id`, regionCode: sql`w.region_code` }),
  )
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
                 coalesce(sum(amount_fen) filter (where due_on < current_date), 0)::bigint as due,
                 to_char(min(due_on) filter (where due_on < current_date), 'YYYY-MM-DD') as oldest
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

async function canWrite(db: DbOrTx, scope: Scope, id: string): Promise<boolean> {
  const [row] = await db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, id), orderWriteFilter(scope)))
  return !!row
}

export async function getOrder(db: Db, scope: Scope, id: string) {
  const claimable = scope.kind === 'operator' ? await claimableForOperator(db, scope) : new Map<string, number>()
  const [row] = await selectOrders(db, and(eq(orders.id, id), orderReadFilter(scope, [...claimable.keys()])))
  if (!row) throw notFound(ORDER)
  const writer = await canWrite(db, scope, id)
  // Parties other than the owner and its staff see only their own workshops' lines.
  const lineFilter = (t: ScopeColumns) => (writer ? sql`true` : scopeFilter(scope, t))
  const [allocs, dels, pays, history, settlement] = await Promise.all([
    listAllocationsWhere(db, and(eq(allocations.orderId, id), lineFilter({ workshopId: allocations.workshopId, regionCode: allocations.regionCode }))),
    db
      .select({ d: deliveries, workshopName: workshops.name })
      .from(deliveries)
      .innerJoin(workshops, eq(workshops.id, deliveries.workshopId))
      .where(and(eq(deliveries.orderId, id), lineFilter({ workshopId: deliveries.workshopId, regionCode: deliveries.regionCode })))
      .orderBy(asc(deliveries.deliveredOn), asc(deliveries.createdAt)),
    db
      .select({ p: payments, workshopName: workshops.name })
      .from(payments)
      .innerJoin(workshops, eq(workshops.id, payments.workshopId))
      .where(and(eq(payments.orderId, id), lineFilter({ workshopId: payments.workshopId, regionCode: payments.regionCode })))
      .orderBy(asc(payments.paidOn)),
    db.select().from(orderStatusHistory).where(eq(orderStatusHistory.orderId, id)).orderBy(asc(orderStatusHistory.id)),
    settlementLines(db, scope, { orderId: id }),
  ])
  return {
    ...orderView(row, claimable.get(id) ?? null),
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
    history: history.map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note, byUsername: h.byUsername, at: iso(h.at)! })),
  }
}

function deliveryView(d: typeof deliveries.$inferSelect, workshopName: string) {
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

/** Allocations the scope may see: its workshops' (operators, collectives, workers, staff by the workshop's region) or its orders'. */
export async function listAllocations(db: Db, scope: Scope, q: { status?: string; orderId?: string }) {
  const conds: SQL[] = [
    or(
      scopeFilter(scope, { workshopId: allocations.workshopId, regionCode: allocations.regionCode }),
      inArray(allocations.orderId, db.select({ id: orders.id }).from(orders).where(orderWriteFilter(scope))),
    )!,
  ]
  if (q.status) conds.push(eq(allocations.status, q.status))
  if (q.orderId) conds.push(eq(allocations.orderId, q.orderId))
  return listAllocationsWhere(db, and(...conds))
}

// ---------- writing ----------

export type OrderCreate = z.infer<typeof OrderCreateSchema>

export async function addHistory(tx: DbOrTx, c: C, orderId: string, from: string | null, to: string, note?: string | null) {
  const user = c.var.user
  await tx.insert(orderStatusHistory).values({ orderId, fromStatus: from, toStatus: to, note: note ?? null, byUserId: user?.id ?? null, byUsername: user?.username ?? null })
}

export async function createOrder(c: C, input: OrderCreate) {
  const user = requireRole(c, 'enterprise', 'staff', 'admin')
  const scope = c.var.scope
  const enterpriseId = user.role === 'enterprise' ? user.enterpriseId : input.enterpriseId
  if (!enterpriseId)
    throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [
      { path: 'enterpriseId', message: { zh: '代企业发单时须指定企业', en: 'name the enterprise when posting on its behalf' } },
    ])
  if (user.role === 'enterprise' && input.enterpriseId && input.enterpriseId !== enterpriseId) throw notFound({ zh: '企业', en: 'Enterprise' })
  const [ent] = await c.var.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId))
  if (!ent) throw notFound({ zh: '企业', en: 'Enterprise' })
  const regionCode = input.regionCode ?? ent.regionCode
  if (user.role === 'staff' && !regionInScope(scope, regionCode)) throw notFound({ zh: '企业', en: 'Enterprise' })
  if (user.role === 'enterprise' && input.regionCode && !input.regionCode.startsWith(ent.regionCode.slice(0, 6)))
    throw new ProblemError(422, 'region-outside-county', { zh: '订单地区须在企业所在县内', en: "The order's region must be in the enterprise's county" })
  return c.var.db.transaction(async (tx) => {
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
    await addHistory(tx, c, row!.id, null, 'draft')
    if (status === 'open') await addHistory(tx, c, row!.id, 'draft', 'open')
    await audit(tx, c.var.caller, { action: 'order.create', targetType: 'order', targetId: row!.id, regionCode, detail: { quantity: input.quantity, status } })
    return row!.id
  })
}

/** Locks the order row (SELECT … FOR UPDATE) so concurrent claims and acceptances serialise on it. */
export async function lockOrder(tx: DbOrTx, id: string, filter: SQL) {
  const rows = await queryRows<{
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
  }>(
    tx,
    sql`select id, status, quantity, min_batch as "minBatch", max_batch as "maxBatch", skills, region_code as "regionCode",
          enterprise_id as "enterpriseId", workshop_rate_centifen as "workshopRateCentifen", payment_term_days as "paymentTermDays",
          pickup_lng as "pickupLng", pickup_lat as "pickupLat"
        from orders where id = ${id} and ${filter} for update`,
  )
  return rows[0] ?? null
}

export async function reservedQty(tx: DbOrTx, orderId: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(tx, sql`select coalesce(sum(quantity), 0)::int as n from allocations where order_id = ${orderId} and status in ('offered', 'accepted')`)
  return Number(r?.n ?? 0)
}

/** open ⇄ allocated follows whether offered + accepted pieces cover the quantity. */
export async function syncAllocationStatus(tx: DbOrTx, c: C, order: { id: string; status: string; quantity: number }) {
  if (order.status !== 'open' && order.status !== 'allocated') return order.status
  const reserved = await reservedQty(tx, order.id)
  const next = reserved >= order.quantity ? 'allocated' : 'open'
  if (next !== order.status) {
    await tx.update(orders).set({ status: next, updatedAt: new Date() }).where(eq(orders.id, order.id))
    await addHistory(tx, c, order.id, order.status, next, next === 'allocated' ? '已全部分配 / fully allocated' : '有派单被拒或取消 / allocation released')
  }
  return next
}

const TRANSITIONS: Record<string, string[]> = {
  draft: ['open', 'cancelled'],
  open: ['cancelled', 'in_production'],
  allocated: ['cancelled', 'in_production'],
  in_production: ['delivered'],
}

export async function transitionOrder(c: C, id: string, input: z.infer<typeof OrderTransitionSchema>) {
  requireRole(c, 'enterprise', 'staff', 'admin')
  return c.var.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id, orderWriteFilter(c.var.scope))
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
      await tx.update(allocations).set({ status: 'cancelled', respondedAt: new Date() }).where(and(eq(allocations.orderId, id), inArray(allocations.status, ['offered', 'accepted'])))
    }
    await tx.update(orders).set({ status: input.status, updatedAt: new Date() }).where(eq(orders.id, id))
    await addHistory(tx, c, id, order.status, input.status, input.note)
    if (input.status === 'open') await syncAllocationStatus(tx, c, { ...order, status: 'open' })
    await audit(tx, c.var.caller, { action: 'order.status', targetType: 'order', targetId: id, regionCode: order.regionCode, detail: { from: order.status, to: input.status } })
  })
}

export async function claimOrder(c: C, orderId: string, input: z.infer<typeof ClaimCreateSchema>) {
  requireRole(c, 'operator')
  const scope = c.var.scope
  const mine = await operatorWorkshops(c.var.db, scope)
  const ws = input.workshopId ? mine.find((w) => w.id === input.workshopId) : mine.length === 1 ? mine[0] : undefined
  if (input.workshopId && !ws) throw notFound({ zh: '工坊', en: 'Workshop' })
  if (!ws)
    throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [
      { path: 'workshopId', message: { zh: '请选择接单的工坊', en: 'choose the workshop that takes the work' } },
    ])
  return c.var.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, inArray(orders.status, [...CLAIMABLE_STATUSES, 'allocated']))
    // Only orders the operator could see as claimable exist for them.
    if (!order) throw notFound(ORDER)
    const distanceKm = ws.lng !== null && ws.lat !== null ? haversineKm(order.pickupLng, order.pickupLat, ws.lng, ws.lat) : Infinity
    if (!hasSkills(order.skills, ws.skills) || distanceKm > OPEN_ORDER_RADIUS_KM) throw notFound(ORDER)
    const reserved = await reservedQty(tx, orderId)
    const remaining = order.quantity - reserved
    if (input.quantity > remaining)
      throw new ProblemError(
        409,
        'over-allocation',
        { zh: '超出订单剩余数量', en: 'More than the order has left' },
        { zh: `剩余 ${remaining}`, en: `${remaining} left` },
        undefined,
        { remaining },
      )
    const [own] = await queryRows<{ n: number }>(
      tx,
      sql`select coalesce(sum(quantity), 0)::int as n from allocations where order_id = ${orderId} and workshop_id = ${ws.id} and status in ('offered', 'accepted')`,
    )
    const total = Number(own?.n ?? 0) + input.quantity
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
        distanceKm: Number.isFinite(distanceKm) ? distanceKm : null,
        respondedAt: new Date(),
        respondedBy: c.var.user!.id,
      })
      .returning({ id: allocations.id })
    await tx.insert(claims).values({ orderId, workshopId: ws.id, quantity: input.quantity, allocationId: alloc!.id, claimedBy: c.var.user!.id })
    await syncAllocationStatus(tx, c, order)
    await audit(tx, c.var.caller, { action: 'order.claim', targetType: 'order', targetId: orderId, regionCode: ws.regionCode, detail: { workshopId: ws.id, quantity: input.quantity } })
    const [view] = await listAllocationsWhere(tx, eq(allocations.id, alloc!.id))
    return view!
  })
}

export async function decideAllocation(c: C, id: string, decision: 'accepted' | 'declined', note?: string) {
  requireRole(c, 'operator', 'admin')
  return c.var.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(allocations)
      .where(and(eq(allocations.id, id), scopeFilter(c.var.scope, { workshopId: allocations.workshopId })))
    if (!a) throw notFound({ zh: '派单', en: 'Allocation' })
    const order = await lockOrder(tx, a.orderId, sql`true`)
    const [cur] = await tx.select().from(allocations).where(eq(allocations.id, id))
    if (cur!.status !== 'offered')
      throw new ProblemError(409, 'allocation-not-offered', { zh: '该派单已处理', en: 'This allocation has already been answered' })
    await tx.update(allocations).set({ status: decision, respondedAt: new Date(), respondedBy: c.var.user!.id, note: note ?? null }).where(eq(allocations.id, id))
    await syncAllocationStatus(tx, c, order!)
    await audit(tx, c.var.caller, { action: `allocation.${decision === 'accepted' ? 'accept' : 'decline'}`, targetType: 'allocation', targetId: id, regionCode: a.regionCode, detail: { orderId: a.orderId, quantity: a.quantity } })
    const [view] = await listAllocationsWhere(tx, eq(allocations.id, id))
    return view!
  })
}

export async function recordDelivery(c: C, orderId: string, input: z.infer<typeof DeliveryCreateSchema>) {
  requireRole(c, 'operator', 'admin')
  const scope = c.var.scope
  return c.var.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, sql`true`)
    if (!order) throw notFound(ORDER)
    const mineAllocs = await tx
      .select()
      .from(allocations)
      .where(and(eq(allocations.orderId, orderId), eq(allocations.status, 'accepted'), scopeFilter(scope, { workshopId: allocations.workshopId })))
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
    const [ws] = await tx.select({ regionCode: workshops.regionCode }).from(workshops).where(eq(workshops.id, workshopId))
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
        recordedBy: c.var.user!.id,
      })
      .returning()
    if (order.status === 'open' || order.status === 'allocated') {
      await tx.update(orders).set({ status: 'in_production', updatedAt: new Date() }).where(eq(orders.id, orderId))
      await addHistory(tx, c, orderId, order.status, 'in_production', '首批交货 / first delivery')
    }
    await audit(tx, c.var.caller, { action: 'delivery.record', targetType: 'delivery', targetId: row!.id, regionCode: ws!.regionCode, detail: { orderId, quantity: input.quantity } })
    const [w] = await tx.select({ name: workshops.name }).from(workshops).where(eq(workshops.id, workshopId))
    return deliveryView(row!, w!.name)
  })
}

export async function acceptDelivery(c: C, deliveryId: string, input: z.infer<typeof DeliveryAcceptanceSchema>) {
  requireRole(c, 'enterprise', 'staff', 'admin')
  return c.var.db.transaction(async (tx) => {
    const [d0] = await tx.select().from(deliveries).where(eq(deliveries.id, deliveryId))
    if (!d0?.orderId) throw notFound({ zh: '交货', en: 'Delivery' })
    const order = await lockOrder(tx, d0.orderId, orderWriteFilter(c.var.scope))
    if (!order) throw notFound({ zh: '交货', en: 'Delivery' })
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
    await tx
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
    const [acc] = await queryRows<{ n: number }>(tx, sql`select coalesce(sum(accepted_qty), 0)::int as n from deliveries where order_id = ${order.id}`)
    if (Number(acc?.n ?? 0) >= order.quantity && order.status === 'in_production') {
      await tx.update(orders).set({ status: 'delivered', updatedAt: new Date() }).where(eq(orders.id, order.id))
      await addHistory(tx, c, order.id, order.status, 'delivered', '全部验收合格 / all pieces accepted')
    }
    await audit(tx, c.var.caller, { action: 'delivery.accept', targetType: 'delivery', targetId: deliveryId, regionCode: d!.regionCode, detail: { ...input, amountFen: amount } })
    const [w] = await tx.select({ name: workshops.name }).from(workshops).where(eq(workshops.id, d!.workshopId))
    const [after] = await tx.select().from(deliveries).where(eq(deliveries.id, deliveryId))
    return deliveryView(after!, w!.name)
  })
}

export async function recordPayment(c: C, orderId: string, input: z.infer<typeof PaymentCreateSchema>) {
  requireRole(c, 'enterprise', 'staff', 'admin')
  return c.var.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, orderWriteFilter(c.var.scope))
    if (!order) throw notFound(ORDER)
    const [sums] = await queryRows<{ owed: number; paid: number }>(
      tx,
      sql`select (select coalesce(sum(amount_fen), 0)::bigint from deliveries where order_id = ${orderId} and workshop_id = ${input.workshopId}) as owed,
                 (select coalesce(sum(amount_fen), 0)::bigint from payments where order_id = ${orderId} and workshop_id = ${input.workshopId}) as paid`,
    )
    const open = Number(sums!.owed) - Number(sums!.paid)
    if (input.amountFen > open)
      throw new ProblemError(422, 'overpayment', { zh: '付款超过应付金额', en: 'More than is owed' }, {
        zh: `当前应付 ${(open / 100).toFixed(2)} 元`,
        en: `¥${(open / 100).toFixed(2)} is owed`,
      })
    const [ws] = await tx.select({ regionCode: workshops.regionCode, name: workshops.name }).from(workshops).where(eq(workshops.id, input.workshopId))
    const [row] = await tx
      .insert(payments)
      .values({ orderId, workshopId: input.workshopId, regionCode: ws!.regionCode, amountFen: input.amountFen, paidOn: input.paidOn, reference: input.reference ?? null, note: input.note ?? null, recordedBy: c.var.user!.id })
      .returning()
    if (order.status === 'delivered') {
      const [left] = await queryRows<{ n: number }>(
        tx,
        sql`select ((select coalesce(sum(amount_fen), 0) from deliveries where order_id = ${orderId}) - (select coalesce(sum(amount_fen), 0) from payments where order_id = ${orderId}))::bigint as n`,
      )
      if (Number(left?.n) <= 0) {
        await tx.update(orders).set({ status: 'settled', updatedAt: new Date() }).where(eq(orders.id, orderId))
        await addHistory(tx, c, orderId, 'delivered', 'settled', '货款已付清 / paid in full')
      }
    }
    await audit(tx, c.var.caller, { action: 'payment.record', targetType: 'order', targetId: orderId, regionCode: ws!.regionCode, detail: { workshopId: input.workshopId, amountFen: input.amountFen } })
    return { id: row!.id, orderId, workshopId: row!.workshopId, workshopName: ws!.name, amountFen: row!.amountFen, paidOn: row!.paidOn, reference: row!.reference, note: row!.note }
  })
}
