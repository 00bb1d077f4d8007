import type { Db, DbKind } from '../db/client.ts'
import type { AuthUser } from '../auth/user.ts'
import type { Scope } from '../auth/scope.ts'
import type { SessionLookup } from '../auth/sessions.ts'

export interface AppVariables {
  db: Db
  dbKind: DbKind
  user: AuthUser | null
  scope: Scope
  /** How the caller authenticated; cookie sessions need the CSRF header on writes. */
  authVia: 'bearer' | 'cookie' | null
  sessionTokenHash: string | null
  /** How this app finds sessions (batched; cached in memory on PGlite): auth/sessions.ts. */
  sessions: SessionLookup
}
export interface AppEnv {
  Variables: AppVariables
}
