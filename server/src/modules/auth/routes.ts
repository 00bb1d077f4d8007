import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import { eq } from 'drizzle-orm'
import { LoginResultSchema, LoginSchema, UserSchema } from '@gongfang/shared'
import { createRouter } from '../../http/router.ts'
import { ProblemError, problemJson } from '../../http/problem.ts'
import { users } from '../../db/schema/index.ts'
import { DUMMY_HASH, verifyPassword } from '../../auth/password.ts'
import { FailureLimiter } from '../../auth/rate-limit.ts'
import { CSRF_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, createSession, deleteSession, newToken, regionName, toAuthUser } from '../../auth/session.ts'
import { requireUser } from '../../auth/middleware.ts'
import { staffLevel, type AuthUser } from '../../auth/user.ts'
import { clientIp } from '../../http/client-ip.ts'
import { audit } from '../../audit/audit.ts'
import type { DbOrTx } from '../../db/client.ts'

export const loginLimiter = new FailureLimiter(10, 60_000)

export async function userView(db: DbOrTx, u: AuthUser) {
  return { ...u, regionName: await regionName(db, u.regionCode), staffLevel: staffLevel(u) }
}

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in; returns a bearer token and sets the session cookie',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: { description: 'Logged in', content: { 'application/json': { schema: LoginResultSchema } } },
    401: { description: 'Wrong username or password', content: problemJson },
    422: { description: 'Invalid input', content: problemJson },
    429: { description: 'Too many failed attempts', content: problemJson },
  },
})

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  responses: { 204: { description: 'Logged out' } },
})

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The logged-in user, with role and region',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'Current user', content: { 'application/json': { schema: UserSchema } } },
    401: { description: 'Not logged in', content: problemJson },
  },
})

const localeRoute = createRoute({
  method: 'put',
  path: '/auth/me/locale',
  tags: ['auth'],
  summary: "Save the user's interface language",
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: z.object({ locale: z.enum(['zh-CN', 'en']) }) } }, required: true } },
  responses: {
    200: { description: 'Current user', content: { 'application/json': { schema: UserSchema } } },
    401: { description: 'Not logged in', content: problemJson },
  },
})

export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json')
    const ip = clientIp(c)
    const key = `${ip}|${username.toLowerCase()}`
    const wait = loginLimiter.retryAfter(key)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      throw new ProblemError(429, 'too-many-attempts', { zh: '登录失败次数过多，请稍后再试', en: 'Too many failed attempts; try again later' }, {
        zh: `请 ${wait} 秒后重试`,
        en: `Retry in ${wait} s`,
      })
    }
    const db = c.var.db
    const [row] = await db.select().from(users).where(eq(users.username, username))
    const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password)
    if (!row || !ok || row.disabled) {
      loginLimiter.fail(key)
      throw new ProblemError(401, 'bad-credentials', { zh: '用户名或密码错误', en: 'Wrong username or password' })
    }
    loginLimiter.reset(key)
    const token = await createSession(db, row.id, { ip, userAgent: c.req.header('user-agent') })
    const secure = new URL(c.req.url).protocol === 'https:'
    const maxAge = SESSION_TTL_MS / 1000
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure, maxAge })
    setCookie(c, CSRF_COOKIE, newToken(), { httpOnly: false, sameSite: 'Strict', path: '/', secure, maxAge })
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
    const user = requireUser(c)
    return c.json(await userView(c.var.db, user), 200)
  })
  .openapi(localeRoute, async (c) => {
    const user = requireUser(c)
    const { locale } = c.req.valid('json')
    await c.var.db.update(users).set({ locale }).where(eq(users.id, user.id))
    return c.json(await userView(c.var.db, { ...user, locale }), 200)
  })
