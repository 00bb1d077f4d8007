import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { regions, sessions, users, workshops } from '../db/schema/index.ts'
import type { AuthUser } from './user.ts'

export const SESSION_COOKIE = 'gf_session'
export const CSRF_COOKIE = 'gf_csrf'
export const CSRF_HEADER = 'x-csrf-token'
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
export const newToken = () => randomBytes(32).toString('base64url')

/**
 * The CSRF token of a session: an HMAC keyed by the session token's hash, so it is bound to that session
 * (a token planted by a sibling subdomain or left from another session fails), and needs no storage.
 */
export const csrfTokenFor = (sessionTokenHash: string) => createHmac('sha256', sessionTokenHash).update('gongfang/csrf/v1').digest('base64url')

export function csrfMatches(sessionTokenHash: string, given: string | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(csrfTokenFor(sessionTokenHash))
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function createSession(db: DbOrTx, userId: string, meta: { ip?: string; userAgent?: string }) {
  const token = newToken()
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  })
  return token
}

/**
 * Sessions of many tokens in one query: each live token's user and, for operators, the workshops they run
 * (their scope). Used by the authentication middleware, which looks up concurrent requests together.
 */
export interface LiveSession {
  user: AuthUser
  /** Workshops the user operates (an operator's scope). */
  operated: string[]
  /** Epoch ms. */
  expiresAt: number
}

export async function sessionsForTokenHashes(db: DbOrTx, tokenHashes: readonly string[]): Promise<Map<string, LiveSession>> {
  const rows = await db
    .select({
      tokenHash: sessions.tokenHash,
      expiresAt: sessions.expiresAt,
      user: users,
      operated: sql<string[] | null>`(select array_agg(${workshops.id}::text) from ${workshops} where ${workshops.operatorUserId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.tokenHash, [...new Set(tokenHashes)]), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)))
  return new Map(rows.map((r) => [r.tokenHash, { user: toAuthUser(r.user), operated: pgTextArray(r.operated), expiresAt: new Date(r.expiresAt).getTime() }]))
}

/** A text[] as both drivers return it (node-postgres parses arrays; a literal '{a,b}' is parsed here). */
function pgTextArray(v: string[] | string | null): string[] {
  if (v === null) return []
  if (Array.isArray(v)) return v
  return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean)
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
}

export function toAuthUser(u: typeof users.$inferSelect): AuthUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as AuthUser['role'],
    regionCode: u.regionCode,
    enterpriseId: u.enterpriseId,
    collectiveId: u.collectiveId,
    workerId: u.workerId,
    locale: u.locale === 'en' ? 'en' : 'zh-CN',
    mustChangePassword: u.mustChangePassword,
  }
}

export async function regionName(db: DbOrTx, code: string | null): Promise<string | null> {
  if (!code) return null
  const [r] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code))
  return r?.name ?? null
}
