import { describe, expect, test } from 'vitest'
import { DEMO_ACCOUNTS } from '../../demo/seed-demo.ts'
import { loginLimiter, usernameLimiter } from './routes.ts'
import { useTestApp } from '../../../test/harness.ts'
import { sql } from 'drizzle-orm'

const t = useTestApp()

describe('login', () => {
  test.each(DEMO_ACCOUNTS.map((a) => a.username))('%s can log in and me shows role and region', async (username) => {
    const token = await t.token(username)
    const me = await t.api('GET', '/api/auth/me', { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(200)
    const account = DEMO_ACCOUNTS.find((a) => a.username === username)!
    expect(me.body.role).toBe(account.role)
    expect(me.body.regionCode).toBe(account.regionCode)
  })

  test('me lists the operations the role may perform, as the access table says, and the API agrees', async () => {
    const perms = async (u: string) => new Set<string>((await t.api('GET', '/api/auth/me', { as: u })).body.permissions)
    const operator = await perms('operator')
    const staff = await perms('qingyuan')
    const worker = await perms('worker')
    expect(operator.has('paysheets.write') && operator.has('paysheets.deductions.write')).toBe(true)
    expect(operator.has('paysheets.approve') || operator.has('paysheets.deductions.approve')).toBe(false)
    expect(staff.has('paysheets.approve') && staff.has('payments.accounts.approve-proxy')).toBe(true)
    expect(worker.has('payments.slips.confirm') && !worker.has('paysheets.write')).toBe(true)
    // What the list says is what the server does: the worker may not write a pay sheet's deductions.
    const sheet = (await t.api('GET', '/api/paysheets?pageSize=1', { as: 'operator' })).body.items[0]
    const res = await t.api('POST', `/api/paysheets/${sheet.id}/deductions`, { as: 'worker', body: { workerId: sheet.id, code: 'other', amountFen: 100, reason: '测试' } })
    expect(res.status).toBe(403)
  })

  test('staff levels follow the region they are bound to', async () => {
    const levels: Record<string, string> = {}
    for (const u of ['zhejiang', 'lishui', 'qingyuan', 'township']) levels[u] = (await t.api('GET', '/api/auth/me', { as: u })).body.staffLevel
    expect(levels).toEqual({ zhejiang: 'province', lishui: 'city', qingyuan: 'county', township: 'township' })
    expect((await t.api('GET', '/api/auth/me', { as: 'qingyuan' })).body.regionName).toBe('庆元县')
  })

  test('wrong password → 401 problem+json in Chinese, or English when asked', async () => {
    const zh = await t.api('POST', '/api/auth/login', { body: { username: 'lishui', password: 'nope' } })
    expect(zh.status).toBe(401)
    expect(zh.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(zh.body).toMatchObject({ status: 401, title: '用户名或密码错误' })
    const en = await t.api('POST', '/api/auth/login', {
      body: { username: 'lishui', password: 'nope' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    })
    expect(en.body.title).toBe('Wrong username or password')
    loginLimiter.reset('local|lishui')
    usernameLimiter.reset('lishui')
  })

  test('the 11th wrong try within a minute gets 429, even with the right password', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await t.api('POST', '/api/auth/login', { body: { username: 'longquan', password: `bad${i}` } })).status)
    expect(statuses).toEqual(Array(10).fill(401))
    const eleventh = await t.api('POST', '/api/auth/login', { body: { username: 'longquan', password: 'gongfang-demo' } })
    expect(eleventh.status).toBe(429)
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0)
    loginLimiter.reset('local|longquan')
    usernameLimiter.reset('longquan')
  })

  test('bad input is a 422 with field errors, never a 500', async () => {
    const res = await t.api('POST', '/api/auth/login', { body: { username: 5 } })
    expect(res.status).toBe(422)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['json.password', 'json.username'])
    const malformed = await t.api('POST', '/api/auth/login', { body: '{not json', headers: { 'content-type': 'application/json' } })
    expect(malformed.status).toBe(400)
    expect(malformed.headers.get('content-type')).toMatch(/problem\+json/)
  })
})

describe('sessions', () => {
  test('cookie session works for reads and needs the CSRF header for writes', async () => {
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'township', password: 'gongfang-demo' }),
    })
    const cookies = res.headers.getSetCookie()
    const session = cookies.find((c) => c.startsWith('gf_session='))!
    expect(session).toMatch(/HttpOnly/i)
    expect(session).toMatch(/SameSite=Lax/i)
    const csrf = cookies.find((c) => c.startsWith('gf_csrf='))!.split(';')[0]!.split('=')[1]!
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ')
    expect((await t.api('GET', '/api/auth/me', { headers: { cookie } })).status).toBe(200)
    const noCsrf = await t.api('PUT', '/api/auth/me/locale', { headers: { cookie }, body: { locale: 'en' } })
    expect(noCsrf.status).toBe(403)
    const withCsrf = await t.api('PUT', '/api/auth/me/locale', { headers: { cookie, 'x-csrf-token': csrf }, body: { locale: 'en' } })
    expect(withCsrf.status).toBe(200)
    expect(withCsrf.body.locale).toBe('en')
    const out = await t.api('POST', '/api/auth/logout', { headers: { cookie, 'x-csrf-token': csrf } })
    expect(out.status).toBe(204)
    expect((await t.api('GET', '/api/auth/me', { headers: { cookie } })).status).toBe(401)
  })

  test('a bogus bearer token is anonymous', async () => {
    const res = await t.api('GET', '/api/auth/me', { headers: { authorization: 'Bearer nonsense' } })
    expect(res.status).toBe(401)
  })

  test('secure headers are set', async () => {
    const res = await t.api('GET', '/api/health')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })
})

describe('sessions are never stale (the embedded server keeps them in memory)', () => {
  test('a workshop given to an operator, a disabled account and an ended session show in the very next request', async () => {
    const token = await t.token('operator')
    const as = { headers: { authorization: `Bearer ${token}` } }
    const names = async () => ((await t.api('GET', '/api/work-records/workshops', as)).body as { name: string }[]).map((w) => w.name)
    expect(await names()).not.toContain('会话测试工坊')
    // Written straight to the database, not through any service: the database itself tells the server.
    await t.database.db.execute(sql`insert into workshops (name, type, region_code, status, operator_user_id)
      select '会话测试工坊', 'processing', '331126001200', 'operating', id from users where username = 'operator'`)
    expect(await names()).toContain('会话测试工坊')
    await t.database.db.execute(sql`update workshops set operator_user_id = null where name = '会话测试工坊'`)
    expect(await names()).not.toContain('会话测试工坊')

    await t.database.db.execute(sql`update users set disabled = true where username = 'operator'`)
    expect((await t.api('GET', '/api/auth/me', as)).status).toBe(401)
    await t.database.db.execute(sql`update users set disabled = false where username = 'operator'`)
    expect((await t.api('GET', '/api/auth/me', as)).status).toBe(200)

    await t.database.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where user_id = (select id from users where username = 'operator')`)
    expect((await t.api('GET', '/api/auth/me', as)).status).toBe(401)
  })
})
