import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { sql } from 'drizzle-orm'
import { createApp } from '../app.ts'
import { onError } from '../http/problem.ts'
import { openDatabase, preparedRows, queryRows, type Database } from './client.ts'
import { PGLITE_TEMPLATE, TEST_DB, postgresUrl } from '../../test/test-db.ts'

// A route that runs one statement, answered through the app's own error handler.
function sleeper(database: Database) {
  const app = new Hono()
  app.onError(onError)
  app.get('/sleep/:s', async (c) => {
    await database.db.execute(sql`select pg_sleep(${Number(c.req.param('s'))})`)
    return c.json({ slept: true })
  })
  return app
}

async function timed(f: () => Response | Promise<Response>) {
  const t0 = performance.now()
  const res = await f()
  await res.arrayBuffer()
  return { status: res.status, ms: performance.now() - t0, headers: res.headers }
}

describe.runIf(TEST_DB === 'pglite')('embedded database on its own thread', () => {
  let dataDir: string
  let webDir: string
  let database: Database
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gf-nonblocking-'))
    webDir = mkdtempSync(join(tmpdir(), 'gf-web-'))
    mkdirSync(join(webDir, 'assets'))
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)')
    // 1.5 s: long enough for anything but the sleeps below, short enough for a test.
    database = await openDatabase({ loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]), dataDir, threaded: true, statementTimeoutMs: 1_500 })
  })
  afterAll(async () => {
    await database?.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(webDir, { recursive: true, force: true })
  })

  test('health and a static file answer within 100 ms while a statement runs; the statement still completes', async () => {
    const app = createApp({ database, webDir, serveWeb: true })
    // First calls pay for lazy set-up (file handles, route compilation): not what this measures.
    for (const path of ['/api/health', '/assets/app-abc123.js']) await (await app.request(path)).arrayBuffer()
    database.limitStatements(0)
    const slow = sleeper(database).request('/sleep/2')
    // Wait until the database thread is inside the statement (its watchdog stops hearing from it).
    for (let i = 0; i < 100 && database.state() !== 'busy'; i++) await new Promise((r) => setTimeout(r, 20))
    expect(database.state()).toBe('busy')
    const health: number[] = []
    const asset: number[] = []
    for (let i = 0; i < 5; i++) {
      const h = await timed(() => app.request('/api/health'))
      const a = await timed(() => app.request('/assets/app-abc123.js'))
      expect([h.status, a.status]).toEqual([200, 200])
      health.push(h.ms)
      asset.push(a.ms)
    }
    // All of them answered while the statement was still running.
    expect(database.state()).toBe('busy')
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!
    console.log(`during a 2 s statement: health ${health.map((x) => x.toFixed(1)).join(', ')} ms; static file ${asset.map((x) => x.toFixed(1)).join(', ')} ms`)
    // The median of five, so one scheduling hiccup of a loaded 2-core machine is not read as blocking (which costs seconds).
    expect(median(health)).toBeLessThan(100)
    expect(median(asset)).toBeLessThan(100)
    expect((await slow).status).toBe(200)
    database.limitStatements(1_500)
  })

  test('the limit is per statement: back-to-back statements, each under it, all complete', async () => {
    // 3 × 1 s against the 1.5 s limit: a watchdog that measured time since the thread was last idle would stop the second.
    for (let i = 0; i < 3; i++) await database.db.execute(sql`select pg_sleep(1)`)
    expect(database.state()).not.toBe('restarting')
  })

  test('a statement past its limit ends in a 503 problem; the database restarts and keeps its data', async () => {
    const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from workers`)
    const res = await sleeper(database).request('/sleep/5')
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(((await res.json()) as { type: string }).type).toBe('urn:gongfang:problem:statement-timeout')
    // Requests during the restart also get 503, not a hang; afterwards the same data answers again.
    for (let i = 0; i < 200 && database.state() !== 'ok'; i++) await new Promise((r) => setTimeout(r, 50))
    expect(database.state()).toBe('ok')
    const after = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from workers`)
    expect(after[0]!.n).toBe(before[0]!.n)
    expect(before[0]!.n).toBeGreaterThan(0)
  })

  test('a statement past its limit inside a transaction fails that transaction only; the process keeps serving', async () => {
    // The connection is checked out of the pool while a transaction runs: its loss is emitted on the client,
    // which ended the whole process before the client had a listener (an uncaught 'error' event).
    const uncaught: unknown[] = []
    const onUncaught = (e: unknown) => uncaught.push(e)
    process.on('uncaughtException', onUncaught)
    try {
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`)
          await tx.execute(sql`select pg_sleep(5)`)
        }),
      ).rejects.toThrow()
      for (let i = 0; i < 200 && database.state() !== 'ok'; i++) await new Promise((r) => setTimeout(r, 50))
      expect(database.state()).toBe('ok')
      expect((await queryRows<{ n: number }>(database.db, sql`select 1 as n`))[0]!.n).toBe(1)
      await new Promise((r) => setTimeout(r, 100))
      expect(uncaught).toEqual([])
    } finally {
      process.off('uncaughtException', onUncaught)
    }
  })

  test('a failed statement costs its connection only: the next one works, prepared statements included', async () => {
    const text = 'select count(*)::int as n from workers where region_code like $1'
    const [first] = await preparedRows<{ n: number }>(database.db, text, ['3311%'])
    await expect(database.db.execute(sql`select 1 / ${0}::int`)).rejects.toThrow()
    // pg's pool opens a new connection after the error; PGlite's one backend still holds the statement prepared
    // by the old one, under the same name.
    const [again] = await preparedRows<{ n: number }>(database.db, text, ['3311%'])
    expect(again!.n).toBe(first!.n)
    await expect(database.db.transaction(async (tx) => tx.execute(sql`select 1 / ${0}::int`))).rejects.toThrow()
    expect((await preparedRows<{ n: number }>(database.db, text, ['3311%']))[0]!.n).toBe(first!.n)
  })

  test('a NOTIFY reaches the listener before the statement that sent it returns', async () => {
    let heard = 0
    await database.listen!('gf_test_channel', () => heard++)
    const start = heard
    await database.db.execute(sql`select pg_notify('gf_test_channel', 'x')`)
    expect(heard).toBe(start + 1)
  })
})

describe.runIf(TEST_DB === 'postgres')('PostgreSQL statement limit', () => {
  test('a statement past statement_timeout ends in a 503 problem', async () => {
    const database = await openDatabase({ url: postgresUrl(), statementTimeoutMs: 300, poolSize: 2 })
    try {
      const res = await sleeper(database).request('/sleep/3')
      expect(res.status).toBe(503)
      expect(((await res.json()) as { type: string }).type).toBe('urn:gongfang:problem:statement-timeout')
      expect((await queryRows<{ one: number }>(database.db, sql`select 1 as one`))[0]!.one).toBe(1)
    } finally {
      await database.close()
    }
  })
})
