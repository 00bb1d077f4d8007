import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { DEMO_PASSWORD } from '../../demo/seed-demo.ts'
import { loginLimiter, usernameLimiter } from '../auth/routes.ts'

const t = useTestApp()

async function login(username: string, password: string, ua = 'test-agent') {
  loginLimiter.reset(`local|${username}`)
  usernameLimiter.reset(username)
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': ua },
    body: JSON.stringify({ username, password }),
  })
  return { status: res.status, token: res.status === 200 ? ((await res.json()) as { token: string }).token : null }
}
const as = (token: string) => ({ authorization: `Bearer ${token}` })

test('everyone lists their own sessions, ends one, and logs out everywhere else; the ended tokens stop working at once', async () => {
  const phone = (await login('operator', DEMO_PASSWORD, 'phone')).token!
  const laptop = (await login('operator', DEMO_PASSWORD, 'laptop')).token!
  const tablet = (await login('operator', DEMO_PASSWORD, 'tablet')).token!
  const list = await t.api('GET', '/api/auth/sessions', { headers: as(laptop) })
  expect(list.status).toBe(200)
  const mine = list.body as { id: string; current: boolean; userAgent: string }[]
  expect(mine[0]!.current).toBe(true)
  expect(mine[0]!.userAgent).toBe('laptop')
  expect(mine.filter((s) => s.current)).toHaveLength(1)
  expect(mine.map((s) => s.userAgent)).toEqual(expect.arrayContaining(['phone', 'laptop', 'tablet']))
  // No token, token hash or CSRF seed in the answer.
  for (const token of [phone, laptop, tablet]) expect(list.text).not.toContain(token)
  const hashes = await queryRows<{ h: string }>(t.database.db, sql`select token_hash as h from sessions`)
  for (const { h } of hashes) expect(list.text).not.toContain(h)

  // Another user cannot end them; a made-up id is 404, a malformed one 422.
  const phoneId = mine.find((s) => s.userAgent === 'phone')!.id
  expect((await t.api('DELETE', `/api/auth/sessions/${phoneId}`, { as: 'enterprise' })).status).toBe(404)
  expect((await t.api('DELETE', `/api/auth/sessions/${'0'.repeat(24)}`, { headers: as(laptop) })).status).toBe(404)
  expect((await t.api('DELETE', '/api/auth/sessions/nope', { headers: as(laptop) })).status).toBe(422)
  expect((await t.api('GET', '/api/auth/me', { headers: as(phone) })).status).toBe(200)
  expect((await t.api('DELETE', `/api/auth/sessions/${phoneId}`, { headers: as(laptop) })).status).toBe(204)
  expect((await t.api('GET', '/api/auth/me', { headers: as(phone) })).status).toBe(401)

  const others = await t.api('POST', '/api/auth/sessions/end-others', { headers: as(laptop) })
  expect(others.status).toBe(200)
  expect(others.body.ended).toBeGreaterThanOrEqual(1)
  expect((await t.api('GET', '/api/auth/me', { headers: as(tablet) })).status).toBe(401)
  expect((await t.api('GET', '/api/auth/me', { headers: as(laptop) })).status).toBe(200)
  const after = await t.api('GET', '/api/auth/sessions', { headers: as(laptop) })
  expect(after.body).toHaveLength(1)
  expect((await t.api('POST', '/api/auth/sessions/end-others', { headers: as(laptop) })).body.ended).toBe(0)
  expect((await t.api('GET', '/api/auth/sessions')).status).toBe(401)
})

test('the administrator finds an account, resets its password: old password and sessions end, the holder must change it first', async () => {
  const workerSession = (await login('worker', DEMO_PASSWORD)).token!
  expect((await t.api('GET', '/api/users', { as: 'lishui' })).status).toBe(403)
  const found = await t.api('GET', '/api/users?q=work&pageSize=10', { as: 'admin' })
  expect(found.status).toBe(200)
  const worker = (found.body.items as { id: string; username: string; role: string; sessions: number; mustChangePassword: boolean }[]).find((u) => u.username === 'worker')!
  expect(worker.role).toBe('worker')
  expect(worker.sessions).toBeGreaterThanOrEqual(1)
  expect((await t.api('GET', '/api/users?role=worker', { as: 'admin' })).body.items.every((u: { role: string }) => u.role === 'worker')).toBe(true)
  expect((await t.api('GET', '/api/users?role=boss', { as: 'admin' })).status).toBe(422)

  expect((await t.api('POST', `/api/users/${worker.id}/reset-password`, { as: 'lishui' })).status).toBe(403)
  const reset = await t.api('POST', `/api/users/${worker.id}/reset-password`, { as: 'admin' })
  expect(reset.status).toBe(200)
  const temporary = reset.body.temporaryPassword as string
  expect(temporary).toMatch(/^[a-zA-Z2-9]{12}$/)
  expect(await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'users.reset-password' and target_id = ${worker.id}`)).toEqual([{ n: 1 }])
  expect(reset.text).not.toContain('$argon2')

  expect((await t.api('GET', '/api/auth/me', { headers: as(workerSession) })).status).toBe(401)
  expect((await login('worker', DEMO_PASSWORD)).status).toBe(401)
  const fresh = (await login('worker', temporary)).token!
  // Until the password is changed, only the change (and who am I) is allowed.
  const me = await t.api('GET', '/api/auth/me', { headers: as(fresh) })
  expect(me.body.mustChangePassword).toBe(true)
  expect((await t.api('GET', '/api/me/views', { headers: as(fresh) })).status).toBe(403)
  const weak = await t.api('POST', '/api/auth/password', { headers: { ...as(fresh), 'accept-language': 'en' }, body: { currentPassword: temporary, newPassword: 'worker12345' } })
  expect(weak.status).toBe(422)
  expect(weak.text).toContain('username')
  const changed = await t.api('POST', '/api/auth/password', { headers: as(fresh), body: { currentPassword: temporary, newPassword: 'Bamboo-weaving-2026' } })
  expect(changed.status).toBe(204)
  expect((await t.api('GET', '/api/me/views', { headers: as(fresh) })).status).toBe(200)

  const own = (await t.api('GET', '/api/users?q=admin', { as: 'admin' })).body.items.find((u: { username: string }) => u.username === 'admin')
  expect((await t.api('POST', `/api/users/${own.id}/reset-password`, { as: 'admin' })).status).toBe(409)
  expect((await t.api('POST', '/api/users/00000000-0000-4000-8000-000000000000/reset-password', { as: 'admin' })).status).toBe(404)
})

test('a disabled account cannot log in and its sessions end; enabled again it can', async () => {
  const session = (await login('enterprise', DEMO_PASSWORD)).token!
  const [{ id }] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from users where username = 'enterprise'`) as [{ id: string }]
  expect((await t.api('POST', `/api/users/${id}/disabled`, { as: 'admin', body: { disabled: 'yes' } })).status).toBe(422)
  expect((await t.api('POST', `/api/users/${id}/disabled`, { as: 'admin', body: { disabled: true } })).body).toEqual({ id, disabled: true })
  expect((await t.api('GET', '/api/auth/me', { headers: as(session) })).status).toBe(401)
  expect((await login('enterprise', DEMO_PASSWORD)).status).toBe(401)
  expect((await t.api('POST', `/api/users/${id}/disabled`, { as: 'admin', body: { disabled: false } })).status).toBe(200)
  expect((await login('enterprise', DEMO_PASSWORD)).status).toBe(200)
})
