import { sql } from 'drizzle-orm'
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts'

/**
 * Folds queued work records into the roll-ups (migration cockpit_deferred_fold) and returns how many.
 * Costs one index probe when nothing is queued. Every reader of the roll-ups calls it first, so figures
 * are exact at read time whatever the background folder has done.
 */
export async function foldPendingWork(db: DbOrTx, maxLines?: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, maxLines ? sql`select cockpit_fold_work(${maxLines}::int) as n` : sql`select cockpit_fold_work() as n`)
  return Number(r?.n ?? 0)
}

/** Lines per background fold: small enough that requests waiting on the embedded database wait briefly. */
export const FOLD_CHUNK = 250

/** Folds the whole queue a chunk at a time, letting waiting requests go first before each chunk. */
async function foldInChunks(db: Db, giveWay: () => Promise<unknown>): Promise<void> {
  do await giveWay()
  while ((await foldPendingWork(db, FOLD_CHUNK)) >= FOLD_CHUNK)
}

/**
 * Keeps the queue short while the server runs: every `everyMs` folds what is queued, FOLD_CHUNK lines at a
 * time (set-based, instead of roll-up work inside each writer's transaction). `giveWay` is awaited before each
 * chunk: on the embedded database (one connection) a chunk makes every request that arrives meanwhile wait, so
 * the server lets a burst of day-sheet entries through first; readers fold what is still queued anyway.
 * Returns a stop function.
 */
export function startBackgroundFold(
  db: Db,
  opts: { everyMs?: number; giveWay?: () => Promise<unknown> } = {},
): () => Promise<void> {
  let running: Promise<unknown> | null = null
  const giveWay = opts.giveWay ?? (() => new Promise<void>((r) => setImmediate(r)))
  const timer = setInterval(() => {
    if (running) return
    running = foldInChunks(db, giveWay)
      .catch((err: unknown) => console.error('cockpit fold failed (readers fold again):', err))
      .finally(() => {
        running = null
      })
  }, opts.everyMs ?? 200)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
