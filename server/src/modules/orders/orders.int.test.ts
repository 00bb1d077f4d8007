import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { allocations, workshops } from '../../db/schema/index.ts'
import { addDays, today as chinaToday } from '@gongfang/shared/clock'

const t = useTestApp()
const today = chinaToday()

const orderBody = (extra: Record<string, unknown> = {}) => ({
  product: '香菇分拣包装',
  quantity: 12000,
  unit: '袋',
  workshopRateCentifen: 1505,
  workerRateCentifen: 1200,
  startOn: today,
  dueOn: addDays(today, 20),
  skills: ['sorting'],
  pickupAddress: '庆元县松源街道工业园',
  pickupLng: 119.07,
  pickupLat: 27.62,
  minBatch: 500,
  maxBatch: 8000,
  ...extra,
})

let operatorWorkshopId: string
beforeAll(async () => {
  const db = t.database.db
  const [own] = await db.select({ id: workshops.id }).from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊'))
  operatorWorkshopId = own!.id
  // A few more operating workshops around Qingyuan for the planner (no operator: only plans reach them).
  await db.insert(workshops).values(
    [
      { name: '测试工坊甲', lng: 119.1, lat: 27.65, dailyCapacity: 300, skills: ['sorting'] },
      { name: '测试工坊乙', lng: 119.2, lat: 27.7, dailyCapacity: 800, skills: ['sorting', 'packing'] },
      { name: '测试工坊丙', lng: 119.0, lat: 27.55, dailyCapacity: 200, skills: ['sewing'] },
      { name: '测试工坊丁', lng: 121.5, lat: 29.8, dailyCapacity: 5000, skills: ['sorting'] }, // Ningbo: far away
    ].map((w) => ({ ...w, type: 'processing', regionCode: '331126001200', status: 'operating' })),
  )
})

async function postOrder(as: string, extra: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/api/orders', { as, body: orderBody(extra) })
  expect(res.status, res.text).toBe(201)
  return res.body as { id: string; status: string }
}

