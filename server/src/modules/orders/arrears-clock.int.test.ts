import { expect, test } from 'vitest'
import { fixedClock } from '@gongfang/shared/clock'
import { useTestApp } from '../../../test/harness.ts'

// 00:30 on 1 December in China, still 30 November in UTC; the real date (and the database's current_date) is later.
const t = useTestApp({ clock: fixedClock('2026-11-30T16:30:00Z') })

test('arrears are counted on the China date of the request, not UTC or the database clock', async () => {
  const posted = await t.api('POST', '/api/orders', {
    as: 'enterprise',
    body: {
      product: '香菇分拣（时钟）', quantity: 200, unit: '袋', workshopRateCentifen: 1505, workerRateCentifen: 1200,
      startOn: '2026-10-01', dueOn: '2026-11-25', skills: ['sorting'], pickupLng: 119.07, pickupLat: 27.62,
      minBatch: 100, maxBatch: 200, publish: true,
    },
  })
  expect(posted.status, posted.text).toBe(201)
  const id = posted.body.id as string
  expect((await t.api('POST', `/api/orders/${id}/claims`, { as: 'operator', body: { quantity: 200 } })).status).toBe(201)
  // Two batches of 100 accepted a day apart with the 30-day term: due 30 November and 1 December (China).
  for (const [deliveredOn, acceptedOn] of [['2026-10-30', '2026-10-31'], ['2026-10-31', '2026-11-01']]) {
    const d = await t.api('POST', `/api/orders/${id}/deliveries`, { as: 'operator', body: { quantity: 100, deliveredOn } })
    expect(d.status, d.text).toBe(201)
    const a = await t.api('POST', `/api/deliveries/${d.body.id}/acceptance`, { as: 'enterprise', body: { acceptedQty: 100, rejectedQty: 0, acceptedOn } })
    expect(a.status, a.text).toBe(200)
  }
  const order = (await t.api('GET', `/api/orders/${id}`, { as: 'enterprise' })).body
  // Only the batch due yesterday (China) is overdue: 100 × 1505 centifen = 1,505 fen. UTC would say 0, current_date 3,010.
  expect(order.overdueFen).toBe(1505)
  expect(order.settlement[0]).toMatchObject({ owedFen: 3010, overdueFen: 1505, oldestDueOn: '2026-11-30', inArrears: true })
  const flagged = await t.api('GET', '/api/orders?arrears=true', { as: 'enterprise' })
  expect(flagged.body.items.map((o: { id: string }) => o.id)).toContain(id)
  const arrears = await t.api('GET', `/api/arrears?orderId=${id}`, { as: 'operator' })
  expect(arrears.body.overdueFen).toBe(1505)
})
