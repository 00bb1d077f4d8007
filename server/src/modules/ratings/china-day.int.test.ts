import { beforeAll, expect, test } from 'vitest'
import { fixedClock } from '@gongfang/shared/clock'
import { useTestApp } from '../../../test/harness.ts'
import { makeWorkshop, villagesOf } from './fixtures.ts'

// 00:30 on 1 December 2026 in China, still 30 November in UTC: "today" must be the China date.
const t = useTestApp({ clock: fixedClock('2026-11-30T16:30:00Z') })
const COUNTY = '331125'
let ws: { id: string }

beforeAll(async () => {
  const village = (await villagesOf(t.database.db, COUNTY, 1))[0]!
  ws = await makeWorkshop(t.database.db, village, '测试零点回访工坊')
})

test('a follow-up done on the China date is recorded, and one due yesterday is overdue', async () => {
  const plan = await t.api('POST', '/api/improvement-plans', {
    as: 'lishui',
    body: { workshopId: ws.id, year: 2026, reason: '评星一星', plan: '整改', followUps: ['2026-11-30', '2026-12-01'] },
  })
  expect(plan.status).toBe(201)
  // Due 30 November, not done: overdue in China on 1 December (UTC would still say 30 November).
  expect(plan.body.followUps.map((f: { overdue: boolean }) => f.overdue)).toEqual([true, false])
  const fid = plan.body.followUps[1].id
  const done = await t.api('POST', `/api/improvement-plans/${plan.body.id}/follow-ups/${fid}/done`, {
    as: 'lishui',
    body: { doneOn: '2026-12-01', result: '已回访' },
  })
  expect(done.status).toBe(200)
  expect(done.body.followUps[1].doneOn).toBe('2026-12-01')
  // The next China day is still the future.
  const tomorrow = await t.api(
    'POST',
    `/api/improvement-plans/${plan.body.id}/follow-ups/${plan.body.followUps[0].id}/done`,
    {
      as: 'lishui',
      body: { doneOn: '2026-12-02', result: '已回访' },
    },
  )
  expect(tomorrow.status).toBe(422)
})
