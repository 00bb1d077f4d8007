import { lt, sql } from 'drizzle-orm'
import type { DbOrTx } from './db/client.ts'
import { idempotencyKeys, sessions } from './db/schema/index.ts'
import type { Logger } from './log.ts'

export interface PurgeResult {
  sessions: number
  idempotencyKeys: number
}

/** Removes expired sessions and idempotency keys older than the configured age. */
export async function purgeExpired(db: DbOrTx, opts: { idempotencyTtlHours: number; now?: Date }): Promise<PurgeResult> {
  const now = opts.now ?? new Date()
  const keyCutoff = new Date(now.getTime() - opts.idempotencyTtlHours * 3600_000)
  const s = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ one: sql<number>`1` })
  const k = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, keyCutoff)).returning({ one: sql<number>`1` })
  return { sessions: s.length, idempotencyKeys: k.length }
}

/** Runs purgeExpired now and then every `everyMinutes`; returns a stop function. */
export function startHousekeeping(db: DbOrTx, opts: { idempotencyTtlHours: number; everyMinutes: number; log: Logger }): () => void {
  const run = () =>
    purgeExpired(db, opts).then(
      (r) => { if (r.sessions || r.idempotencyKeys) opts.log.info(r, 'housekeeping: removed expired rows') },
      (err: unknown) => opts.log.error({ err }, 'housekeeping failed'),
    )
  void run()
  const timer = setInterval(run, opts.everyMinutes * 60_000)
  timer.unref()
  return () => clearInterval(timer)
}
