import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { and, eq, ne } from 'drizzle-orm'
import { LoginResultSchema, LoginSchema, PasswordChangeSchema, UserSchema } from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { bearer, json, jsonBody, problems, routesFor } from '../../http/route-helpers.ts'
import { ProblemError, problemJson } from '../../http/problem.ts'
import { sessions, users } from '../../db/schema/index.ts'
import { DUMMY_HASH, hashPassword, passwordPolicyErrors, verifyPassword } from '../../auth/password.ts'
import { BackoffLimiter, FailureLimiter, SprayLimiter } from '../../auth/rate-limit.ts'
import { CSRF_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, createSession, csrfTokenFor, deleteSession, regionName, sha256, toAuthUser } from '../../auth/session.ts'
import { requireLogin } from '../../auth/access/index.ts'
import { staffLevel, type AuthUser } from '../../auth/user.ts'
import { permissionsOf } from '../../auth/access/index.ts'
import { clientIp, requestIsHttps } from '../../http/client-ip.ts'
import { audit } from '../../audit/audit.ts'
import type { DbOrTx } from '../../db/client.ts'

export const loginLimiter = new FailureLimiter(10, 60_000)
/** One address failing on 10 different usernames in 15 minutes (password spraying) waits. */
export const sprayLimiter = new SprayLimiter(10, 15 * 60_000)
/** One username failing 10 times in a row from any addresses waits 1 s, then 2, 4 … up to 5 minutes. */
export const usernameLimiter = new BackoffLimiter(10, 1, 300, 15 * 60_000)

export async function userView(db: DbOrTx, u: AuthUser) {
  return { ...u, mustChangePassword: u.mustChangePassword ?? false, regionName: await regionName(db, u.regionCode), staffLevel: staffLevel(u), permissions: permissionsOf(u) }
}

const tooMany = (wait: number) =>
  new ProblemError(429, 'too-many-attempts', { zh: '登录失败次数过多，请稍后再试', en: 'Too many failed attempts; try again later' }, {
    zh: `请 ${wait} 秒后重试`,
    en: `Retry in ${wait} s`,
  })

/** Session and CSRF cookies; Secure when the browser came over HTTPS (directly or via a trusted proxy). */
function setSessionCookies(c: Context, token: string) {
  const secure = requestIsHttps(c)
  const maxAge = SESSION_TTL_MS / 1000
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure, maxAge })
  setCookie(c, CSRF_COOKIE, csrfTokenFor(sha256(token)), { httpOnly: false, sameSite: 'Strict', path: '/', secure, maxAge })
}

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in; returns a bearer token and sets the session cookie',
  request: jsonBody(LoginSchema),
  responses: {
    200: json(LoginResultSchema, 'Logged in'),
    ...problems({ 401: 'Wrong username or password', 422: 'Invalid input' }),
    429: {
      description:
        'Too many failed attempts: 10 in a minute from one address for one username, 10 usernames from one address in 15 minutes, or 10 in a row for one username from any addresses (then 1 s, 2 s, 4 s … up to 5 minutes); Retry-After gives the seconds',
      headers: z.object({ 'Retry-After': z.string().openapi({ description: 'Seconds to wait', example: '4' }) }),
      content: problemJson,
    },
  },
})

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  responses: { 204: { description: 'Logged out' } },
})

// Both answer the logged-in user's own account, so not being logged in is their only problem.
const ownAccount = routesFor('auth', problems({ 401: 'Not logged in' }))
const meRoute = ownAccount.route({
  method: 'get',
  path: '/auth/me',
  summary: 'The logged-in user, with role and region',
  request: {},
  responses: { 200: json(UserSchema, 'Current user') },
})
const localeRoute = ownAccount.route({
  method: 'put',
  path: '/auth/me/locale',
  summary: "Save the user's interface language",
  request: jsonBody(z.object({ locale: z.enum(['zh-CN', 'en']) })),
  responses: { 200: json(UserSchema, 'Current user') },
})

