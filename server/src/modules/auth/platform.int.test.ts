import { describe, expect, test, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { loginLimiter, sprayLimiter, usernameLimiter } from './routes.ts'
import { flagPublicDemoPasswords } from '../../auth/demo-accounts.ts'

const t = useTestApp()

describe('control characters', () => {
  test('NUL or another control character in a body, a query or a path answers 422 — with or without login — and changes nothing', async () => {
    const cases: [string, string, { as?: string; body?: unknown }][] = [
      ['POST', '/api/auth/login', { body: { username: 'ad\u0000min', password: 'x' } }],
      ['GET', '/api/public/summary?region=33%00', {}],
      ['GET', '/api/workers?q=%E5%8F%B6%00', { as: 'qingyuan' }],
      ['PUT', '/api/auth/me/locale', { as: 'township', body: { locale: 'en\u0000' } }],
      ['POST', '/api/workshops', { as: 'qingyuan', body: { name: '工坊\u0001', type: 'processing', regionCode: '331126001200' } }],
      ['POST', '/api/enterprises', { as: 'qingyuan', body: { name: 'x', notes: ['a', { deep: 'b\u007f' }] } }],
    ]
    const before = await t.database.db.execute(sql`select (select count(*) from workshops)::int as w, (select count(*) from enterprises)::int as e`)
    for (const [method, path, opts] of cases) {
      const res = await t.api(method, path, opts)
      expect(res.status, `${method} ${path}`).toBe(422)
      expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    }
    const en = await t.api('POST', '/api/auth/login', { body: { username: 'a\u0000', password: 'x' }, headers: { 'accept-language': 'en' } })
    expect(en.body.detail).toMatch(/control characters/)
    expect(en.body.errors[0].path).toBe('body.username')
    const after = await t.database.db.execute(sql`select (select count(*) from workshops)::int as w, (select count(*) from enterprises)::int as e`)
    expect((after as unknown as { rows: unknown[] }).rows).toEqual((before as unknown as { rows: unknown[] }).rows)
  })

  test('tabs and line breaks in text are still fine', async () => {
    const res = await t.api('POST', '/api/auth/login', { body: { username: 'nobody\there', password: 'a\nb' } })
    expect(res.status).toBe(401)
    loginLimiter.reset('local|nobody\there')
    sprayLimiter.reset()
  })
})

describe('caching', () => {
  test('API answers are no-store except the public page', async () => {
    expect((await t.api('GET', '/api/auth/me', { as: 'qingyuan' })).headers.get('cache-control')).toBe('no-store')
    expect((await t.api('GET', '/api/workers', { as: 'qingyuan' })).headers.get('cache-control')).toBe('no-store')
    expect((await t.api('GET', '/api/auth/me')).headers.get('cache-control')).toBe('no-store') // 401 too
    expect((await t.api('GET', '/api/public/summary')).headers.get('cache-control')).toBe('public, max-age=60')
  })
})

async function cookieLogin(username: string, headers: Record<string, string> = {}) {
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password: 'gongfang-demo' }),
  })
  const set = res.headers.getSetCookie()
  return {
    set,
    cookie: set.map((c) => c.split(';')[0]).join('; '),
    csrf: set.find((c) => c.startsWith('gf_csrf='))!.split(';')[0]!.split('=')[1]!,
  }
}

describe('cookies and CSRF', () => {
  test('Secure only over HTTPS: behind a proxy only when it is trusted', async () => {
    const plain = await cookieLogin('township', { 'x-forwarded-proto': 'https' })
    expect(plain.set.every((c) => !/;\s*Secure/i.test(c))).toBe(true)
    process.env.GONGFANG_TRUST_PROXY = '1'
    try {
      const proxied = await cookieLogin('township', { 'x-forwarded-proto': 'https' })
      expect(proxied.set.length).toBe(2)
      expect(proxied.set.every((c) => /;\s*Secure/i.test(c))).toBe(true)
    } finally {
      delete process.env.GONGFANG_TRUST_PROXY
    }
  })

  test("a session's CSRF token works only for that session", async () => {
    const a = await cookieLogin('township')
    const b = await cookieLogin('township')
    expect(a.csrf).not.toBe(b.csrf)
    const write = (cookie: string, csrf: string) => t.api('PUT', '/api/auth/me/locale', { headers: { cookie, 'x-csrf-token': csrf }, body: { locale: 'zh-CN' } })
    expect((await write(a.cookie, a.csrf)).status).toBe(200)
    expect((await write(a.cookie, b.csrf)).status).toBe(403)
    // A planted gf_csrf cookie echoed in the header does not pass either.
    const planted = a.cookie.replace(/gf_csrf=[^;]+/, 'gf_csrf=planted')
    expect((await write(planted, 'planted')).status).toBe(403)
  })
})

