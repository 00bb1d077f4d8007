import type { Db, DbKind } from '../db/client.ts'
import type { AuthUser } from '../auth/user.ts'
import type { Scope } from '../auth/scope.ts'

export interface AppVariables {
  db: Db
  dbKind: DbKind
  user: AuthUser | null
  scope: Scope
  /** How the caller authenticated; cookie sessions need the CSRF header on writes. */
  authVia: 'bearer' | 'cookie' | null
  sessionTokenHash: string | null
}
export interface AppEnv {
  Variables: AppVariables
}
