/**
 * Disputes about an order, a delivery, a payment or a wage: opened by any party, mediated by staff of the
 * area (the township's 红色管家), open → mediating → resolved | withdrawn, with dated notes and an outcome.
 * Visible to the parties (enterprise, workshop, worker), the opener, the mediator and the scope's staff.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { DisputeCreateSchema, DisputeStatusSchema } from '@gongfang/shared/orders'
import { audit } from '../../audit/audit.ts'
import { authorize } from '../../auth/access/index.ts'
import {
  disputeRows,
  mayMediate,
  openOrderMarket,
  orderReadFilter,
  ownWorkshopAllocations,
  staffOfArea,
  wageDisputeParties,
} from '../../auth/access/orders.ts'
import type { Caller } from '../../auth/caller.ts'
import type { AuthUser } from '../../auth/user.ts'
import type { DbOrTx } from '../../db/client.ts'
import { allocations, deliveries, disputeNotes, disputes, orders, payments, users, workshopMembers, workshops } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'

const DISPUTE = { zh: '纠纷', en: 'Dispute' }
const invalid = (path: string, zh: string, en: string) =>
  new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [{ path, message: { zh, en } }])

async function readableOrder(db: DbOrTx, caller: Caller, orderId: string) {
  const market = await openOrderMarket(db, caller.scope)
  const [o] = await db
    .select({ id: orders.id, enterpriseId: orders.enterpriseId, regionCode: orders.regionCode })
    .from(orders)
    .where(and(eq(orders.id, orderId), orderReadFilter(caller.scope, [...market.keys()])))
  return o ?? null
}

export async function createDispute(db: DbOrTx, caller: Caller, input: z.infer<typeof DisputeCreateSchema>) {
  const user = authorize(caller, 'disputes.create')
  let orderId: string | null = null
  let deliveryId: string | null = null
  let paymentId: string | null = null
  let workshopId: string | null = null
  let workerId: string | null = null
  let enterpriseId: string | null = null
  let regionCode: string | null = null

  if (input.subject === 'delivery' || input.subject === 'payment') {
    const id = input.subject === 'delivery' ? input.deliveryId : input.paymentId
    if (!id) throw invalid(`${input.subject}Id`, '必填', 'required')
    const [row] =
      input.subject === 'delivery'
        ? await db.select({ orderId: deliveries.orderId, workshopId: deliveries.workshopId }).from(deliveries).where(eq(deliveries.id, id))
        : await db.select({ orderId: payments.orderId, workshopId: payments.workshopId }).from(payments).where(eq(payments.id, id))
    const order = row?.orderId ? await readableOrder(db, caller, row.orderId) : null
    if (!row || !order) throw notFound(input.subject === 'delivery' ? { zh: '交货', en: 'Delivery' } : { zh: '付款', en: 'Payment' })
    orderId = order.id
    enterpriseId = order.enterpriseId
    workshopId = row.workshopId
    if (input.subject === 'delivery') deliveryId = id
    else paymentId = id
  } else if (input.subject === 'order') {
    if (!input.orderId) throw invalid('orderId', '必填', 'required')
    const order = await readableOrder(db, caller, input.orderId)
    if (!order) throw notFound({ zh: '订单', en: 'Order' })
    orderId = order.id
    enterpriseId = order.enterpriseId
    regionCode = order.regionCode
    const wsFilter = input.workshopId ? eq(allocations.workshopId, input.workshopId) : ownWorkshopAllocations(caller.scope)
    const [a] = await db.select({ workshopId: allocations.workshopId }).from(allocations).where(and(eq(allocations.orderId, order.id), wsFilter))
    if (input.workshopId && !a) throw notFound({ zh: '工坊', en: 'Workshop' })
    workshopId = a?.workshopId ?? null
  } else {
    // wage: between a worker and the workshop.
    const parties = wageDisputeParties(user, caller.scope, input.workerId)
    const wId = parties.workerId
    if (!wId) throw invalid('workerId', '必填', 'required')
    if (!input.workshopId) throw invalid('workshopId', '必填', 'required')
    const [m] = await db
      .select({ workshopId: workshopMembers.workshopId })
      .from(workshopMembers)
      .innerJoin(workshops, eq(workshops.id, workshopMembers.workshopId))
      .where(
        and(
          eq(workshopMembers.workshopId, input.workshopId),
          eq(workshopMembers.workerId, wId),
          parties.workshops,
        ),
      )
    if (!m) throw notFound({ zh: '工坊成员', en: 'Workshop member' })
    workshopId = input.workshopId
    workerId = wId
  }
  if (workshopId) {
    const [w] = await db.select({ regionCode: workshops.regionCode }).from(workshops).where(eq(workshops.id, workshopId))
    regionCode = w!.regionCode
  }
  if (!regionCode && orderId) regionCode = (await readableOrder(db, caller, orderId))!.regionCode

  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(disputes)
      .values({ subject: input.subject, orderId, deliveryId, paymentId, workshopId, enterpriseId, workerId, regionCode: regionCode!, title: input.title, description: input.description, openedBy: user.id })
      .returning({ id: disputes.id })
    await audit(tx, caller, { action: 'dispute.open', targetType: 'dispute', targetId: row!.id, regionCode, detail: { subject: input.subject, orderId } })
    return row!.id
  })
  return getDispute(db, caller, id)
}

const opener = sql<string>`(select u.display_name from users u where u.id = ${disputes.openedBy})`
const mediatorName = sql<string>`(select u.display_name from users u where u.id = ${disputes.mediatorUserId})`

export async function listDisputes(db: DbOrTx, caller: Caller, q: { status?: string; orderId?: string }) {
  const user = authorize(caller, 'disputes.list')
  const conds: SQL[] = [disputeRows(caller, user)]
  if (q.status) conds.push(eq(disputes.status, q.status))
  if (q.orderId) conds.push(eq(disputes.orderId, q.orderId))
  const rows = await db
    .select({ d: disputes, openedByName: opener, mediatorName })
    .from(disputes)
    .where(and(...conds))
    .orderBy(desc(disputes.createdAt), asc(disputes.id))
    .limit(200)
  return { items: rows.map((r) => view(r, [])) }
}

function view(r: { d: typeof disputes.$inferSelect; openedByName: string | null; mediatorName: string | null }, notes: ReturnType<typeof noteView>[]) {
  const d = r.d
  return {
    id: d.id,
    subject: d.subject as 'order' | 'delivery' | 'payment' | 'wage',
    orderId: d.orderId,
    deliveryId: d.deliveryId,
    paymentId: d.paymentId,
    workshopId: d.workshopId,
    enterpriseId: d.enterpriseId,
    workerId: d.workerId,
    regionCode: d.regionCode,
    title: d.title,
    description: d.description,
    status: d.status as 'open' | 'mediating' | 'resolved' | 'withdrawn',
    openedByName: r.openedByName,
    mediatorUserId: d.mediatorUserId,
    mediatorName: r.mediatorName,
    outcome: d.outcome,
    createdAt: d.createdAt.toISOString(),
    closedAt: d.closedAt ? d.closedAt.toISOString() : null,
    notes,
  }
}

function noteView(n: { id: number; body: string; authorName: string | null; authorRole: string | null; at: Date }) {
  return { id: n.id, body: n.body, authorName: n.authorName, authorRole: n.authorRole, at: n.at.toISOString() }
}

export async function getDispute(db: DbOrTx, caller: Caller, id: string) {
  const user = authorize(caller, 'disputes.read')
  const [r] = await db
    .select({ d: disputes, openedByName: opener, mediatorName })
    .from(disputes)
    .where(and(eq(disputes.id, id), disputeRows(caller, user)))
  if (!r) throw notFound(DISPUTE)
  const notes = await db
    .select({ id: disputeNotes.id, body: disputeNotes.body, at: disputeNotes.at, authorName: users.displayName, authorRole: users.role })
    .from(disputeNotes)
    .leftJoin(users, eq(users.id, disputeNotes.authorUserId))
    .where(eq(disputeNotes.disputeId, id))
    .orderBy(asc(disputeNotes.at), asc(disputeNotes.id))
  return view(r, notes.map(noteView))
}

async function lockVisible(tx: DbOrTx, caller: Caller, user: AuthUser, id: string) {
  const [d] = await tx.select().from(disputes).where(and(eq(disputes.id, id), disputeRows(caller, user))).for('update')
  if (!d) throw notFound(DISPUTE)
  return d
}

const closed = () => new ProblemError(409, 'dispute-closed', { zh: '纠纷已结案', en: 'The dispute is closed' })

export async function addNote(db: DbOrTx, caller: Caller, id: string, body: string) {
  const user = authorize(caller, 'disputes.note')
  await db.transaction(async (tx) => {
    const d = await lockVisible(tx, caller, user, id)
    if (d.status === 'resolved' || d.status === 'withdrawn') throw closed()
    await tx.insert(disputeNotes).values({ disputeId: id, body, authorUserId: user.id })
    await audit(tx, caller, { action: 'dispute.note', targetType: 'dispute', targetId: id, regionCode: d.regionCode })
  })
  return getDispute(db, caller, id)
}

/** Staff of the dispute's area take it on (or assign another staff member of the area): open → mediating. */
export async function assignMediator(db: DbOrTx, caller: Caller, id: string, mediatorUserId?: string) {
  const user = authorize(caller, 'disputes.mediate')
  await db.transaction(async (tx) => {
    const d = await lockVisible(tx, caller, user, id)
    if (!staffOfArea(caller.scope, d.regionCode)) throw notFound(DISPUTE)
    if (d.status !== 'open' && d.status !== 'mediating') throw closed()
    const mediator = mediatorUserId ?? user.id
    const [m] = await tx.select({ role: users.role, regionCode: users.regionCode }).from(users).where(eq(users.id, mediator))
    if (!m || !mayMediate(m, d.regionCode))
      throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, undefined, [
        { path: 'mediatorUserId', message: { zh: '调解人须为该地区的工作人员', en: 'the mediator must be staff of the area' } },
      ])
    await tx.update(disputes).set({ mediatorUserId: mediator, status: 'mediating' }).where(eq(disputes.id, id))
    await tx.insert(disputeNotes).values({ disputeId: id, body: `调解人已指定 / mediator assigned`, authorUserId: user.id })
    await audit(tx, caller, { action: 'dispute.mediator', targetType: 'dispute', targetId: id, regionCode: d.regionCode, detail: { mediator } })
  })
  return getDispute(db, caller, id)
}

