import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { today } from '@gongfang/shared/clock'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()

test('the audit log: staff see what happened to their region’s data, filtered by action family, account and China dates; exports are audited', async () => {
  const [w] = await queryRows<{ id: string; region_code: string }>(t.database.db, sql`select id::text, region_code from workers where region_code like '331126001%' order by id limit 1`)
  expect((await t.api('POST', `/api/workers/${w!.id}/reveal`, { as: 'qingyuan', body: { reasonCode: 'identity-check' } })).status).toBe(200)

  const county = await t.api('GET', `/api/audit?action=worker&username=qingyuan&from=${today()}&to=${today()}`, { as: 'qingyuan' })
  expect(county.status).toBe(200)
  const reveal = county.body.items.find((e: { action: string; targetId: string }) => e.action === 'worker.reveal' && e.targetId === w!.id)
  expect(reveal).toMatchObject({ username: 'qingyuan', regionCode: w!.region_code })
  expect(county.body.items.every((e: { action: string; username: string }) => e.action.startsWith('worker.') && e.username === 'qingyuan')).toBe(true)
  // Another county sees nothing of it; the township it happened in does; yesterday has none of it.
  expect((await t.api('GET', `/api/audit?targetId=${w!.id}`, { as: 'longquan' })).body.items).toEqual([])
  expect((await t.api('GET', `/api/audit?targetId=${w!.id}`, { as: 'township' })).body.items.length).toBeGreaterThan(0)
  expect((await t.api('GET', `/api/audit?targetId=${w!.id}&to=2020-01-01`, { as: 'qingyuan' })).body.items).toEqual([])
  expect((await t.api('GET', '/api/audit', { as: 'operator' })).status).toBe(403)
  expect((await t.api('GET', '/api/audit?from=2025-13-01', { as: 'qingyuan' })).status).toBe(422)

  const csv = await t.api('GET', `/api/audit/export.csv?targetId=${w!.id}`, { as: 'qingyuan' })
  expect(csv.status).toBe(200)
  expect(csv.text).toContain('worker.reveal')
  expect(csv.text).toContain('identity-check')
  const [exp] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'audit.export' and username = 'qingyuan'`)
  expect(exp!.n).toBe(1)
})
