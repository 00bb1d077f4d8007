import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { and, eq, sql } from 'drizzle-orm'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Tx } from '../db/client.ts'
import { idempotencyKeys } from '../db/schema/index.ts'
import type { AppEnv } from './env.ts'
import { ProblemError } from './problem.ts'

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
 * Runs a write once per (user, Idempotency-Key). The key is claimed with an INSERT in the same
 * transaction as the write, so the key and the write commit (or vanish) together: a retry after a
 * commit gets the stored first answer and writes nothing; a concurrent retry waits on the key's row
 * lock and then replays; the same key with a different request body (or endpoint) is a 409.
 * Without the header the write simply runs in a transaction.
 */
export async function idempotent<T>(
  c: Context<AppEnv>,
  request: unknown,
  write: (tx: Tx) => Promise<{ status: ContentfulStatusCode; body: T }>,
): Promise<IdempotentResult<T>> {
  const key = c.req.header(IDEMPOTENCY_HEADER)
  const user = c.var.user
  if (key === undefined || !user) {
    const r = await c.var.db.transaction((tx) => write(tx))
    return { ...r, replayed: false }
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new ProblemError(422, 'idempotency-key-invalid', { zh: 'Idempotency-Key 无效（1–200 个可见 ASCII 字符）', en: 'Invalid Idempotency-Key (1–200 visible ASCII characters)' })
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${canonicalJson(request)}`).digest('hex')

  for (let attempt = 0; ; attempt++) {
    try {
      return await c.var.db.transaction(async (tx) => {
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ key, userId: user.id, requestHash, status: 0, body: {} })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key })
        if (claimed.length === 0) {
          // Someone (an earlier or concurrent request) holds the key; its row is committed by now.
          const [prev] = await tx
            .select()
            .from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, key)))
          if (!prev) throw new RetryClaim()
          if (prev.requestHash !== requestHash)
            throw new ProblemError(409, 'idempotency-key-reused', {
              zh: '该 Idempotency-Key 已用于另一个请求',
              en: 'This Idempotency-Key was already used for a different request',
            })
          return { status: prev.status as ContentfulStatusCode, body: prev.body as T, replayed: true }
        }
        const r = await write(tx)
        await tx
          .update(idempotencyKeys)
          .set({ status: r.status, body: sql`${JSON.stringify(r.body)}::jsonb` })
          .where(and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, key)))
        return { ...r, replayed: false }
      })
    } catch (err) {
      // The key's holder rolled back between our insert and select: claim again.
      if (err instanceof RetryClaim && attempt < 3) continue
      throw err
    }
  }
}

class RetryClaim extends Error {}
