/**
 * Accounts and sessions: the administrator finds an account, resets its password (the holder must change it
 * at the next login) or disables it; everyone sees the devices they are logged in on and ends them.
 */
import { createHash, randomInt } from 'node:crypto'
import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { component, PageQuerySchema, ROLES, searchText } from '@gongfang/shared'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { hashPassword, passwordPolicyErrors } from '../../auth/password.ts'
import type { DbOrTx } from '../../db/client.ts'
import { regions, sessions, users } from '../../db/schema/index.ts'
import { escapeLike } from '../../db/like.ts'
import { audit } from '../../audit/audit.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'

export const UserQuerySchema = PageQuerySchema.extend({
  /** Part of the username or the display name. */
  q: searchText().optional(),
  role: z.enum(ROLES).optional(),
})

export const UserEntrySchema = component('UserEntry', {
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Live sessions (devices logged in now). */
  sessions: z.number().int(),
  lastLoginAt: z.string().nullable(),
})

const live = () => gt(sessions.expiresAt, new Date())

export async function listUsers(db: DbOrTx, caller: Caller, q: z.output<typeof UserQuerySchema>) {
  authorize(caller, 'users.manage')
  const conds: SQL[] = []
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`
    conds.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!)
  }
  if (q.role) conds.push(eq(users.role, q.role))
  const where = conds.length ? and(...conds) : undefined
  const { limit, offset } = pageWindow(q)
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where)) as [{ n: number }]
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      regionCode: users.regionCode,
      regionName: regions.name,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      sessions: sql<number>`(select count(*)::int from ${sessions} where ${sessions.userId} = ${users.id} and ${sessions.expiresAt} > now())`,
      lastLoginAt: sql<string | null>`(select max(${sessions.createdAt}) from ${sessions} where ${sessions.userId} = ${users.id})`,
    })
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .where(where)
    .orderBy(asc(users.username))
    .limit(limit)
    .offset(offset)
  return {
    items: rows.map((r) => ({
      ...r,
      role: r.role as (typeof ROLES)[number],
      sessions: Number(r.sessions),
      lastLoginAt: r.lastLoginAt ? new Date(r.lastLoginAt).toISOString() : null,
    })),
    total: n,
    page: q.page,
    pageSize: q.pageSize,
  }
}

// No 0/O, 1/l/I: read aloud over the phone or copied by hand from a screen.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A one-time password the holder must replace at the next login: 12 characters, within the policy. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const p = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
    if (passwordPolicyErrors(p, username).length === 0) return p
  }
}

async function accountOf(db: DbOrTx, id: string) {
  const [u] = await db.select({ id: users.id, username: users.username, role: users.role }).from(users).where(eq(users.id, id))
  if (!u) throw notFound({ zh: '账号', en: 'Account' })
  return u
}

/** Resets an account's password: a new one-time password, shown once; every session of the account ends. */
export async function resetPassword(db: DbOrTx, caller: Caller, id: string) {
  const admin = authorize(caller, 'users.manage')
  const u = await accountOf(db, id)
  if (u.id === admin.id)
    throw new ProblemError(409, 'reset-own-password', { zh: '不能重置自己的密码，请使用“修改密码”', en: 'Use “Change password” for your own account' })
  const password = temporaryPassword(u.username)
  const passwordHash = await hashPassword(password)
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, id))
    await tx.delete(sessions).where(eq(sessions.userId, id))
    await audit(tx, caller, { action: 'users.reset-password', targetType: 'user', targetId: id })
  })
  return { username: u.username, temporaryPassword: password }
}

/** Disables or re-enables an account; disabling ends its sessions. */
export async function setDisabled(db: DbOrTx, caller: Caller, id: string, disabled: boolean) {
  const admin = authorize(caller, 'users.manage')
  await accountOf(db, id)
  if (id === admin.id && disabled)
    throw new ProblemError(409, 'disable-self', { zh: '不能停用自己的账号', en: 'You cannot disable your own account' })
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabled }).where(eq(users.id, id))
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, id))
    await audit(tx, caller, { action: disabled ? 'users.disable' : 'users.enable', targetType: 'user', targetId: id })
  })
  return { id, disabled }
}

export const SessionEntrySchema = component('SessionEntry', {
  /** Names the session without giving away its token or what the CSRF token is derived from. */
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
})

const sessionId = (tokenHash: string) => createHash('sha256').update(`gongfang/session-id/${tokenHash}`).digest('hex').slice(0, 24)

async function ownSessions(db: DbOrTx, userId: string) {
  return db.select().from(sessions).where(and(eq(sessions.userId, userId), live())).orderBy(sql`${sessions.createdAt} desc`)
}

/** The caller's live sessions, the current one first. */
export async function listSessions(db: DbOrTx, caller: Caller, currentTokenHash: string | null) {
  const user = authorize(caller, 'sessions.own')
  const rows = await ownSessions(db, user.id)
  return rows
    .map((s) => ({
      id: sessionId(s.tokenHash),
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.tokenHash === currentTokenHash,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current))
}

/** Ends one of the caller's sessions (its device is logged out at its next request). */
export async function endSession(db: DbOrTx, caller: Caller, id: string) {
  const user = authorize(caller, 'sessions.own')
  const target = (await ownSessions(db, user.id)).find((s) => sessionId(s.tokenHash) === id)
  if (!target) throw notFound({ zh: '登录设备', en: 'Session' })
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, target.tokenHash))
    await audit(tx, caller, { action: 'auth.session-end', targetType: 'user', targetId: user.id })
  })
}

/** Log out everywhere else: every session of the caller but the one asking. */
export async function endOtherSessions(db: DbOrTx, caller: Caller, currentTokenHash: string | null) {
  const user = authorize(caller, 'sessions.own')
  const others = (await ownSessions(db, user.id)).filter((s) => s.tokenHash !== currentTokenHash)
  if (others.length === 0) return { ended: 0 }
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), currentTokenHash ? sql`${sessions.tokenHash} <> ${currentTokenHash}` : undefined))
    await audit(tx, caller, { action: 'auth.sessions-end-others', targetType: 'user', targetId: user.id, detail: { ended: others.length } })
  })
  return { ended: others.length }
}
