/**
 * Demo orders of 庆元县香菇食品有限公司: one open (to plan), one in production with a delivery checked
 * 45 days ago and only partly paid (arrears), one settled, one draft, and a dispute under mediation.
 * Dates are relative to the day the demo is seeded so the arrears stay visible.
 */
import { eq } from 'drizzle-orm'
import { addDays, today } from '@gongfang/shared/clock'
import type { Db } from '../db/client.ts'
import { allocations, claims, deliveries, disputeNotes, disputes, enterprises, orderStatusHistory, orders, payments, users, workshops } from '../db/schema/index.ts'
import { Random } from './random.ts'

// China dates (a demo seeded between 00:00 and 08:00 would otherwise be a day behind).
const day = (offset: number) => addDays(today(), offset)
const fen = (pieces: number, centifen: number) => Number((BigInt(pieces) * BigInt(centifen) + 50n) / 100n)

export async function seedOrders(db: Db): Promise<void> {
  const [ent] = await db.select().from(enterprises).where(eq(enterprises.name, '庆元县香菇食品有限公司'))
  const [ws] = await db.select().from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊'))
  const [ops] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'operator'))
  const [township] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'township'))
  const [entUser] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'enterprise'))
  if (!ent || !ws || !ops || !township || !entUser) return
  const rnd = new Random(5_2026)
  const base = {
    enterpriseId: ent.id,
    regionCode: ent.regionCode,
    unit: '袋',
    pickupAddress: '庆元县松源街道食用菌产业园 3 号仓',
    pickupLng: 119.0712,
    pickupLat: 27.6123,
    logistics: 'enterprise_delivers',
    qualityStandard: '菇盖完整、无霉变；每袋 500 g ± 5 g',
    createdBy: entUser.id,
  }
  await db.transaction(async (tx) => {
    const [open, running, settled, draft] = await tx
      .insert(orders)
      .values([
        { ...base, product: '干香菇分级包装', description: '按 A/B/C 三级分拣后装袋封口', quantity: 20000, workshopRateCentifen: 1800, workerRateCentifen: 1400, startOn: day(1), dueOn: day(21), skills: ['sorting', 'packing'], minBatch: 1000, maxBatch: 12000, status: 'open' },
        { ...base, product: '花菇精选', description: '花菇挑选去柄', quantity: 6000, workshopRateCentifen: 2500, workerRateCentifen: 2000, startOn: day(-60), dueOn: day(-30), skills: ['sorting'], minBatch: 500, maxBatch: 6000, status: 'in_production' },
        { ...base, product: '香菇礼盒装配', description: '礼盒折叠、装盒、贴标', quantity: 3000, workshopRateCentifen: 3500, workerRateCentifen: 2800, startOn: day(-90), dueOn: day(-70), skills: ['packing'], minBatch: 500, maxBatch: 3000, status: 'settled' },
        { ...base, product: '黑木耳分拣（草稿）', quantity: 10000, workshopRateCentifen: 1200, workerRateCentifen: 950, startOn: day(10), dueOn: day(40), skills: ['sorting'], minBatch: 1000, maxBatch: 10000, status: 'draft' },
      ])
      .returning({ id: orders.id })
    const hist = (orderId: string, steps: string[]) =>
      steps.map((to, i) => ({ orderId, fromStatus: i === 0 ? null : steps[i - 1]!, toStatus: to, byUserId: entUser.id, byUsername: 'enterprise' }))
    await tx.insert(orderStatusHistory).values([
      ...hist(open!.id, ['draft', 'open']),
      ...hist(running!.id, ['draft', 'open', 'allocated', 'in_production']),
      ...hist(settled!.id, ['draft', 'open', 'allocated', 'in_production', 'delivered', 'settled']),
      ...hist(draft!.id, ['draft']),
    ])
    const [a1, a2] = await tx
      .insert(allocations)
      .values([
        { orderId: running!.id, workshopId: ws.id, regionCode: ws.regionCode, quantity: 6000, source: 'claim', status: 'accepted', distanceKm: 1.1, respondedBy: ops.id, respondedAt: new Date() },
        { orderId: settled!.id, workshopId: ws.id, regionCode: ws.regionCode, quantity: 3000, source: 'claim', status: 'accepted', distanceKm: 1.1, respondedBy: ops.id, respondedAt: new Date() },
      ])
      .returning({ id: allocations.id })
    await tx.insert(claims).values([
      { orderId: running!.id, workshopId: ws.id, quantity: 6000, allocationId: a1!.id, claimedBy: ops.id },
      { orderId: settled!.id, workshopId: ws.id, quantity: 3000, allocationId: a2!.id, claimedBy: ops.id },
    ])
    // Running order: two checked batches (one 45 days ago → past the 30-day term), one waiting for the check.
    const rejected = rnd.int(20, 60)
    const batches = [
      { qty: 2500, deliveredOn: day(-46), accepted: -45, rejected },
      { qty: 2000, deliveredOn: day(-20), accepted: -19, rejected: 0 },
    ]
    const dels = batches.map((b) => ({
      workshopId: ws.id,
      regionCode: ws.regionCode,
      orderId: running!.id,
      allocationId: a1!.id,
      deliveredOn: b.deliveredOn,
      quantity: b.qty,
      acceptedQty: b.qty - b.rejected,
      rejectedQty: b.rejected,
      rejectReasons: b.rejected ? '菇盖破损、含杂质' : null,
      acceptedOn: day(b.accepted),
      amountFen: fen(b.qty - b.rejected, 2500),
      dueOn: day(b.accepted + 30), // the default 30-day payment term
      recordedBy: ops.id,
    }))
    const [firstDelivery] = await tx
      .insert(deliveries)
      .values([
        ...dels,
        { workshopId: ws.id, regionCode: ws.regionCode, orderId: running!.id, allocationId: a1!.id, deliveredOn: day(-2), quantity: 1000, recordedBy: ops.id },
        { workshopId: ws.id, regionCode: ws.regionCode, orderId: settled!.id, allocationId: a2!.id, deliveredOn: day(-75), quantity: 3000, acceptedQty: 3000, rejectedQty: 0, acceptedOn: day(-74), amountFen: fen(3000, 3500), dueOn: day(-44), recordedBy: ops.id },
      ])
      .returning({ id: deliveries.id })
    const paid = Math.floor(dels[0]!.amountFen / 2)
    await tx.insert(payments).values([
      { orderId: running!.id, workshopId: ws.id, regionCode: ws.regionCode, amountFen: paid, paidOn: day(-20), reference: 'ZJRCU-2026-0931', recordedBy: entUser.id },
      { orderId: settled!.id, workshopId: ws.id, regionCode: ws.regionCode, amountFen: fen(3000, 3500), paidOn: day(-50), reference: 'ZJRCU-2026-0712', recordedBy: entUser.id },
    ])
    const [dispute] = await tx
      .insert(disputes)
      .values({
        subject: 'delivery',
        orderId: running!.id,
        deliveryId: firstDelivery!.id,
        workshopId: ws.id,
        enterpriseId: ent.id,
        regionCode: ws.regionCode,
        title: '首批花菇退回数量有异议',
        description: `企业退回 ${rejected} 袋，工坊认为其中多数符合标准，且货款逾期未付清`,
        status: 'mediating',
        openedBy: ops.id,
        mediatorUserId: township.id,
      })
      .returning({ id: disputes.id })
    await tx.insert(disputeNotes).values([
      { disputeId: dispute!.id, body: '已约双方本周五在东门村文化礼堂复检', authorUserId: township.id },
      { disputeId: dispute!.id, body: '同意复检，余款复检后一周内付清', authorUserId: entUser.id },
    ])
  })
}
