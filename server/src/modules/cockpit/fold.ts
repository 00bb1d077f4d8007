import { sql } from 'drizzle-orm'
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts'

/**
 * Folds queued work records into the roll-ups (migration cockpit_deferred_fold) and returns how many.
 * Costs one index probe when nothing is queued. Every reader of the roll-ups calls it first, so figures
 * are exact at read time whatever the background folder has done.
 */
export async function foldPendingWork(db: DbOrTx): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select cockpit_fold_work() as n`)
  return Number(r?.n ?? 0)
}

/**
 * Keeps the queue short while the server runs: folds every `everyMs` (one small set-based fold instead of
 * roll-up work inside each writer's transaction). Returns a stop function.
 */
export function startBackgroundFold(db: Db, everyMs = 200): () => Promise<void> {
  let running: Promise<unknown> | null = null
  const timer = setInterval(() => {
    if (running) return
    running = foldPendingWork(db)
      .catch((err: unknown) => console.error('cockpit fold failed (readers fold again):', err))
      .finally(() => {
        running = null
      })
  }, everyMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
