import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../http/env.ts'
import { ProblemError } from '../http/problem.ts'
import { scopeWith } from './scope.ts'
import { CSRF_HEADER, SESSION_COOKIE, csrfMatches, sha256 } from './session.ts'
import type { Role } from '@gongfang/shared'
import { clientIp } from '../http/client-ip.ts'
import { localeOf } from '../http/locale.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Resolves the caller from a Bearer token or the session cookie, and their scope. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization')
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]
  const cookie = getCookie(c, SESSION_COOKIE)
  const token = bearer ?? cookie
  const tokenHash = token ? sha256(token) : null
  const session = tokenHash ? await c.var.sessions.find(tokenHash) : null
  const user = session?.user ?? null
  const scope = scopeWith(user, session?.operated ?? [])
  c.set('user', user)
  c.set('authVia', user ? (bearer ? 'bearer' : 'cookie') : null)
  c.set('sessionTokenHash', user ? tokenHash : null)
  c.set('scope', scope)
  const log = user ? c.var.log.child({ userId: user.id }) : c.var.log
  c.set('log', log)
  c.set('caller', { user, scope, ip: clientIp(c), locale: localeOf(c), requestId: c.var.requestId, clock: c.var.clock, log })
  // CSRF: a cookie session's writes carry the session's CSRF token (HMAC of its token hash, given in the
  // gf_csrf cookie at login) in a header; a token of another session, or a planted cookie, does not match.
  if (user && !bearer && !SAFE.has(c.req.method)) {
    if (!csrfMatches(tokenHash!, c.req.header(CSRF_HEADER))) {
      throw new ProblemError(403, 'csrf', { zh: 'CSRF 校验失败，请刷新页面后重试', en: 'CSRF check failed; reload the page and retry' })
    }
  }
  // Until a demo or reset password is changed, the account can do nothing else.
  if (user?.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(c.req.path)) {
    throw new ProblemError(403, 'password-change-required', { zh: '请先修改密码', en: 'Change your password first' }, {
      zh: '该账户使用的是公开的演示密码或已被重置，请通过 POST /api/auth/password 修改密码',
      en: 'This account has a public demo password or was reset; change it with POST /api/auth/password',
    })
  }
  await next()
}

const PASSWORD_CHANGE_PATHS = new Set(['/api/auth/password', '/api/auth/me', '/api/auth/logout'])

export function requireUser(c: { var: AppEnv['Variables'] }) {
  const user = c.var.user
  if (!user) throw new ProblemError(401, 'unauthenticated', { zh: '请先登录', en: 'Please log in' })
  return user
}

/** Guard for role-restricted actions; scope still decides which rows. */
export function requireRole(c: { var: AppEnv['Variables'] }, ...roles: Role[]) {
  const user = requireUser(c)
  if (!roles.includes(user.role))
    throw new ProblemError(403, 'forbidden', { zh: '当前角色无权执行此操作', en: 'Your role may not do this' })
  return user
}
