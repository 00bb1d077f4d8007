import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useEnv, useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

// A small limit for this file only.
useEnv({ GONGFANG_REVEAL_LIMIT_PER_HOUR: '3' })
const t = useTestApp()

test('reveal needs a listed reason, is audited with it, stops at the hourly limit with 429 and tells the county staff', async () => {
  const ids = (await queryRows<{ id: string }>(t.database.db, sql`select id::text from workers where region_code like '331126001%' order by id limit 4`)).map((r) => r.id)
  const reveal = (id: string, body: unknown) => t.api('POST', `/api/workers/${id}/reveal`, { as: 'township', body })

  const other = await reveal(ids[0]!, { reasonCode: 'other' })
  expect(other.status).toBe(422)
  expect(JSON.stringify(other.body)).toContain('选择“其他”时须填写原因')
  expect((await reveal(ids[0]!, { reasonCode: 'gossip' })).status).toBe(422)

  const first = await reveal(ids[0]!, { reasonCode: 'pay-by-bank' })
  expect(first.status).toBe(200)
  expect(first.body.idNumber).toMatch(/^\d{17}[\dX]$/)
  expect(first.headers.get('cache-control')).toContain('no-store')
  expect((await reveal(ids[1]!, { reasonCode: 'dispute', reason: '工资纠纷调解' })).status).toBe(200)
  expect((await reveal(ids[2]!, { reason: '核对身份' })).status).toBe(200) // the old form: words only, reason "other"
  const audits = await queryRows<{ detail: { reasonCode: string; reason: string } }>(
    t.database.db,
    sql`select detail from audit_log where action = 'worker.reveal' and username = 'township' order by id`,
  )
  expect(audits.map((a) => a.detail.reasonCode)).toEqual(['pay-by-bank', 'dispute', 'other'])
  expect(audits[0]!.detail.reason).toBe('银行代发工资核对')

  // The fourth in the hour is refused, says when to try again, and nothing is revealed or audited as a reveal.
  const refused = await reveal(ids[3]!, { reasonCode: 'identity-check' })
  expect(refused.status).toBe(429)
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600)
  expect(refused.text.includes('idNumber')).toBe(false)
  expect((await reveal(ids[3]!, { reasonCode: 'identity-check' })).status).toBe(429)
  const [{ n }] = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'worker.reveal' and username = 'township'`)) as [{ n: number }]
  expect(n).toBe(3)

  // One notice (however often refused), for the county and the city, not for the township itself.
  const county = await t.api('GET', '/api/notices', { as: 'qingyuan' })
  const mine = county.body.filter((x: { kind: string }) => x.kind === 'reveal-limit')
  expect(mine).toHaveLength(1)
  expect(mine[0].title).toContain('township')
  expect((await t.api('GET', '/api/notices', { as: 'lishui' })).body.some((x: { id: number }) => x.id === mine[0].id)).toBe(true)
  expect((await t.api('GET', '/api/notices', { as: 'township' })).body).toEqual([])
  expect((await t.api('GET', '/api/notices', { as: 'longquan' })).body).toEqual([])
  expect((await t.api('GET', '/api/notices', { as: 'operator' })).status).toBe(403)
  expect((await t.api('POST', `/api/notices/${mine[0].id}/read`, { as: 'longquan' })).status).toBe(404)
  expect((await t.api('POST', `/api/notices/${mine[0].id}/read`, { as: 'qingyuan' })).status).toBe(200)
  expect((await t.api('GET', '/api/notices', { as: 'qingyuan' })).body.find((x: { id: number }) => x.id === mine[0].id).read).toBe(true)
})

test('every read of a worker is audited with the people returned; the worker sees who looked and why', async () => {
  const [me] = await queryRows<{ id: string }>(t.database.db, sql`select worker_id::text as id from users where username = 'worker'`)
  // A list page, a read, the roster, and the lishui city staff's search by name: each leaves one row naming her.
  const list = await t.api('GET', '/api/workers?pageSize=50', { as: 'qingyuan' })
  expect(list.status).toBe(200)
  const listed = list.body.items.map((w: { id: string }) => w.id)
  const [row] = await queryRows<{ subject_ids: string[] | string; detail: { count: number } }>(
    t.database.db,
    sql`select subject_ids, detail from audit_log where action = 'worker.list' and username = 'qingyuan' order by id desc limit 1`,
  )
  const ids = typeof row!.subject_ids === 'string' ? row!.subject_ids.replace(/[{}]/g, '').split(',') : row!.subject_ids
  expect([...ids].sort()).toEqual([...listed].sort())
  expect(row!.detail.count).toBe(listed.length)

  expect((await t.api('GET', `/api/workers/${me!.id}`, { as: 'township' })).status).toBe(200)
  expect((await t.api('POST', `/api/workers/${me!.id}/reveal`, { as: 'qingyuan', body: { reasonCode: 'identity-check' } })).status).toBe(200)
  // Her own reads are not views of her record by someone else.
  expect((await t.api('GET', `/api/workers/${me!.id}`, { as: 'worker' })).status).toBe(200)

  const views = await t.api('GET', '/api/me/views', { as: 'worker' })
  expect(views.status).toBe(200)
  const actions = views.body.map((v: { action: string }) => v.action)
  expect(actions).toEqual(expect.arrayContaining(['worker.read', 'worker.reveal']))
  const reveal = views.body.find((v: { action: string }) => v.action === 'worker.reveal')
  expect(reveal).toMatchObject({ role: 'staff', reason: '身份核验' })
  expect(views.body.every((v: { who: string }) => v.who !== '—')).toBe(true)
  expect(views.text.includes('127.0.0.1')).toBe(false)
  expect((await t.api('GET', '/api/me/views', { as: 'township' })).status).toBe(403)
})
