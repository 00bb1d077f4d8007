import { expect, test } from 'vitest'
import { Writable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { pino } from 'pino'
import { creditCodeCheckChar } from '@gongfang/shared'
import { useTestApp } from '../../test/harness.ts'

const lines: Record<string, unknown>[] = []
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>)
    done()
  },
})
const t = useTestApp({ log: pino({ level: 'info' }, sink) })
const cc18 = (first17: string) => first17 + creditCodeCheckChar(first17)!

test('every response carries a request id; a client id of a sane shape is kept', async () => {
  const a = await t.api('GET', '/api/health')
  expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  const b = await t.api('GET', '/api/health', { headers: { 'x-request-id': 'trace-12345678' } })
  expect(b.headers.get('x-request-id')).toBe('trace-12345678')
  const c = await t.api('GET', '/api/health', { headers: { 'x-request-id': 'bad id; drop' } })
  // Replaced by a fresh id (a random UUID may itself contain the letters b-a-d: compare the shape, not a substring).
  expect(c.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  expect(lines.some((l) => l.requestId === 'trace-12345678' && l.status === 200 && l.path === '/api/health')).toBe(true)
})

test('a constraint error leaves a JSON log line with its request id and SQLSTATE, and the problem carries the same id', async () => {
  // A rule only the database knows (no service pre-checks it), so the insert itself fails with 23505.
  await t.database.db.execute(sql`create unique index logging_test_enterprise_name_uq on enterprises (name) where name like '日志测试%'`)
  const body = (n: string) => ({ name: '日志测试同名企业', creditCode: cc18(`91331126MA2C0${n}`), regionCode: '331126001' })
  expect((await t.api('POST', '/api/enterprises', { as: 'qingyuan', body: body('9001') })).status).toBe(201)
  const dup = await t.api('POST', '/api/enterprises', { as: 'qingyuan', body: body('9002') })
  expect(dup.status).toBe(409)
  const id = dup.headers.get('x-request-id')
  expect(id).toBeTruthy()
  expect(dup.body.requestId).toBe(id)
  const logged = lines.find((l) => l.requestId === id && l.sqlState === '23505')
  expect(logged).toMatchObject({ level: 40, msg: 'database error', method: 'POST', path: '/api/enterprises' })
  // Request lines name the caller by id, never by personal data.
  const req = lines.find((l) => l.requestId === id && l.msg === 'request')
  expect(req).toMatchObject({ status: 409, userId: expect.any(String) })
  expect(JSON.stringify(lines)).not.toContain('日志测试同名企业')
})
