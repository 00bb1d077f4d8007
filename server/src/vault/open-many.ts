import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { VaultError, open, openingKeys, type Vault } from './vault.ts'

/** Below this many values the threads' start (tens of ms) costs more than it saves: open them here. */
export const OPEN_MANY_INLINE_BELOW = 20_000

/**
 * Opens many sealed values of one field (a province's bank file: 500,000 account numbers, ≈ 10–25 µs each).
 * Large lists are split over a few worker threads, started for this call and gone when it returns, so nothing
 * keeps a test or the server alive and the event loop stays free meanwhile. Same result and same VaultError
 * as open() on each value; the first value that fails (in list order within a slice) is the one reported.
 */
export async function openMany(vault: Vault, field: string, sealed: readonly string[], opts: { threads?: number; inlineBelow?: number } = {}): Promise<string[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? Math.min(availableParallelism(), 4), Math.ceil(sealed.length / 1000)))
  if (sealed.length < (opts.inlineBelow ?? OPEN_MANY_INLINE_BELOW)) return sealed.map((s) => open(vault, field, s))
  const keys = openingKeys(vault, field)
  const size = Math.ceil(sealed.length / threads)
  const slices = Array.from({ length: threads }, (_, i) => sealed.slice(i * size, (i + 1) * size))
  const workers: Worker[] = []
  try {
    const results = await Promise.all(
      slices.map(
        (slice) =>
          new Promise<{ out: string[] | null; failed: number }>((resolve, reject) => {
            // execArgv []: the worker is plain JavaScript and needs no TypeScript loader (faster start).
            const w = new Worker(new URL('./open-worker.mjs', import.meta.url), { workerData: { keys, sealed: slice }, execArgv: [] })
            workers.push(w)
            w.once('message', resolve)
            w.once('error', reject)
            w.once('exit', (code) => reject(new Error(`vault worker exited (${code}) before answering`)))
          }),
      ),
    )
    const opened: string[] = []
    results.forEach((r, i) => {
      if (!r.out) {
        open(vault, field, slices[i]![r.failed]!) // throws the VaultError open() gives for it
        throw new VaultError(`A sealed value of ${field} could not be opened.`)
      }
      for (const v of r.out) opened.push(v)
    })
    return opened
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
