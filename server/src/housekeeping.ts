import { lt, sql } from 'drizzle-orm'
import { queryRows, type DbOrTx } from './db/client.ts'
import { idempotencyKeys, sessions } from './db/schema/index.ts'
import type { Logger } from './log.ts'

export interface PurgeResult {
  sessions: number
  idempotencyKeys: number
}

/** Removes expired sessions and idempotency keys older than the configured age. */
export async function purgeExpired(
  db: DbOrTx,
  opts: { idempotencyTtlHours: number; now?: Date },
): Promise<PurgeResult> {
  const now = opts.now ?? new Date()
  const keyCutoff = new Date(now.getTime() - opts.idempotencyTtlHours * 3600_000)
  const s = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ one: sql<number>`1` })
  const k = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, keyCutoff))
    .returning({ one: sql<number>`1` })
  return { sessions: s.length, idempotencyKeys: k.length }
}

/**
 * Analyses the tables whose statistics are stale, as PostgreSQL's autovacuum would: more rows changed since the
 * last analysis than its threshold (50 + 10 % of the table), or never analysed though they hold data. The embedded
 * database has no autovacuum: without this, a table that grew from empty keeps the planner's guess of its size,
 * and a pay-sheet lock joined every worker against its lines (440 ms for what takes 5). Returns the tables.
 */
export async function analyzeStale(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ t: string }>(
    db,
    sql`select quote_ident(s.schemaname) || '.' || quote_ident(s.relname) as t
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
           or (c.reltuples < 0 and pg_relation_size(c.oid) > 8192)
        order by s.relname`,
  )
  for (const r of rows) await db.execute(sql.raw(`analyze ${r.t}`))
  return rows.map((r) => r.t)
}

/**
 * Runs purgeExpired now and then every `everyMinutes`, and analyzeStale every `analyzeSeconds` when given (the
 * embedded database) unless `holdAnalyze` says to wait (a bulk load that analyses after itself: each pass over its
 * growing tables took seconds of it); returns a stop function.
 */
export function startHousekeeping(
  db: DbOrTx,
  opts: {
    idempotencyTtlHours: number
    everyMinutes: number
    analyzeSeconds?: number
    holdAnalyze?: () => boolean
    log: Logger
  },
): () => void {
  const run = () =>
    purgeExpired(db, opts).then(
      (r) => {
        if (r.sessions || r.idempotencyKeys) opts.log.info(r, 'housekeeping: removed expired rows')
      },
      (err: unknown) => opts.log.error({ err }, 'housekeeping failed'),
    )
  void run()
  const timer = setInterval(run, opts.everyMinutes * 60_000)
  timer.unref()
  let analyzing = false
  const analyze = opts.analyzeSeconds
    ? setInterval(() => {
        if (analyzing || opts.holdAnalyze?.()) return
        analyzing = true
        analyzeStale(db)
          .then(
            (t) => {
              if (t.length) opts.log.debug({ tables: t }, 'housekeeping: analysed')
            },
            (err: unknown) => opts.log.error({ err }, 'analyse failed'),
          )
          .finally(() => (analyzing = false))
      }, opts.analyzeSeconds * 1000)
    : undefined
  analyze?.unref()
  return () => {
    clearInterval(timer)
    clearInterval(analyze)
  }
}
