import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../test/harness.ts'
import { queryRows } from './db/client.ts'
import { purgeExpired } from './housekeeping.ts'

const t = useTestApp()

test('expired sessions and idempotency keys past their age are removed; live ones stay', async () => {
  const db = t.database.db
  await t.token('operator') // one live session
  const [u] = await queryRows<{ id: string }>(db, sql`select id from users where username = 'operator'`)
  await db.execute(sql`insert into sessions (token_hash, user_id, expires_at) values ('hk-expired', ${u!.id}, now() - interval '1 minute')`)
  await db.execute(sql`insert into idempotency_keys (key, user_id, request_hash, status, body, created_at) values
    ('hk-old', ${u!.id}, 'h', 200, '{}'::jsonb, now() - interval '100 hours'),
    ('hk-new', ${u!.id}, 'h', 200, '{}'::jsonb, now() - interval '1 hour')`)
  const r = await purgeExpired(db, { idempotencyTtlHours: 72 })
  expect(r.sessions).toBeGreaterThanOrEqual(1)
  expect(r.idempotencyKeys).toBeGreaterThanOrEqual(1)
  const keys = await queryRows<{ key: string }>(db, sql`select key from idempotency_keys where key like 'hk-%' order by key`)
  expect(keys.map((k) => k.key)).toEqual(['hk-new'])
  expect(await queryRows(db, sql`select 1 from sessions where token_hash = 'hk-expired'`)).toHaveLength(0)
  // The live session still works.
  expect((await t.api('GET', '/api/auth/me', { as: 'operator' })).status).toBe(200)
})
