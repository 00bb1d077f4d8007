import type { AuthUser } from './user.ts'
import type { Scope } from './scope.ts'

/**
 * Who a session token belongs to and what they may see, remembered for a few seconds so that a burst of
 * requests (an operator's phone sending its queued day sheets) does not look the session up each time.
 * This process forgets an entry at once on logout and forgets all entries when accounts or workshop
 * operators change here; another server process may act on a stale entry for at most AUTH_CACHE_MS.
 */
export const AUTH_CACHE_MS = 5_000
const MAX_ENTRIES = 10_000

interface Entry {
  user: AuthUser
  scope: Scope
  until: number
}
const entries = new Map<string, Entry>()

export function cachedAuth(tokenHash: string, now = Date.now()): Entry | null {
  const e = entries.get(tokenHash)
  if (!e) return null
  if (e.until <= now) {
    entries.delete(tokenHash)
    return null
  }
  return e
}

export function rememberAuth(tokenHash: string, user: AuthUser, scope: Scope, now = Date.now()) {
  if (entries.size >= MAX_ENTRIES) entries.clear()
  entries.set(tokenHash, { user, scope, until: now + AUTH_CACHE_MS })
}

/** Forget one session (logout) or every session (accounts, roles or workshop operators changed). */
export function forgetAuth(tokenHash?: string) {
  if (tokenHash === undefined) entries.clear()
  else entries.delete(tokenHash)
}
