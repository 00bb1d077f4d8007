import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../test/harness.ts'
import { queryRows } from './db/client.ts'
import { analyzeStale, purgeExpired, startHousekeeping } from './housekeeping.ts'

const t = useTestApp()

test('expired sessions and idempotency keys past their age are removed; live ones stay', async () => {
  const db = t.database.db
  await t.token('operator') // one live session
  const [u] = await queryRows<{ id: string }>(db, sql`select id from users where username = 'operator'`)
  await db.execute(
    sql`insert into sessions (token_hash, user_id, expires_at) values ('hk-expired', ${u!.id}, now() - interval '1 minute')`,
  )
  await db.execute(sql`insert into idempotency_keys (key, user_id, request_hash, status, body, created_at) values
    ('hk-old', ${u!.id}, 'h', 200, '{}'::jsonb, now() - interval '100 hours'),
    ('hk-new', ${u!.id}, 'h', 200, '{}'::jsonb, now() - interval '1 hour')`)
  const r = await purgeExpired(db, { idempotencyTtlHours: 72 })
  expect(r.sessions).toBeGreaterThanOrEqual(1)
  expect(r.idempotencyKeys).toBeGreaterThanOrEqual(1)
  const keys = await queryRows<{ key: string }>(
    db,
    sql`select key from idempotency_keys where key like 'hk-%' order by key`,
  )
  expect(keys.map((k) => k.key)).toEqual(['hk-new'])
  expect(await queryRows(db, sql`select 1 from sessions where token_hash = 'hk-expired'`)).toHaveLength(0)
  // The live session still works.
  expect((await t.api('GET', '/api/auth/me', { as: 'operator' })).status).toBe(200)
})

test('tables whose rows changed past the threshold are analysed, the others left alone', async () => {
  const db = t.database.db
  await db.execute(sql`create table hk_grow (id int primary key, v text)`)
  await db.execute(sql`insert into hk_grow select g, 'x' from generate_series(1, 500) g`)
  // The cumulative statistics reach pg_stat_user_tables when the backend reports them (at most once a second).
  const poll = async (until: (t: string[]) => boolean) => {
    for (let i = 0; i < 40; i++) {
      const t = await analyzeStale(db)
      if (until(t)) return t
      await new Promise((r) => setTimeout(r, 100))
    }
    return null
  }
  expect(await poll((t) => t.includes('public.hk_grow'))).toContain('public.hk_grow')
  const [after] = await queryRows<{ n: number }>(
    db,
    sql`select reltuples::int as n from pg_class where relname = 'hk_grow'`,
  )
  expect(after!.n).toBe(500)
  // Once the analysis is reported, the table is left alone until it changes again.
  expect(await poll((t) => !t.includes('public.hk_grow'))).not.toBeNull()
  await db.execute(sql`insert into hk_grow select g, 'y' from generate_series(501, 520) g`)
  expect(await analyzeStale(db)).not.toContain('public.hk_grow')
  await db.execute(sql`drop table hk_grow`)
})

test('the periodic analysis waits while it is held (a bulk load that analyses after itself), then runs', async () => {
  const db = t.database.db
  await db.execute(sql`create table hk_held (id int primary key)`)
  await db.execute(sql`insert into hk_held select g from generate_series(1, 300) g`)
  const analysed = async () =>
    (await queryRows<{ n: number }>(db, sql`select reltuples::int as n from pg_class where relname = 'hk_held'`))[0]!
      .n === 300
  let held = true
  const quiet = { info: () => {}, debug: () => {}, error: () => {} } as unknown as Parameters<
    typeof startHousekeeping
  >[1]['log']
  const stop = startHousekeeping(db, {
    idempotencyTtlHours: 72,
    everyMinutes: 60,
    analyzeSeconds: 0.05,
    holdAnalyze: () => held,
    log: quiet,
  })
  try {
    await new Promise((r) => setTimeout(r, 1_500))
    expect(await analysed()).toBe(false)
    held = false
    let done = false
    for (let i = 0; i < 60 && !done; i++) {
      await new Promise((r) => setTimeout(r, 100))
      done = await analysed()
    }
    expect(done).toBe(true)
  } finally {
    stop()
    await db.execute(sql`drop table hk_held`)
  }
})
