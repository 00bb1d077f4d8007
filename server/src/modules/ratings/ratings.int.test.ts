import { beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { makeWorker, makeWorkshop, villagesOf } from './fixtures.ts'

const t = useTestApp()
// 云和县: a mountain county the demo data does not rate; lishui (3311) and zhejiang (33) staff cover it.
const COUNTY = '331125'
let village: string
let ws: { id: string }
let ws2: { id: string }

beforeAll(async () => {
  const db = t.database.db
  village = (await villagesOf(db, COUNTY, 1))[0]!
  ws = await makeWorkshop(db, village!, '测试评星工坊')
  ws2 = await makeWorkshop(db, village!, '测试示范工坊')
  const a = await makeWorker(db, village!, '甲')
  const b = await makeWorker(db, village!, '乙')
  const c = await makeWorker(db, village!, '丙')
  const d = await makeWorker(db, village!, '丁')
  const wr = (
    w: { id: string },
    date: string,
    good: number,
    rejected: number,
    amount: number,
    low: boolean,
    reversalOf: number | null = null,
  ) => sql`(${ws.id}, ${w.id}, ${village}, ${date}, ${good}, ${rejected}, 5000, ${amount}, ${low}, ${reversalOf})`
  await db.execute(sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen, low_income, reversal_of)
    values ${sql.join([wr(a, '2025-01-10', 100, 0, 5000, true), wr(a, '2025-03-05', 200, 0, 10000, true), wr(b, '2025-01-11', 300, 20, 15000, false), wr(c, '2025-06-01', 100, 5, 5000, true), wr(d, '2025-06-02', 100, 0, 5000, false), wr(a, '2024-12-30', 100, 0, 5000, true)], sql`, `)}`)
  // D's only line is reversed: D earned nothing in 2025 and does not count as employed.
  const [dLine] = await queryRows<{ id: number }>(db, sql`select id from work_records where worker_id = ${d.id}`)
  await db.execute(sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen, low_income, reversal_of)
    values (${ws.id}, ${d.id}, ${village}, '2025-06-03', -100, 0, 5000, -5000, false, ${dLine!.id})`)

  const [ent] = await queryRows<{ id: string }>(db, sql`select id from enterprises order by created_at limit 1`)
  const order = async (due: string, qty: number) =>
    (
      await queryRows<{ id: string }>(
        db,
        sql`insert into orders (enterprise_id, region_code, product, quantity, workshop_rate_centifen, worker_rate_centifen, start_on, due_on, pickup_lng, pickup_lat, max_batch, status)
      values (${ent!.id}, ${COUNTY}, '香菇分拣', ${qty}, 10000, 5000, '2025-01-01', ${due}, 119.0, 27.6, ${qty}, 'delivered') returning id`,
      )
    )[0]!.id
  const o1 = await order('2025-05-31', 1000)
  const o2 = await order('2025-09-30', 500)
  const alloc = async (o: string, qty: number) =>
    (
      await queryRows<{ id: string }>(
        db,
        sql`insert into allocations (order_id, workshop_id, region_code, quantity, source, status)
      values (${o}, ${ws.id}, ${village}, ${qty}, 'claim', 'accepted') returning id`,
      )
    )[0]!.id
  const a1 = await alloc(o1, 1000)
  const a2 = await alloc(o2, 500)
  const delivery = (
    o: string,
    al: string,
    on: string,
    qty: number,
    acc: number,
    rej: number,
    accOn: string,
    fen: number,
    due: string,
  ) => sql`(${ws.id}, ${village}, ${on}, ${qty}, ${acc}, ${rej}, ${accOn}, ${o}, ${al}, ${fen}, ${due})`
  await db.execute(sql`insert into deliveries (workshop_id, region_code, delivered_on, quantity, accepted_qty, rejected_qty, accepted_on, order_id, allocation_id, amount_fen, due_on)
    values ${sql.join(
      [
        delivery(o1, a1, '2025-05-20', 600, 580, 20, '2025-05-25', 58000, '2025-06-24'),
        delivery(o1, a1, '2025-06-10', 400, 390, 10, '2025-06-12', 39000, '2025-07-12'),
        delivery(o2, a2, '2025-09-01', 500, 500, 0, '2025-09-05', 50000, '2025-10-05'),
      ],
      sql`, `,
    )}`)
  await db.execute(sql`insert into payments (order_id, workshop_id, region_code, amount_fen, paid_on) values
    (${o1}, ${ws.id}, ${village}, 58000, '2025-07-01'), (${o2}, ${ws.id}, ${village}, 20000, '2025-10-10')`)
  await db.execute(sql`insert into disputes (subject, order_id, workshop_id, region_code, title, description, status, created_at) values
    ('delivery', ${o1}, ${ws.id}, ${village}, '次品争议', '…', 'resolved', '2025-06-15T08:00:00Z'),
    ('payment', ${o2}, ${ws.id}, ${village}, '撤回的', '…', 'withdrawn', '2025-10-15T08:00:00Z')`)
  // Training: A and B are members and attended; C attended but is no member of the workshop.
  await db.execute(
    sql`insert into workshop_members (workshop_id, worker_id, start_on) values (${ws.id}, ${a.id}, '2025-01-01'), (${ws.id}, ${b.id}, '2025-01-01')`,
  )
  const [s] = await queryRows<{ id: string }>(
    db,
    sql`insert into training_sessions (region_code, topic, skill, trainer, place, session_date, capacity)
    values (${village}, '分拣技能', 'sorting', '李老师', '村文化礼堂', '2025-04-01', 30) returning id`,
  )
  await db.execute(sql`insert into training_attendances (worker_id, session_id, region_code, attended_on) values
    (${a.id}, ${s!.id}, ${village}, '2025-04-01'), (${b.id}, ${s!.id}, ${village}, '2025-04-01'), (${c.id}, ${s!.id}, ${village}, '2025-04-01')`)
})