describe('login limits', () => {
  test('one password sprayed over 12 usernames from one address gets 429 from the 11th', async () => {
    sprayLimiter.reset()
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await t.api('POST', '/api/auth/login', { body: { username: `spray${i}`, password: 'Summer2026!' } })).status)
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429])
    const right = await t.api('POST', '/api/auth/login', { body: { username: 'lishui', password: 'gongfang-demo' } })
    expect(right.status).toBe(429)
    sprayLimiter.reset()
    for (let i = 0; i < 12; i++) loginLimiter.reset(`local|spray${i}`)
  })

  test('one username tried from 12 addresses (behind the trusted proxy) gets 429 from the 11th, with a growing Retry-After; a success resets', async () => {
    const trust = process.env.GONGFANG_TRUST_PROXY
    process.env.GONGFANG_TRUST_PROXY = '1'
    // The clock stands still unless moved, so a slow machine cannot let a wait run out between two requests.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    const wait = (ms: number) => vi.setSystemTime(Date.now() + ms)
    try {
      const from = (i: number, password: string, lang = 'zh-CN') =>
        t.api('POST', '/api/auth/login', { headers: { 'x-forwarded-for': `203.0.113.${i + 1}, 10.0.0.1`, 'accept-language': lang }, body: { username: 'township', password } })
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await from(i, `guess-${i}`)).status)
      expect(statuses).toEqual([...Array(10).fill(401), 429, 429])
      // Even the right password from a fresh address waits, and is told how long in the asked language.
      const zh = await from(20, 'gongfang-demo')
      expect(zh.status).toBe(429)
      expect(zh.body.title).toBe('登录失败次数过多，请稍后再试')
      expect(Number(zh.headers.get('retry-after'))).toBe(1)
      const en = await from(21, 'gongfang-demo', 'en')
      expect(en.body.title).toBe('Too many failed attempts; try again later')
      // No one address reached its own limit, and no address tried many usernames: only the per-username rule acted.
      expect(loginLimiter.retryAfter('203.0.113.1|township')).toBe(0)
      expect(sprayLimiter.retryAfter('203.0.113.1')).toBe(0)
      // Once the wait is over another failure doubles it.
      wait(1000)
      expect((await from(22, 'guess-again')).status).toBe(401)
      const longer = await from(23, 'gongfang-demo')
      expect(longer.status).toBe(429)
      expect(Number(longer.headers.get('retry-after'))).toBe(2)
      wait(1999)
      expect((await from(24, 'gongfang-demo')).status).toBe(429)
      wait(1)
      expect((await from(28, 'gongfang-demo')).status).toBe(200)
      expect(usernameLimiter.retryAfter('township')).toBe(0) // the success reset the count
      expect((await from(25, 'guess-once-more')).status).toBe(401)
      expect((await from(26, 'gongfang-demo')).status).toBe(200)
    } finally {
      vi.useRealTimers()
      if (trust === undefined) delete process.env.GONGFANG_TRUST_PROXY
      else process.env.GONGFANG_TRUST_PROXY = trust
      usernameLimiter.reset()
      sprayLimiter.reset()
    }
  })
})

describe('password change', () => {
  test('policy errors in zh-CN and en; wrong current password 403; a change ends other sessions and the old password', async () => {
    const other = await t.token('collective')
    const mine = await t.api('POST', '/api/auth/login', { body: { username: 'collective', password: 'gongfang-demo' } })
    const as = { authorization: `Bearer ${mine.body.token}` }
    const short = await t.api('POST', '/api/auth/password', { headers: as, body: { currentPassword: 'gongfang-demo', newPassword: 'short' } })
    expect(short.status).toBe(422)
    expect(short.body.detail).toMatch(/至少 10 个字符/)
    const en = await t.api('POST', '/api/auth/password', { headers: { ...as, 'accept-language': 'en' }, body: { currentPassword: 'gongfang-demo', newPassword: 'collective-2026' } })
    expect(en.body.detail).toMatch(/username/)
    const common = await t.api('POST', '/api/auth/password', { headers: as, body: { currentPassword: 'gongfang-demo', newPassword: 'password123' } })
    expect(common.body.detail).toMatch(/常见/)
    const wrong = await t.api('POST', '/api/auth/password', { headers: as, body: { currentPassword: 'nope', newPassword: 'Mushroom-barn-42' } })
    expect(wrong.status).toBe(403)
    const ok = await t.api('POST', '/api/auth/password', { headers: as, body: { currentPassword: 'gongfang-demo', newPassword: 'Mushroom-barn-42' } })
    expect(ok.status).toBe(204)
    expect((await t.api('GET', '/api/auth/me', { headers: as })).status).toBe(200)
    expect((await t.api('GET', '/api/auth/me', { headers: { authorization: `Bearer ${other}` } })).status).toBe(401)
    expect((await t.api('POST', '/api/auth/login', { body: { username: 'collective', password: 'gongfang-demo' } })).status).toBe(401)
    expect((await t.api('POST', '/api/auth/login', { body: { username: 'collective', password: 'Mushroom-barn-42' } })).status).toBe(200)
    loginLimiter.reset('local|collective')
    sprayLimiter.reset()
  })

  test('outside the demo, accounts with the public demo password must change it before anything else', async () => {
    const flagged = await flagPublicDemoPasswords(t.database.db)
    expect(flagged).toContain('admin')
    expect(flagged).not.toContain('collective') // changed above
    const login = await t.api('POST', '/api/auth/login', { body: { username: 'enterprise', password: 'gongfang-demo' } })
    expect(login.body.user.mustChangePassword).toBe(true)
    const as = { authorization: `Bearer ${login.body.token}` }
    const blocked = await t.api('GET', '/api/orders', { headers: as })
    expect(blocked.status).toBe(403)
    expect(blocked.body.type).toBe('urn:gongfang:problem:password-change-required')
    expect((await t.api('POST', '/api/auth/password', { headers: as, body: { currentPassword: 'gongfang-demo', newPassword: 'Bamboo-shoots-77' } })).status).toBe(204)
    const me = await t.api('GET', '/api/auth/me', { headers: as })
    expect(me.body.mustChangePassword).toBe(false)
    expect((await t.api('GET', '/api/orders', { headers: as })).status).toBe(200)
  })
})
