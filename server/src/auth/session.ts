import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { regions, sessions, users } from '../db/schema/index.ts'
import type { AuthUser } from './user.ts'
import { forgetAuth } from './cache.ts'

export const SESSION_COOKIE = 'gf_session'
export const CSRF_COOKIE = 'gf_csrf'
export const CSRF_HEADER = 'x-csrf-token'
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
export const newToken = () => randomBytes(32).toString('base64url')

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

export async function userForToken(db: DbOrTx, token: string): Promise<AuthUser | null> {
  return userForTokenHash(db, sha256(token))
}

export async function userForTokenHash(db: DbOrTx, tokenHash: string): Promise<AuthUser | null> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)))
  return row ? toAuthUser(row.user) : null
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
  forgetAuth(tokenHash)
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
  }
}

export async function regionName(db: DbOrTx, code: string | null): Promise<string | null> {
  if (!code) return null
  const [r] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code))
  return r?.name ?? null
}