const manual = [
  { key: 'management', score: 80, note: '台账规范' },
  { key: 'social_benefit', score: 70, note: '带动效果一般' },
]

test('a rating recomputed from the records matches the hand-computed example', async () => {
  const res = await t.api('POST', '/api/ratings', { as: 'lishui', body: { workshopId: ws.id, year: 2025, manual } })
  expect(res.status).toBe(200)
  const raw = Object.fromEntries(res.body.scores.map((s: { key: string; rawValue: number }) => [s.key, s.rawValue]))
  // employed A, B, C (D's line reversed); low-income A, C; wages 5,000+10,000+15,000+5,000+5,000−5,000 fen;
  // months Jan, Mar, Jun; fulfilment 580 on time of 1,000 + 500 of 500; rejects 30 of 1,500 checked;
  // arrears (97,000 − 58,000) + (50,000 − 20,000) fen; training A and B (C is no member); one dispute (one withdrawn).
  expect(raw).toEqual({
    employed: 3,
    low_income_share: 66.67,
    wages: 35000,
    months_active: 3,
    fulfilment: 72,
    reject_rate: 2,
    arrears: 69000,
    training: 2,
    disputes: 1,
    management: 80,
    social_benefit: 70,
  })
  // Province defaults: 15·10 + 15·100 + 15·0.07 + 10·25 + 10·72 + 5·60 + 10·93.1 + 5·20 + 5·66.67 + 5·80 + 5·70 = 5,035.38 / 100 → 50.4.
  expect(res.body.score).toBe(50.4)
  expect(res.body.stars).toBe(2)
  expect(res.body.scores.find((s: { key: string }) => s.key === 'management').note).toBe('台账规范')
  expect(res.body.countyRank).toBe(1)
  expect(res.body.ratedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

  const audit = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from audit_log where action = 'rating.rate' and target_id = ${ws.id}`,
  )
  expect(audit[0]!.n).toBe(1)
})

test('manual scores need a note; out-of-scope workshops are 404; only staff rate', async () => {
  const missing = await t.api('POST', '/api/ratings', {
    as: 'lishui',
    body: { workshopId: ws.id, year: 2025, manual: [manual[0]] },
  })
  expect(missing.status).toBe(422)
  const noNote = await t.api('POST', '/api/ratings', {
    as: 'lishui',
    body: { workshopId: ws.id, year: 2025, manual: [{ key: 'management', score: 80 }, manual[1]] },
  })
  expect(noNote.status).toBe(422)
  expect(noNote.body.errors[0].path).toMatch(/manual\.0\.note/)
  expect(
    (await t.api('POST', '/api/ratings', { as: 'longquan', body: { workshopId: ws.id, year: 2025, manual } })).status,
  ).toBe(404)
  expect(
    (await t.api('POST', '/api/ratings', { as: 'operator', body: { workshopId: ws.id, year: 2025, manual } })).status,
  ).toBe(403)
  expect(
    (await t.api('POST', '/api/ratings', { as: 'lishui', body: { workshopId: ws.id, year: 2999, manual } })).status,
  ).toBe(422)
  // Nothing changed by the failures.
  const list = await t.api('GET', `/api/ratings?year=2025&region=${COUNTY}`, { as: 'lishui' })
  expect(list.body.items.find((r: { workshopId: string }) => r.workshopId === ws.id).score).toBe(50.4)
  expect((await t.api('GET', `/api/ratings?year=2025&region=${COUNTY}`, { as: 'longquan' })).body.total).toBe(0)
})

test('county criteria change the weights; ranking; demonstration nomination and approval', async () => {
  const before = await t.api('GET', `/api/rating-criteria/${COUNTY}`, { as: 'lishui' })
  expect(before.body.configured).toBe(false)
  // Qingyuan's staff may not configure another county.
  expect(
    await t.status('PUT', `/api/rating-criteria/${COUNTY}`, {
      as: 'qingyuan',
      body: { criteria: [{ key: 'wages', weight: 1 }] },
    }),
  ).toBe(404)
  expect(
    await t.status('PUT', `/api/rating-criteria/${COUNTY}`, {
      as: 'lishui',
      body: { criteria: [{ key: 'craft', weight: 1 }] },
    }),
  ).toBe(422)
  const put = await t.api('PUT', `/api/rating-criteria/${COUNTY}`, {
    as: 'lishui',
    body: {
      criteria: [
        { key: 'wages', weight: 1, fullMark: 100000 },
        { key: 'craft', weight: 3, labelZh: '工艺水平', labelEn: 'Craft' },
      ],
    },
  })
  expect(put.status).toBe(200)
  expect(put.body.configured).toBe(true)
  expect(put.body.criteria.find((c: { key: string }) => c.key === 'employed').weight).toBe(0)

  // wages 35,000 of 100,000 → 35; craft 90: (35 + 3·90) / 4 = 76.25 → 76.3, four stars.
  const r1 = await t.api('POST', '/api/ratings', {
    as: 'lishui',
    body: { workshopId: ws.id, year: 2025, manual: [{ key: 'craft', score: 90, note: '手艺好' }] },
  })
  expect(r1.body).toMatchObject({ score: 76.3, stars: 4 })
  const r2 = await t.api('POST', '/api/ratings', {
    as: 'lishui',
    body: { workshopId: ws2.id, year: 2025, manual: [{ key: 'craft', score: 100, note: '精品' }] },
  })
  // ws2 has no records: wages 0 → 0 marks; (0 + 300) / 4 = 75.
  expect(r2.body).toMatchObject({ score: 75, stars: 4 })
  const list = await t.api('GET', `/api/ratings?year=2025&region=${COUNTY}`, { as: 'zhejiang' })
  expect(list.body.items.map((r: { workshopId: string; countyRank: number }) => [r.workshopId, r.countyRank])).toEqual([
    [ws.id, 1],
    [ws2.id, 2],
  ])
  expect(list.body.items[0].provinceRank).toBeGreaterThanOrEqual(1)

  const nom = await t.api('POST', '/api/demonstration-nominations', {
    as: 'lishui',
    body: { workshopId: ws.id, year: 2025, reason: '带动就业成效明显' },
  })
  expect(nom.status).toBe(201)
  expect(
    await t.status('POST', '/api/demonstration-nominations', {
      as: 'lishui',
      body: { workshopId: ws.id, year: 2025, reason: 'again' },
    }),
  ).toBe(409)
  // Own nomination cannot be approved by the nominator; county staff cannot decide.
  expect(
    await t.status('POST', `/api/demonstration-nominations/${nom.body.id}/decision`, {
      as: 'lishui',
      body: { approve: true },
    }),
  ).toBe(403)
  expect(
    await t.status('POST', `/api/demonstration-nominations/${nom.body.id}/decision`, {
      as: 'qingyuan',
      body: { approve: true },
    }),
  ).toBe(404)
  const ok = await t.api('POST', `/api/demonstration-nominations/${nom.body.id}/decision`, {
    as: 'zhejiang',
    body: { approve: true, note: '同意' },
  })
  expect(ok.status).toBe(200)
  expect(ok.body.status).toBe('approved')
  expect(ok.body.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/)
  expect(
    await t.status('POST', `/api/demonstration-nominations/${nom.body.id}/decision`, {
      as: 'zhejiang',
      body: { approve: false },
    }),
  ).toBe(409)
  const again = await t.api('GET', `/api/ratings?year=2025&region=${COUNTY}&stars=4`, { as: 'lishui' })
  expect(again.body.items.find((r: { workshopId: string }) => r.workshopId === ws.id).demonstration).toBe('approved')
})

test('a workshop rated low goes on the improvement list with follow-up dates', async () => {
  await t.api('PUT', `/api/rating-criteria/${COUNTY}`, {
    as: 'lishui',
    body: { criteria: [{ key: 'craft', weight: 1, labelZh: '工艺水平', labelEn: 'Craft' }] },
  })
  const low = await t.api('POST', '/api/ratings', {
    as: 'lishui',
    body: { workshopId: ws2.id, year: 2025, manual: [{ key: 'craft', score: 30, note: '返工多' }] },
  })
  expect(low.body.stars).toBe(1)
  const toImprove = await t.api('GET', `/api/ratings?year=2025&region=${COUNTY}&maxStars=2`, { as: 'lishui' })
  expect(toImprove.body.items.map((r: { workshopId: string }) => r.workshopId)).toEqual([ws2.id])
  expect(
    await t.status('POST', '/api/demonstration-nominations', {
      as: 'lishui',
      body: { workshopId: ws2.id, year: 2025, reason: 'x' },
    }),
  ).toBe(422)

  const plan = await t.api('POST', '/api/improvement-plans', {
    as: 'lishui',
    body: {
      workshopId: ws2.id,
      year: 2025,
      reason: '评星一星',
      plan: '更换分拣台，培训质检',
      followUps: ['2025-03-01', '2099-01-01'],
    },
  })
  expect(plan.status).toBe(201)
  expect(plan.body.followUps.map((f: { overdue: boolean }) => f.overdue)).toEqual([true, false])
  expect(plan.body.nextDueOn).toBe('2025-03-01')
  expect(
    await t.status('POST', '/api/improvement-plans', {
      as: 'lishui',
      body: { workshopId: ws2.id, year: 2025, reason: 'x', plan: 'y' },
    }),
  ).toBe(409)
  const overdue = await t.api('GET', `/api/improvement-plans?overdue=true&region=${COUNTY}`, { as: 'lishui' })
  expect(overdue.body.items.map((p: { id: string }) => p.id)).toEqual([plan.body.id])
  const fid = plan.body.followUps[0].id
  const done = await t.api('POST', `/api/improvement-plans/${plan.body.id}/follow-ups/${fid}/done`, {
    as: 'lishui',
    body: { doneOn: '2025-03-02', result: '已整改' },
  })
  expect(done.body.followUps[0].doneOn).toBe('2025-03-02')
  expect(done.body.nextDueOn).toBe('2099-01-01')
  expect(
    (await t.api('GET', `/api/improvement-plans?overdue=true&region=${COUNTY}`, { as: 'lishui' })).body.total,
  ).toBe(0)
  expect((await t.api('GET', `/api/improvement-plans/${plan.body.id}`, { as: 'longquan' })).status).toBe(404)
  const closed = await t.api('POST', `/api/improvement-plans/${plan.body.id}/close`, {
    as: 'lishui',
    body: { note: '整改完成' },
  })
  expect(closed.body.status).toBe('closed')
  expect(
    await t.status('POST', `/api/improvement-plans/${plan.body.id}/follow-ups`, {
      as: 'lishui',
      body: { dueOn: '2099-02-01' },
    }),
  ).toBe(409)
})