const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Change one’s own password (the current one is required); other sessions end',
  security: bearer,
  request: jsonBody(PasswordChangeSchema),
  responses: {
    204: { description: 'Changed' },
    ...problems({
      401: 'Not logged in',
      403: 'Wrong current password, or CSRF check failed',
      422: 'Invalid input, or the new password breaks the policy (≥ 10 characters, not the username, not a common password)',
      429: 'Too many wrong current passwords',
    }),
  },
})

export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json')
    const ip = clientIp(c)
    const name = username.toLowerCase()
    const key = `${ip}|${name}`
    const wait = Math.max(loginLimiter.retryAfter(key), sprayLimiter.retryAfter(ip), usernameLimiter.retryAfter(name))
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      throw tooMany(wait)
    }
    const db = c.var.db
    const [row] = await db.select().from(users).where(eq(users.username, username))
    const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password)
    if (!row || !ok || row.disabled) {
      loginLimiter.fail(key)
      sprayLimiter.fail(ip, name)
      usernameLimiter.fail(name)
      throw new ProblemError(401, 'bad-credentials', { zh: '用户名或密码错误', en: 'Wrong username or password' })
    }
    loginLimiter.reset(key)
    usernameLimiter.reset(name)
    const token = await createSession(db, row.id, { ip, userAgent: c.req.header('user-agent') })
    setSessionCookies(c, token)
    const user = toAuthUser(row)
    c.set('user', user)
    await audit(db, c.var.caller, { action: 'auth.login', targetType: 'user', targetId: row.id })
    return c.json({ token, user: await userView(db, user) }, 200)
  })
  .openapi(logoutRoute, async (c) => {
    if (c.var.sessionTokenHash) await deleteSession(c.var.db, c.var.sessionTokenHash)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    deleteCookie(c, CSRF_COOKIE, { path: '/' })
    return c.body(null, 204)
  })
  .openapi(meRoute, async (c) => {
    const user = requireLogin(c.var.caller)
    // A cookie session from before CSRF tokens were bound to sessions gets its token on the next page load.
    if (c.var.authVia === 'cookie' && c.var.sessionTokenHash)
      setCookie(c, CSRF_COOKIE, csrfTokenFor(c.var.sessionTokenHash), { httpOnly: false, sameSite: 'Strict', path: '/', secure: requestIsHttps(c), maxAge: SESSION_TTL_MS / 1000 })
    return c.json(await userView(c.var.db, user), 200)
  })
  .openapi(passwordRoute, async (c) => {
    const user = requireLogin(c.var.caller)
    const { currentPassword, newPassword } = c.req.valid('json')
    const db = c.var.db
    const key = `${clientIp(c)}|${user.username.toLowerCase()}`
    const wait = loginLimiter.retryAfter(key)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      throw tooMany(wait)
    }
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id))
    if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) {
      loginLimiter.fail(key)
      throw new ProblemError(403, 'wrong-password', { zh: '当前密码不正确', en: 'The current password is wrong' })
    }
    const policy = passwordPolicyErrors(newPassword, user.username)
    if (await verifyPassword(row.passwordHash, newPassword)) policy.push({ zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' })
    if (policy.length)
      throw new ProblemError(422, 'password-policy', { zh: '新密码不符合要求', en: 'The new password does not meet the rules' }, {
        zh: policy.map((p) => p.zh).join('；'),
        en: policy.map((p) => p.en).join('; '),
      }, policy.map((message) => ({ path: 'json.newPassword', message })))
    const passwordHash = await hashPassword(newPassword)
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id))
      // Other sessions (a stolen token, another browser) end; this one stays.
      const keep = c.var.sessionTokenHash
      await tx.delete(sessions).where(keep ? and(eq(sessions.userId, user.id), ne(sessions.tokenHash, keep)) : eq(sessions.userId, user.id))
      await audit(tx, c.var.caller, { action: 'auth.password-change', targetType: 'user', targetId: user.id })
    })
    loginLimiter.reset(key)
    return c.body(null, 204)
  })
  .openapi(localeRoute, async (c) => {
    const user = requireLogin(c.var.caller)
    const { locale } = c.req.valid('json')
    await c.var.db.update(users).set({ locale }).where(eq(users.id, user.id))
    return c.json(await userView(c.var.db, { ...user, locale }), 200)
  })