describe('order life cycle', () => {
  test('post → open → plan → accept → operator accepts → deliver → check → pay → settled, every change recorded', async () => {
    const draft = await postOrder('enterprise')
    expect(draft.status).toBe('draft')
    expect((await t.api('GET', `/api/orders/${draft.id}`, { as: 'qingyuan' })).status).toBe(200)
    expect((await t.api('GET', `/api/orders/${draft.id}`, { as: 'longquan' })).status).toBe(404)
    // Drafts are not on the operators' market.
    expect((await t.api('GET', `/api/orders/${draft.id}`, { as: 'operator' })).status).toBe(404)
    // Plans are for open orders only.
    expect((await t.api('POST', `/api/orders/${draft.id}/plan`, { as: 'enterprise', body: {} })).status).toBe(409)

    const opened = await t.api('POST', `/api/orders/${draft.id}/status`, { as: 'enterprise', body: { status: 'open' } })
    expect(opened.status).toBe(200)
    expect(opened.body.status).toBe('open')
    const market = await t.api('GET', '/api/orders?claimable=true', { as: 'operator' })
    expect(market.body.items.map((o: { id: string }) => o.id)).toContain(draft.id)
    expect(market.body.items.find((o: { id: string }) => o.id === draft.id).distanceKm).toBeLessThan(2)

    const plan = await t.api('POST', `/api/orders/${draft.id}/plan`, { as: 'enterprise', body: { maxDistanceKm: 60 } })
    expect(plan.status, plan.text).toBe(201)
    const op = plan.body.orders[0]
    expect(op.lines.reduce((s: number, l: { quantity: number }) => s + l.quantity, 0)).toBe(12000)
    expect(op.shortfall).toBe(0)
    const names = op.lines.map((l: { workshopName: string }) => l.workshopName)
    expect(names).not.toContain('测试工坊丙') // lacks the skill
    expect(names).not.toContain('测试工坊丁') // too far
    for (const l of op.lines) {
      expect(l.quantity).toBeGreaterThanOrEqual(500)
      expect(l.quantity).toBeLessThanOrEqual(8000)
      expect(l.quantity).toBeLessThanOrEqual(l.freeCapacity)
      expect(l.why.zh).toContain('公里')
    }
    expect(plan.body.solver.status).toMatch(/optimal/)
    expect(plan.body.solver.objectiveFen).toBeLessThanOrEqual(plan.body.solver.greedyObjectiveFen)
    expect(typeof plan.body.solver.mipGap).toBe('number')
    expect((await t.api('GET', `/api/plans/${plan.body.id}`, { as: 'longquan' })).status).toBe(404)

    const accepted = await t.api('POST', `/api/plans/${plan.body.id}/accept`, { as: 'enterprise' })
    expect(accepted.status, accepted.text).toBe(200)
    expect(accepted.body.items.every((a: { status: string }) => a.status === 'offered')).toBe(true)
    expect((await t.api('POST', `/api/plans/${plan.body.id}/accept`, { as: 'enterprise' })).status).toBe(409)
    const afterPlan = await t.api('GET', `/api/orders/${draft.id}`, { as: 'enterprise' })
    expect(afterPlan.body.status).toBe('allocated')
    expect(afterPlan.body.allocatedQty).toBe(12000)

    // The operator sees only their own offer and accepts it.
    const offers = await t.api('GET', `/api/allocations?status=offered&orderId=${draft.id}`, { as: 'operator' })
    expect(offers.body.items.length).toBe(1)
    const mine = offers.body.items[0]
    expect(mine.workshopId).toBe(operatorWorkshopId)
    const opView = await t.api('GET', `/api/orders/${draft.id}`, { as: 'operator' })
    expect(opView.body.allocations.map((a: { workshopId: string }) => a.workshopId)).toEqual([operatorWorkshopId])
    expect((await t.api('POST', `/api/allocations/${mine.id}/accept`, { as: 'enterprise' })).status).toBe(403)
    const acc = await t.api('POST', `/api/allocations/${mine.id}/accept`, { as: 'operator' })
    expect(acc.status, acc.text).toBe(200)
    expect(acc.body.status).toBe('accepted')
    expect((await t.api('POST', `/api/allocations/${mine.id}/decline`, { as: 'operator' })).status).toBe(409)

    // Deliver more than allocated → 422; a proper batch → in production.
    expect((await t.api('POST', `/api/orders/${draft.id}/deliveries`, { as: 'operator', body: { quantity: mine.quantity + 1, deliveredOn: today } })).status).toBe(422)
    const del = await t.api('POST', `/api/orders/${draft.id}/deliveries`, { as: 'operator', body: { quantity: 1000, deliveredOn: today } })
    expect(del.status, del.text).toBe(201)
    expect((await t.api('GET', `/api/orders/${draft.id}`, { as: 'enterprise' })).body.status).toBe('in_production')

    // Check: 999 accepted × 1505 centifen = 1,503,495 centifen = 15,034.95 fen → 15,035 fen (half-up once).
    expect((await t.api('POST', `/api/deliveries/${del.body.id}/acceptance`, { as: 'enterprise', body: { acceptedQty: 999, rejectedQty: 1, acceptedOn: today } })).status).toBe(422)
    expect((await t.api('POST', `/api/deliveries/${del.body.id}/acceptance`, { as: 'operator', body: { acceptedQty: 999, rejectedQty: 1, rejectReasons: '破袋', acceptedOn: today } })).status).toBe(403)
    const chk = await t.api('POST', `/api/deliveries/${del.body.id}/acceptance`, { as: 'enterprise', body: { acceptedQty: 999, rejectedQty: 1, rejectReasons: '破袋', acceptedOn: today } })
    expect(chk.status, chk.text).toBe(200)
    expect(chk.body.amountFen).toBe(15035)
    expect(chk.body.dueOn).toBe(addDays(today, 30))
    expect((await t.api('POST', `/api/deliveries/${del.body.id}/acceptance`, { as: 'enterprise', body: { acceptedQty: 1000, rejectedQty: 0, acceptedOn: today } })).status).toBe(409)

    expect((await t.api('POST', `/api/orders/${draft.id}/payments`, { as: 'enterprise', body: { workshopId: operatorWorkshopId, amountFen: 15036, paidOn: today } })).status).toBe(422)
    const pay = await t.api('POST', `/api/orders/${draft.id}/payments`, { as: 'enterprise', body: { workshopId: operatorWorkshopId, amountFen: 15035, paidOn: today, reference: 'BANK-001' } })
    expect(pay.status, pay.text).toBe(201)

    const detail = (await t.api('GET', `/api/orders/${draft.id}`, { as: 'enterprise' })).body
    expect(detail.owedFen).toBe(15035)
    expect(detail.paidFen).toBe(15035)
    expect(detail.overdueFen).toBe(0)
    expect(detail.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['draft', 'open', 'allocated', 'in_production'])
    expect(detail.history[2].byUsername).toBe('enterprise')

    // Manual delivered, then paid in full → settled.
    const done = await t.api('POST', `/api/orders/${draft.id}/status`, { as: 'enterprise', body: { status: 'delivered' } })
    expect(done.body.status).toBe('delivered')
    const [audits] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where target_id = ${draft.id}`)
    expect(Number(audits!.n)).toBeGreaterThanOrEqual(4)
  })

  test('settles automatically when the last accepted delivery is paid', async () => {
    const o = await postOrder('enterprise', { quantity: 600, minBatch: 100, maxBatch: 600, publish: true })
    expect(o.status).toBe('open')
    const claim = await t.api('POST', `/api/orders/${o.id}/claims`, { as: 'operator', body: { quantity: 600 } })
    expect(claim.status, claim.text).toBe(201)
    expect((await t.api('GET', `/api/orders/${o.id}`, { as: 'enterprise' })).body.status).toBe('allocated')
    const d = await t.api('POST', `/api/orders/${o.id}/deliveries`, { as: 'operator', body: { quantity: 600, deliveredOn: today } })
    await t.api('POST', `/api/deliveries/${d.body.id}/acceptance`, { as: 'enterprise', body: { acceptedQty: 600, rejectedQty: 0, acceptedOn: today } })
    expect((await t.api('GET', `/api/orders/${o.id}`, { as: 'enterprise' })).body.status).toBe('delivered')
    // 600 × 1505 centifen = 903,000 centifen = 9,030 fen.
    await t.api('POST', `/api/orders/${o.id}/payments`, { as: 'enterprise', body: { workshopId: operatorWorkshopId, amountFen: 9030, paidOn: today } })
    expect((await t.api('GET', `/api/orders/${o.id}`, { as: 'enterprise' })).body.status).toBe('settled')
  })

  test('declining an offer returns its pieces to the order; cancelling cancels offers', async () => {
    const o = await postOrder('qingyuan', { enterpriseId: (await t.api('GET', '/api/auth/me', { as: 'enterprise' })).body.enterpriseId, publish: true, quantity: 3000 })
    const plan = await t.api('POST', `/api/orders/${o.id}/plan`, { as: 'qingyuan', body: { maxDistanceKm: 60 } })
    const rival = await t.api('POST', `/api/orders/${o.id}/plan`, { as: 'enterprise', body: { maxDistanceKm: 30, maxWorkshops: 1 } })
    expect(rival.body.orders[0].lines.length).toBeLessThanOrEqual(1)
    expect((await t.api('POST', `/api/plans/${plan.body.id}/accept`, { as: 'qingyuan' })).status).toBe(200)
    // Accepting one plan supersedes the other proposals for the order.
    expect((await t.api('GET', `/api/plans/${rival.body.id}`, { as: 'enterprise' })).body.status).toBe('superseded')
    expect((await t.api('POST', `/api/plans/${rival.body.id}/accept`, { as: 'enterprise' })).status).toBe(409)
    const mine = (await t.api('GET', `/api/allocations?status=offered&orderId=${o.id}`, { as: 'operator' })).body.items
    // 东门村 is nearest with room for all 3,000: the plan offers it work.
    expect(mine).toHaveLength(1)
    const dec = await t.api('POST', `/api/allocations/${mine[0].id}/decline`, { as: 'operator', body: { note: '本周人手不够' } })
    expect(dec.body.status).toBe('declined')
    expect(dec.body.note).toBe('本周人手不够')
    const after = (await t.api('GET', `/api/orders/${o.id}`, { as: 'enterprise' })).body
    expect(after.status).toBe('open')
    expect(after.allocatedQty).toBe(3000 - mine[0].quantity)
    const cancel = await t.api('POST', `/api/orders/${o.id}/status`, { as: 'enterprise', body: { status: 'cancelled' } })
    expect(cancel.body.status).toBe('cancelled')
    expect(cancel.body.allocations.every((a: { status: string }) => a.status === 'cancelled' || a.status === 'declined')).toBe(true)
  })

  test('an order that cannot be covered gets the best partial plan and the shortfall stated', async () => {
    const o = await postOrder('enterprise', { quantity: 5_000_000, maxBatch: 5_000_000, publish: true })
    const plan = await t.api('POST', `/api/orders/${o.id}/plan`, { as: 'enterprise', body: { maxDistanceKm: 60 } })
    expect(plan.status).toBe(201)
    const op = plan.body.orders[0]
    expect(op.shortfall).toBeGreaterThan(0)
    expect(op.covered + op.shortfall).toBe(5_000_000)
    expect(op.lines.reduce((s: number, l: { quantity: number }) => s + l.quantity, 0)).toBe(op.covered)
    expect(op.shortfallReason.zh).toContain('还差')
    expect(op.shortfallReason.en).toContain('short')
  })

  test('several orders planned together share the workshops’ capacity', async () => {
    const a = await postOrder('enterprise', { quantity: 40_000, maxBatch: 40_000, publish: true })
    const b = await postOrder('enterprise', { quantity: 40_000, maxBatch: 40_000, publish: true })
    const plan = await t.api('POST', '/api/plans', { as: 'enterprise', body: { orderIds: [a.id, b.id], maxDistanceKm: 60 } })
    expect(plan.status, plan.text).toBe(201)
    expect(plan.body.orders).toHaveLength(2)
    const perWorkshop = new Map<string, number>()
    for (const op of plan.body.orders)
      for (const l of op.lines) perWorkshop.set(l.workshopId, (perWorkshop.get(l.workshopId) ?? 0) + l.quantity)
    // 东门村: 4,000 a day over the shared period, minus what it already holds.
    const [own] = await t.database.db.select({ daily: workshops.dailyCapacity }).from(workshops).where(eq(workshops.id, operatorWorkshopId))
    expect(perWorkshop.get(operatorWorkshopId) ?? 0).toBeLessThanOrEqual(own!.daily * 21)
    for (const op of plan.body.orders) expect(op.covered + op.shortfall).toBe(40_000)
  })

  test('input and role errors change nothing', async () => {
    const bad = await t.api('POST', '/api/orders', { as: 'enterprise', body: orderBody({ dueOn: addDays(today, -1) }) })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toContain('dueOn')
    expect((await t.api('POST', '/api/orders', { as: 'worker', body: orderBody() })).status).toBe(403)
    expect((await t.api('POST', '/api/orders', { as: 'qingyuan', body: orderBody() })).status).toBe(422) // staff must name the enterprise
    expect((await t.api('POST', '/api/orders', { as: 'longquan', body: orderBody({ enterpriseId: (await t.api('GET', '/api/auth/me', { as: 'enterprise' })).body.enterpriseId }) })).status).toBe(404)
    expect((await t.api('GET', '/api/orders', { as: null })).status).toBe(401)
  })
})

describe('concurrent claims', () => {
  test('50 concurrent claims never allocate more than the order’s quantity', async () => {
    const o = await postOrder('enterprise', { quantity: 1000, minBatch: 1, maxBatch: 1000, publish: true })
    const results = await Promise.all(Array.from({ length: 50 }, () => t.api('POST', `/api/orders/${o.id}/claims`, { as: 'operator', body: { quantity: 37 } })))
    const ok = results.filter((r) => r.status === 201)
    const conflicts = results.filter((r) => r.status === 409)
    expect(ok.length).toBe(27) // 27 × 37 = 999 ≤ 1000 < 28 × 37
    expect(conflicts.length).toBe(23)
    expect(conflicts[0]!.body.type).toBe('urn:gongfang:problem:over-allocation')
    const [sum] = await queryRows<{ n: number }>(t.database.db, sql`select coalesce(sum(quantity), 0)::int as n from allocations where order_id = ${o.id} and status in ('offered', 'accepted')`)
    expect(Number(sum!.n)).toBe(999)
    const rows = await t.database.db.select().from(allocations).where(eq(allocations.orderId, o.id))
    expect(rows).toHaveLength(27)
    // The last piece: 1 fits, 2 do not.
    expect((await t.api('POST', `/api/orders/${o.id}/claims`, { as: 'operator', body: { quantity: 2 } })).status).toBe(409)
    expect((await t.api('POST', `/api/orders/${o.id}/claims`, { as: 'operator', body: { quantity: 1 } })).status).toBe(201)
    expect((await t.api('GET', `/api/orders/${o.id}`, { as: 'enterprise' })).body.status).toBe('allocated')
  })
})

describe('arrears', () => {
  test('the demo data has an order in arrears and a dispute under mediation', async () => {
    const flagged = await t.api('GET', '/api/orders?arrears=true', { as: 'enterprise' })
    const demo = flagged.body.items.find((o: { product: string }) => o.product === '花菇精选')
    expect(demo.status).toBe('in_production')
    expect(demo.overdueFen).toBeGreaterThan(0)
    const disputes = await t.api('GET', `/api/disputes?orderId=${demo.id}`, { as: 'township' })
    expect(disputes.body.items.map((d: { status: string }) => d.status)).toEqual(['mediating'])
  })

  test('accepted pieces unpaid past the term are flagged on the order, the workshop and the staff view', async () => {
    const o = await postOrder('enterprise', { quantity: 2000, minBatch: 100, maxBatch: 2000, publish: true, startOn: addDays(today, -60), dueOn: addDays(today, -35) })
    await t.api('POST', `/api/orders/${o.id}/claims`, { as: 'operator', body: { quantity: 2000 } })
    const d = await t.api('POST', `/api/orders/${o.id}/deliveries`, { as: 'operator', body: { quantity: 2000, deliveredOn: addDays(today, -40) } })
    // Accepted 40 days ago with the default 30-day term: 10 days overdue. 2,000 × 1505 centifen = 30,100 fen.
    await t.api('POST', `/api/deliveries/${d.body.id}/acceptance`, { as: 'enterprise', body: { acceptedQty: 2000, rejectedQty: 0, acceptedOn: addDays(today, -40) } })
    await t.api('POST', `/api/orders/${o.id}/payments`, { as: 'enterprise', body: { workshopId: operatorWorkshopId, amountFen: 10_000, paidOn: addDays(today, -5) } })

    const order = (await t.api('GET', `/api/orders/${o.id}`, { as: 'enterprise' })).body
    expect(order.owedFen).toBe(30_100)
    expect(order.overdueFen).toBe(20_100)
    expect(order.settlement[0].inArrears).toBe(true)
    expect(order.settlement[0].oldestDueOn).toBe(addDays(today, -10))

    const staff = await t.api('GET', '/api/arrears?overdueOnly=true', { as: 'township' })
    expect(staff.body.items.map((l: { orderId: string }) => l.orderId)).toContain(o.id)
    expect(staff.body.overdueFen).toBeGreaterThanOrEqual(20_100)
    const ws = await t.api('GET', `/api/arrears?workshopId=${operatorWorkshopId}&overdueOnly=true`, { as: 'operator' })
    expect(ws.body.items.find((l: { orderId: string }) => l.orderId === o.id).overdueFen).toBe(20_100)
    expect((await t.api('GET', '/api/arrears?overdueOnly=true', { as: 'longquan' })).body.items).toEqual([])
    const flagged = await t.api('GET', '/api/orders?arrears=true', { as: 'qingyuan' })
    expect(flagged.body.items.map((x: { id: string }) => x.id)).toContain(o.id)

    await t.api('POST', `/api/orders/${o.id}/payments`, { as: 'enterprise', body: { workshopId: operatorWorkshopId, amountFen: 20_100, paidOn: today } })
    const paid = (await t.api('GET', `/api/orders/${o.id}`, { as: 'enterprise' })).body
    expect(paid.overdueFen).toBe(0)
    expect(paid.status).toBe('settled')
  })
})

describe('disputes', () => {
  test('opened by a party, mediated by township staff, noted, resolved; visible to parties and the area’s staff only', async () => {
    const o = await postOrder('enterprise', { quantity: 800, minBatch: 100, maxBatch: 800, publish: true })
    await t.api('POST', `/api/orders/${o.id}/claims`, { as: 'operator', body: { quantity: 800 } })
    const opened = await t.api('POST', '/api/disputes', { as: 'operator', body: { subject: 'order', orderId: o.id, title: '验收标准不一致', description: '企业按新标准退回了 30 袋' } })
    expect(opened.status, opened.text).toBe(201)
    const id = opened.body.id
    expect(opened.body.status).toBe('open')
    expect(opened.body.workshopId).toBe(operatorWorkshopId)
    expect(opened.body.regionCode).toBe('331126001200')

    expect((await t.api('GET', `/api/disputes/${id}`, { as: 'enterprise' })).status).toBe(200)
    expect((await t.api('GET', `/api/disputes/${id}`, { as: 'township' })).status).toBe(200)
    expect((await t.api('GET', `/api/disputes/${id}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('GET', `/api/disputes/${id}`, { as: 'worker' })).status).toBe(404)

    expect((await t.api('POST', `/api/disputes/${id}/status`, { as: 'operator', body: { status: 'resolved', outcome: 'x' } })).status).toBe(403)
    const med = await t.api('POST', `/api/disputes/${id}/mediator`, { as: 'township', body: {} })
    expect(med.status, med.text).toBe(200)
    expect(med.body.status).toBe('mediating')
    expect(med.body.mediatorName).toBe('松源街道工作人员')
    const note = await t.api('POST', `/api/disputes/${id}/notes`, { as: 'enterprise', body: { body: '同意按旧标准复检' } })
    expect(note.status).toBe(201)
    expect(note.body.notes.at(-1).body).toBe('同意按旧标准复检')
    expect(note.body.notes.at(-1).at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect((await t.api('POST', `/api/disputes/${id}/status`, { as: 'township', body: { status: 'resolved' } })).status).toBe(422)
    const res = await t.api('POST', `/api/disputes/${id}/status`, { as: 'township', body: { status: 'resolved', outcome: '复检合格 25 袋，企业补付' } })
    expect(res.body.status).toBe('resolved')
    expect(res.body.outcome).toBe('复检合格 25 袋，企业补付')
    expect(res.body.closedAt).not.toBeNull()
    expect((await t.api('POST', `/api/disputes/${id}/status`, { as: 'operator', body: { status: 'withdrawn' } })).status).toBe(409)
    expect((await t.api('POST', `/api/disputes/${id}/notes`, { as: 'operator', body: { body: 'late' } })).status).toBe(409)
    const list = await t.api('GET', `/api/disputes?orderId=${o.id}`, { as: 'qingyuan' })
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([id])
  })

  test('a delivery dispute names the workshop; county staff assign the township’s staff as mediator, not an outsider', async () => {
    const o = await postOrder('enterprise', { quantity: 700, minBatch: 100, maxBatch: 700, publish: true })
    await t.api('POST', `/api/orders/${o.id}/claims`, { as: 'operator', body: { quantity: 700 } })
    const d = await t.api('POST', `/api/orders/${o.id}/deliveries`, { as: 'operator', body: { quantity: 700, deliveredOn: today } })
    const opened = await t.api('POST', '/api/disputes', { as: 'enterprise', body: { subject: 'delivery', deliveryId: d.body.id, title: '包装破损', description: '30 袋封口不严' } })
    expect(opened.status, opened.text).toBe(201)
    expect(opened.body.workshopId).toBe(operatorWorkshopId)
    expect(opened.body.orderId).toBe(o.id)
    const users = await queryRows<{ id: string; username: string }>(t.database.db, sql`select id, username from users where username in ('township', 'longquan')`)
    const id = (u: string) => users.find((x) => x.username === u)!.id
    expect((await t.api('POST', `/api/disputes/${opened.body.id}/mediator`, { as: 'qingyuan', body: { mediatorUserId: id('longquan') } })).status).toBe(422)
    const assigned = await t.api('POST', `/api/disputes/${opened.body.id}/mediator`, { as: 'qingyuan', body: { mediatorUserId: id('township') } })
    expect(assigned.body.mediatorName).toBe('松源街道工作人员')
    expect((await t.api('POST', `/api/disputes/${opened.body.id}/mediator`, { as: 'longquan', body: {} })).status).toBe(404)
    expect((await t.api('GET', `/api/disputes/${opened.body.id}`, { as: 'operator' })).body.status).toBe('mediating')
  })

  test('the opener can withdraw; others cannot; a worker opens a wage dispute with their workshop', async () => {
    const o = await postOrder('enterprise', { quantity: 500, minBatch: 100, maxBatch: 500, publish: true })
    const d = await t.api('POST', '/api/disputes', { as: 'enterprise', body: { subject: 'order', orderId: o.id, title: '交期', description: '延期' } })
    expect(d.status).toBe(201)
    expect((await t.api('POST', `/api/disputes/${d.body.id}/status`, { as: 'operator', body: { status: 'withdrawn' } })).status).toBe(404)
    const w = await t.api('POST', `/api/disputes/${d.body.id}/status`, { as: 'enterprise', body: { status: 'withdrawn' } })
    expect(w.body.status).toBe('withdrawn')

    const wage = await t.api('POST', '/api/disputes', { as: 'worker', body: { subject: 'wage', workshopId: operatorWorkshopId, title: '10 月计件少算', description: '少记 200 件' } })
    expect(wage.status, wage.text).toBe(201)
    expect((await t.api('GET', `/api/disputes/${wage.body.id}`, { as: 'operator' })).status).toBe(200)
    expect((await t.api('GET', `/api/disputes/${wage.body.id}`, { as: 'enterprise' })).status).toBe(404)
    expect((await t.api('POST', '/api/disputes', { as: 'worker', body: { subject: 'order', orderId: o.id, title: 'x', description: 'y' } })).status).toBe(404)
  })
})