export async function changeDisputeStatus(db: DbOrTx, caller: Caller, id: string, input: z.infer<typeof DisputeStatusSchema>) {
  const user = authorize(caller, 'disputes.status')
  await db.transaction(async (tx) => {
    const d = await lockVisible(tx, caller, user, id)
    if (d.status === 'resolved' || d.status === 'withdrawn') throw closed()
    const staffHere = staffOfArea(caller.scope, d.regionCode)
    if (input.status === 'mediating') {
      if (!staffHere) throw new ProblemError(403, 'forbidden', { zh: '只有该地区工作人员可以调解', en: 'Only staff of the area mediate' })
      if (!d.mediatorUserId) await tx.update(disputes).set({ mediatorUserId: user.id }).where(eq(disputes.id, id))
    } else if (input.status === 'resolved') {
      if (d.mediatorUserId !== user.id && !staffHere)
        throw new ProblemError(403, 'forbidden', { zh: '只有调解人可以结案', en: 'Only the mediator can resolve' })
      if (d.status !== 'mediating') throw new ProblemError(409, 'invalid-transition', { zh: '须先进入调解', en: 'Mediate before resolving' })
      if (!input.outcome) throw invalid('outcome', '结案须写明调解结果', 'state the outcome')
    } else if (input.status === 'withdrawn') {
      if (d.openedBy !== user.id && !staffHere) throw new ProblemError(403, 'forbidden', { zh: '只有发起人可以撤回', en: 'Only the party who opened it can withdraw' })
    }
    const closing = input.status === 'resolved' || input.status === 'withdrawn'
    await tx
      .update(disputes)
      .set({ status: input.status, outcome: input.outcome ?? d.outcome, closedAt: closing ? caller.clock.now() : null })
      .where(eq(disputes.id, id))
    if (input.outcome) await tx.insert(disputeNotes).values({ disputeId: id, body: input.outcome, authorUserId: user.id })
    await audit(tx, caller, { action: `dispute.${input.status}`, targetType: 'dispute', targetId: id, regionCode: d.regionCode, detail: { from: d.status } })
  })
  return getDispute(db, caller, id)
}
