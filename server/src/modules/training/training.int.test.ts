import { beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { systemClock, today as chinaToday } from '@gongfang/shared/clock'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { makeWorker } from '../ratings/fixtures.ts'

const t = useTestApp()
const TOWNSHIP = '331126001' // 松源街道, 庆元县
const VILLAGE = '331126001200'
// The server's "today" is the China date; so is the test's.
const today = chinaToday(systemClock)
let ws: { id: string }[]

beforeAll(async () => {
  ws = []
  for (const n of ['一', '二', '三']) ws.push(await makeWorker(t.database.db, VILLAGE, `培训学员${n}`, ['packing']))
})

const newSession = (capacity: number, date = today, as = 'qingyuan') =>
  t.api('POST', '/api/training-sessions', {
    as,
    body: {
      regionCode: TOWNSHIP,
      topic: '香菇分级与包装',
      skill: 'mushroom_grading',
      trainer: '吴技术员',
      place: '松源街道成校',
      sessionDate: date,
      capacity,
    },
  })

test('enrolment enforces capacity, also under concurrent requests', async () => {
  const s = await newSession(2)
  expect(s.status).toBe(201)
  expect(s.body).toMatchObject({ capacity: 2, enrolled: 0, regionName: '松源街道' })
  const results = await Promise.all(
    ws.map((w) =>
      t.api('POST', `/api/training-sessions/${s.body.id}/enrolments`, { as: 'qingyuan', body: { workerId: w.id } }),
    ),
  )
  expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409])
  expect(results.find((r) => r.status === 409)!.body.type).toBe('urn:gongfang:problem:session-full')
  const [n] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from training_enrolments where session_id = ${s.body.id}`,
  )
  expect(n!.n).toBe(2)
  const enrolled = results.filter((r) => r.status === 201)
  expect(enrolled.at(-1)!.body.enrolled).toBeLessThanOrEqual(2)
})

test('attendance adds the skill with the date; only enrolled workers; headcount by region', async () => {
  const before = await t.api('GET', '/api/training/headcount?region=331126')
  expect(before.status).toBe(200)
  const s = await newSession(10)
  for (const w of ws.slice(0, 2)) {
    const r = await t.api('POST', `/api/training-sessions/${s.body.id}/enrolments`, {
      as: 'qingyuan',
      body: { workerId: w.id },
    })
    expect(r.status).toBe(201)
  }
  expect(
    await t.status('POST', `/api/training-sessions/${s.body.id}/enrolments`, {
      as: 'qingyuan',
      body: { workerId: ws[0]!.id },
    }),
  ).toBe(409)
  const notEnrolled = await t.api('POST', `/api/training-sessions/${s.body.id}/attendances`, {
    as: 'qingyuan',
    body: { workerIds: [ws[0]!.id, ws[2]!.id] },
  })
  expect(notEnrolled.status).toBe(422)
  expect(notEnrolled.body.errors.map((e: { path: string }) => e.path)).toEqual(['json.workerIds.1'])

  const att = await t.api('POST', `/api/training-sessions/${s.body.id}/attendances`, {
    as: 'qingyuan',
    body: { workerIds: [ws[0]!.id, ws[1]!.id] },
  })
  expect(att.status).toBe(200)
  expect(att.body).toEqual({ recorded: 2, already: 0, skillsAdded: 2 })
  const again = await t.api('POST', `/api/training-sessions/${s.body.id}/attendances`, {
    as: 'qingyuan',
    body: { workerIds: [ws[0]!.id] },
  })
  expect(again.body).toEqual({ recorded: 0, already: 1, skillsAdded: 0 })

  const [w0] = await queryRows<{ skills: string[] }>(
    t.database.db,
    sql`select skills from workers where id = ${ws[0]!.id}`,
  )
  expect(w0!.skills).toEqual(['packing', 'mushroom_grading'])
  const skills = await t.api('GET', `/api/workers/${ws[0]!.id}/skills`, { as: 'qingyuan' })
  expect(skills.body).toContainEqual({
    skill: 'mushroom_grading',
    acquiredOn: today,
    source: 'training',
    sessionId: s.body.id,
    topic: '香菇分级与包装',
  })
  expect(skills.body).toContainEqual(expect.objectContaining({ skill: 'packing', source: 'registry' }))
  const [trained] = await queryRows<{ region_code: string; attended_on: string }>(
    t.database.db,
    sql`select region_code, attended_on::text from training_attendances where session_id = ${s.body.id} and worker_id = ${ws[0]!.id}`,
  )
  expect(trained).toEqual({ region_code: VILLAGE, attended_on: today })

  const enrolments = await t.api('GET', `/api/training-sessions/${s.body.id}/enrolments`, { as: 'qingyuan' })
  expect(enrolments.body.filter((e: { attended: boolean }) => e.attended)).toHaveLength(2)
  // A cancelled enrolment is refused once attendance is recorded.
  expect(
    (await t.api('DELETE', `/api/training-sessions/${s.body.id}/enrolments/${ws[0]!.id}`, { as: 'qingyuan' })).status,
  ).toBe(409)

  const after = await t.api('GET', '/api/training/headcount?region=331126')
  expect(after.body.total.trainedWorkers - before.body.total.trainedWorkers).toBe(2)
  expect(after.body.total.attendances - before.body.total.attendances).toBe(2)
  const child = (h: { children: { regionCode: string; trainedWorkers: number }[] }) =>
    h.children.find((c) => c.regionCode === TOWNSHIP)!.trainedWorkers
  expect(child(after.body) - child(before.body)).toBe(2)
  expect(after.body.children.reduce((a: number, c: { attendances: number }) => a + c.attendances, 0)).toBe(
    after.body.total.attendances,
  )
  const year = await t.api('GET', `/api/training/headcount?region=331126&year=${today.slice(0, 4)}`)
  expect(year.body.total.trainedWorkers).toBeGreaterThanOrEqual(2)
  expect((await t.api('GET', '/api/training/headcount?region=339999')).status).toBe(404)
})

test('scope: other counties see nothing; workers enrol themselves; no attendance before the session', async () => {
  const s = await newSession(5)
  expect((await t.api('GET', `/api/training-sessions/${s.body.id}`, { as: 'longquan' })).status).toBe(404)
  expect(
    await t.status('POST', `/api/training-sessions/${s.body.id}/enrolments`, {
      as: 'longquan',
      body: { workerId: ws[0]!.id },
    }),
  ).toBe(404)
  // The demo worker sees the sessions of her township and enrols herself, but nobody else.
  const mine = await t.api('GET', '/api/training-sessions', { as: 'worker' })
  expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(s.body.id)
  expect(mine.body.items.find((x: { id: string }) => x.id === s.body.id).mine).toBe(false)
  const [me] = await queryRows<{ worker_id: string }>(
    t.database.db,
    sql`select worker_id from users where username = 'worker'`,
  )
  expect(
    await t.status('POST', `/api/training-sessions/${s.body.id}/enrolments`, {
      as: 'worker',
      body: { workerId: me!.worker_id },
    }),
  ).toBe(201)
  expect(
    await t.status('POST', `/api/training-sessions/${s.body.id}/enrolments`, {
      as: 'worker',
      body: { workerId: ws[1]!.id },
    }),
  ).toBe(404)
  expect(
    await t.status('POST', `/api/training-sessions/${s.body.id}/attendances`, {
      as: 'worker',
      body: { workerIds: [me!.worker_id] },
    }),
  ).toBe(403)

  const future = await newSession(5, '2099-06-01')
  await t.api('POST', `/api/training-sessions/${future.body.id}/enrolments`, {
    as: 'qingyuan',
    body: { workerId: ws[2]!.id },
  })
  expect(
    await t.status('POST', `/api/training-sessions/${future.body.id}/attendances`, {
      as: 'qingyuan',
      body: { workerIds: [ws[2]!.id] },
    }),
  ).toBe(409)
  const past = await newSession(5, '2020-06-01')
  expect(
    await t.status('POST', `/api/training-sessions/${past.body.id}/enrolments`, {
      as: 'qingyuan',
      body: { workerId: ws[2]!.id },
    }),
  ).toBe(409)

  expect((await newSession(0)).status).toBe(422)
  expect(
    await t.status('POST', '/api/training-sessions', {
      as: 'longquan',
      body: {
        regionCode: TOWNSHIP,
        topic: 'x',
        skill: 'sorting',
        trainer: 'x',
        place: 'x',
        sessionDate: today,
        capacity: 3,
      },
    }),
  ).toBe(404)
  const list = await t.api('GET', '/api/training-sessions?pageSize=2', { as: 'qingyuan' })
  expect(list.body.items).toHaveLength(2)
  expect(list.body.total).toBeGreaterThanOrEqual(5)
  expect(
    (await t.api('GET', '/api/training-sessions', { as: 'longquan' })).body.items.every((x: { regionCode: string }) =>
      x.regionCode.startsWith('331181'),
    ),
  ).toBe(true)
})
