import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { and, eq, sql } from 'drizzle-orm'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { DbOrTx, Tx } from '../db/client.ts'
import { idempotencyKeys } from '../db/schema/index.ts'
import type { AppEnv } from './env.ts'
import { ProblemError, sqlState } from './problem.ts'

export const IDEMPOTENCY_HEADER = 'Idempotency-Key'

/** JSON with sorted keys, so the same body always hashes alike whatever its key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  const o = v as Record<string, unknown>
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`
}

export interface IdempotentResult<T> {
  status: ContentfulStatusCode
  body: T
  /** True when this answer is the stored first result of an earlier request with the same key. */
  replayed: boolean
}

/**
 * Runs a write once per (user, Idempotency-Key). The key and its answer are inserted in the same
 * transaction as the write, so they commit (or vanish) together. A retry after the commit finds the
 * key (its own write is rolled back, or fails first) and gets the stored first answer; a concurrent
 * retry blocks on the key's unique index until the first commits, then replays. The same key with a
 * different request (body or endpoint) is a 409. Without the header the write simply runs in a transaction.
 */
export async function idempotent<T>(
  c: Context<AppEnv>,
  request: unknown,
  write: (tx: Tx) => Promise<{ status: ContentfulStatusCode; body: T; ref?: unknown }>,
  /** For large answers: the write returns a small `ref` to store instead of the body, and this rebuilds the body from it. */
  replay?: (db: DbOrTx, ref: unknown) => Promise<T>,
): Promise<IdempotentResult<T>> {
  return runIdempotent(c.var.db, idempotencyKeyOf(c, request), write, replay)
}

/** An Idempotency-Key as a service receives it: who used it, and the hash of the request it keys. */
export interface IdempotencyKey {
  userId: string
  key: string
  requestHash: string
}

/** The Idempotency-Key of a request (null without the header or a login), checked and hashed; for routes. */
export function idempotencyKeyOf(c: Context<AppEnv>, request: unknown): IdempotencyKey | null {
  const key = c.req.header(IDEMPOTENCY_HEADER)
  const user = c.var.user
  return key === undefined || !user ? null : { userId: user.id, key, requestHash: idempotencyRequestHash(c, request, key) }
}

/** idempotent() without HTTP: the service owns the transaction, the route passes the key (idempotencyKeyOf). */
export async function runIdempotent<T>(
  db: DbOrTx,
  idem: IdempotencyKey | null,
  write: (tx: Tx) => Promise<{ status: ContentfulStatusCode; body: T; ref?: unknown }>,
  replay?: (db: DbOrTx, ref: unknown) => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (!idem) {
    const r = await retryOnConflict(() => db.transaction((tx) => write(tx)))
    return { ...r, replayed: false }
  }
  const { userId, key, requestHash } = idem
  const stored = () => storedResult(db, userId, key, requestHash, replay)

  try {
    return await retryOnConflict(() => db.transaction(async (tx) => {
      const { ref, ...r } = await write(tx)
      const toStore = replay && ref !== undefined ? { ref } : r.body
      // Blocks while a concurrent request holds the same key; conflicts once it has committed.
      const inserted = await tx
        .insert(idempotencyKeys)
        .values({ key, userId, requestHash, status: r.status, body: sql`${JSON.stringify(toStore)}::jsonb` })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key })
      if (inserted.length === 0) throw new KeyTaken()
      return { ...r, replayed: false as boolean }
    }))
  } catch (err) {
    // The key was used before (our write is rolled back), or the write failed: a retry of a request
    // that already succeeded answers the first result, not today's error.
    const prev = await stored()
    if (prev) return prev
    if (err instanceof KeyTaken) throw new Error('idempotency key vanished', { cause: err })
    throw err
  }
}

class KeyTaken extends Error {}

/** Checks an Idempotency-Key and returns the hash of the request it keys (method, path and canonical body). */
export function idempotencyRequestHash(c: Context<AppEnv>, request: unknown, key: string): string {
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new ProblemError(422, 'idempotency-key-invalid', { zh: 'Idempotency-Key 无效（1–200 个可见 ASCII 字符）', en: 'Invalid Idempotency-Key (1–200 visible ASCII characters)' })
  return createHash('sha256').update(`${c.req.method} ${c.req.path}\n${canonicalJson(request)}`).digest('hex')
}

/**
 * The stored first answer for (user, key), or null if the key is unused. The same key with a different
 * request is a 409. `replay` rebuilds a large answer from the small reference that was stored.
 */
export async function storedResult<T>(
  db: DbOrTx,
  userId: string,
  key: string,
  requestHash: string,
  replay?: (db: DbOrTx, ref: unknown) => Promise<T>,
): Promise<IdempotentResult<T> | null> {
  const [prev] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
  if (!prev) return null
  if (prev.requestHash !== requestHash)
    throw new ProblemError(409, 'idempotency-key-reused', {
      zh: '该 Idempotency-Key 已用于另一个请求',
      en: 'This Idempotency-Key was already used for a different request',
    })
  const body = prev.body as { ref?: unknown }
  const value = replay && body && typeof body === 'object' && 'ref' in body ? await replay(db, body.ref) : (prev.body as T)
  return { status: prev.status as ContentfulStatusCode, body: value, replayed: true }
}


/** Re-runs a whole transaction that PostgreSQL aborted for a deadlock or serialization failure (nothing of it was kept). */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run()
    } catch (err) {
      const code = sqlState(err)
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw err
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(i, 6)))
    }
  }
}
