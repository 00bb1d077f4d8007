import type { Db, DbKind, DatabaseState } from '../db/client.ts'
import type { AuthUser } from '../auth/user.ts'
import type { Scope } from '../auth/scope.ts'
import type { SessionLookup } from '../auth/sessions.ts'
import type { Caller } from '../auth/caller.ts'
import type { Clock } from '@gongfang/shared/clock'
import type { Logger } from '../log.ts'

export interface AppVariables {
  db: Db
  dbKind: DbKind
  /** The database's state for health (threaded PGlite's watchdog; always ok on PostgreSQL). */
  dbState: () => DatabaseState
  user: AuthUser | null
  scope: Scope
  /** How the caller authenticated; cookie sessions need the CSRF header on writes. */
  authVia: 'bearer' | 'cookie' | null
  sessionTokenHash: string | null
  /** How this app finds sessions (batched; cached in memory on PGlite): auth/sessions.ts. */
  sessions: SessionLookup
  /** Who is asking: what services receive (user, scope, address, locale, request id, clock, log). */
  caller: Caller
  /** The app's clock (pinned in tests). */
  clock: Clock
  requestId: string
  log: Logger
}
export interface AppEnv {
  Variables: AppVariables
}
