import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { addDays, chinaDate } from '@gongfang/shared/clock'
import { useEnv, useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

// A small threshold for this file only.
useEnv({ GONGFANG_UNUSUAL_READS_PER_DAY: '40' })
const t = useTestApp()

test('an account that reads far more people than usual in a China day is flagged to its staff; a usual day or a small one is not', async () => {
  // lishui reads two pages of workers: 2 × 50 different people today, with no history: flagged.
  const p1 = await t.api('GET', '/api/workers?pageSize=50&page=1', { as: 'lishui' })
  const p2 = await t.api('GET', '/api/workers?pageSize=50&page=2', { as: 'lishui' })
  const read = new Set([...p1.body.items, ...p2.body.items].map((w: { id: string }) => w.id))
  expect(read.size).toBe(100)
  // longquan reads 10: below the threshold.
  expect((await t.api('GET', '/api/workers?pageSize=10', { as: 'longquan' })).status).toBe(200)

  // qingyuan reads 60 today, but usually reads about 50 a day (earlier days' audit rows, as the log would hold them).
  const [{ id: qingyuanId }] = (await queryRows<{ id: string }>(t.database.db, sql`select id::text from users where username = 'qingyuan'`)) as [{ id: string }]
  const theirs = (await queryRows<{ id: string }>(t.database.db, sql`select id::text from workers where region_code like '331126%' order by id limit 60`)).map((r) => r.id)
  const today = chinaDate()
  // Ten days back: the first of them (no history before it) lies outside the 7 days looked at.
  for (let d = 1; d <= 10; d++) {
    const at = new Date(`${addDays(today, -d)}T10:00:00+08:00`)
    await t.database.db.execute(sql`insert into audit_log (user_id, username, action, target_type, region_code, at, subject_ids)
      values (${qingyuanId}, 'qingyuan', 'worker.list', 'worker', '331126', ${at}, ${`{${theirs.slice(0, 50).join(',')}}`}::uuid[])`)
  }
  const q = await t.api('GET', '/api/workers?pageSize=60&region=331126', { as: 'qingyuan' })
  expect(q.body.items.length).toBe(60)

  const province = await t.api('GET', '/api/audit/unusual', { as: 'zhejiang' })
  expect(province.status).toBe(200)
  const flagged = province.body as { username: string; day: string; people: number; usual: number }[]
  expect(flagged).toEqual([{ username: 'lishui', day: today, people: 100, usual: 0 }])

  // The staff of a township do not see a city account's reads (filed under the city).
  expect((await t.api('GET', '/api/audit/unusual', { as: 'township' })).body).toEqual([])
  // Not for operators or workers.
  expect((await t.api('GET', '/api/audit/unusual', { as: 'operator' })).status).toBe(403)
})
