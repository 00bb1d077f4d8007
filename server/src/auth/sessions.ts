import type { Database, Db } from '../db/client.ts'
import { GroupRunner } from '../http/group-runner.ts'
import { sessionsForTokenHashes, type LiveSession } from './session.ts'

/** Finds the live session of a token (by its SHA-256), with the user and the workshops they operate. */
export interface SessionLookup {
  find(tokenHash: string): Promise<LiveSession | null>
}

/**
 * Lookups of concurrent requests go to the database together, one query per batch (group commit for
 * reads). On PostgreSQL nothing is cached: other server processes may change accounts at any time.
 */
function batchedLookup(db: Db, concurrency: number): SessionLookup {
  const runner = new GroupRunner<string, LiveSession | null>(
    async (hashes) => {
      const found = await sessionsForTokenHashes(db, hashes)
      return hashes.map((h) => ({ ok: true, value: found.get(h) ?? null }))
    },
    { concurrency, maxJobs: 256, maxWeight: 256, weight: () => 1 },
  )
  return { find: (h) => runner.submit(h) }
}

/**
 * The embedded server owns its database: every write happens in this process. Sessions found are kept in
 * memory and all are forgotten on the 'gf_auth' notice that triggers send on any change to sessions,
 * users or workshop operators (migration auth_change_notify); PGlite has one backend, so the notice reaches
 * us before the writing statement returns (in process, or in its NotificationResponse ahead of ReadyForQuery on
 * the wire), and no request ever acts on a stale session. Expiry is checked on each use.
 */
async function cachedLookup(database: Database, fallback: SessionLookup): Promise<SessionLookup> {
  const known = new Map<string, LiveSession>()
  let generation = 0
  await database.listen!('gf_auth', () => {
    generation++
    known.clear()
  })
  return {
    async find(h) {
      const hit = known.get(h)
      if (hit && hit.expiresAt > Date.now()) return hit
      known.delete(h)
      const seen = generation
      const s = await fallback.find(h)
      // A change noticed while we looked may postdate what we read: use it once, do not keep it.
      if (s && seen === generation) {
        if (known.size >= 10_000) known.clear()
        known.set(h, s)
      }
      return s
    },
  }
}

export async function sessionLookup(database: Database): Promise<SessionLookup> {
  const batched = batchedLookup(database.db, database.kind === 'pglite' ? 1 : 4)
  return database.kind === 'pglite' && database.listen ? cachedLookup(database, batched) : batched
}
