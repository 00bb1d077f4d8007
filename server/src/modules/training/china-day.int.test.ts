import { beforeAll, expect, test } from 'vitest'
import { fixedClock } from '@gongfang/shared/clock'
import { useTestApp } from '../../../test/harness.ts'
import { makeWorker } from '../ratings/fixtures.ts'

// 00:30 on 1 December 2026 in China, still 30 November in UTC: "today" must be the China date.
const t = useTestApp({ clock: fixedClock('2026-11-30T16:30:00Z') })
const TOWNSHIP = '331126001'
const VILLAGE = '331126001200'
let worker: { id: string }

beforeAll(async () => {
  worker = await makeWorker(t.database.db, VILLAGE, '零点学员', ['packing'])
})

const session = (sessionDate: string) =>
  t.api('POST', '/api/training-sessions', {
    as: 'qingyuan',
    body: {
      regionCode: TOWNSHIP,
      topic: '分拣',
      skill: 'mushroom_grading',
      trainer: '吴',
      place: '成校',
      sessionDate,
      capacity: 5,
    },
  })

test('attendance for a session held on the China date is accepted between 00:00 and 08:00', async () => {
  const s = await session('2026-12-01')
  expect(s.status).toBe(201)
  const e = await t.api('POST', `/api/training-sessions/${s.body.id}/enrolments`, {
    as: 'qingyuan',
    body: { workerId: worker.id },
  })
  expect(e.status).toBe(201)
  const a = await t.api('POST', `/api/training-sessions/${s.body.id}/attendances`, {
    as: 'qingyuan',
    body: { workerIds: [worker.id] },
  })
  expect(a.status).toBe(200)
  expect(a.body).toMatchObject({ recorded: 1 })
})

test('a session of the next China day has not been held yet; one of 30 November is over for enrolment', async () => {
  const next = await session('2026-12-02')
  const early = await t.api('POST', `/api/training-sessions/${next.body.id}/attendances`, {
    as: 'qingyuan',
    body: { workerIds: [worker.id] },
  })
  expect(early.status).toBe(409)
  const past = await session('2026-11-30')
  const late = await t.api('POST', `/api/training-sessions/${past.body.id}/enrolments`, {
    as: 'qingyuan',
    body: { workerId: worker.id },
  })
  expect(late.status).toBe(409)
  expect(late.body.type).toBe('urn:gongfang:problem:session-past')
})
