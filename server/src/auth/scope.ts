import { eq, inArray, like, sql, type AnyColumn, type SQL, type Table } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { workshopEnterprises, workshopMembers, workshops } from '../db/schema/index.ts'
import type { AuthUser } from './user.ts'

/**
 * What a caller may see. THE visibility rule of Gongfang: every read and write of
 * region-owned data filters with scopeFilter() below, nowhere else.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; regionCode: string } // staff: '3311' sees everything whose region starts with 3311
  | { kind: 'operator'; userId: string; workshopIds: string[] }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'collective'; collectiveId: string }
  | { kind: 'worker'; workerId: string }
  | { kind: 'public' }

type Col = AnyColumn | SQL

/** How a table relates to the things a scope can be bound to; give the columns it has. */
export interface ScopeColumns {
  regionCode?: Col
  workshopId?: Col
  workerId?: Col
  enterpriseId?: Col
  collectiveId?: Col
  /** For the workshops table itself: partner enterprises may see the workshops they work with. */
  partnerWorkshopId?: Col
}

const none = sql`false`

function likePrefix(col: Col, prefix: string): SQL {
  // Codes are digits only, so no LIKE metacharacters can sneak in; checked anyway.
  if (!/^\d+$/.test(prefix)) return none
  return like(col as AnyColumn, `${prefix}%`)
}

export function scopeFilter(scope: Scope, t: ScopeColumns): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`
    case 'public':
      return none // the public sees aggregates only, never rows
    case 'region':
      return t.regionCode ? likePrefix(t.regionCode, scope.regionCode) : none
    case 'operator': {
      if (scope.workshopIds.length === 0) return none
      if (t.workshopId) return inArray(t.workshopId as AnyColumn, scope.workshopIds)
      if (t.workerId)
        return linkedTo(t.workerId, workshopMembers.workerId, workshopMembers, inArray(workshopMembers.workshopId, scope.workshopIds))
      return none
    }
    case 'enterprise': {
      if (t.enterpriseId) return eq(t.enterpriseId as AnyColumn, scope.enterpriseId)
      if (t.partnerWorkshopId)
        return linkedTo(t.partnerWorkshopId, workshopEnterprises.workshopId, workshopEnterprises, eq(workshopEnterprises.enterpriseId, scope.enterpriseId))
      return none
    }
    case 'collective': {
      if (t.collectiveId) return eq(t.collectiveId as AnyColumn, scope.collectiveId)
      if (t.workshopId && !t.workerId)
        return linkedTo(t.workshopId, workshops.id, workshops, eq(workshops.collectiveId, scope.collectiveId))
      return none
    }
    case 'worker': {
      if (t.workerId) return eq(t.workerId as AnyColumn, scope.workerId)
      if (t.workshopId)
        return linkedTo(t.workshopId, workshopMembers.workshopId, workshopMembers, eq(workshopMembers.workerId, scope.workerId))
      return none
    }
  }
}

/** `column in (select picked from table where link)`: rows tied to the scope through a link table (one subquery). */
function linkedTo(column: unknown, picked: AnyColumn, table: Table, link: SQL | undefined): SQL {
  return inArray(column as AnyColumn, sql`(select ${picked} from ${table} where ${link})`)
}

/** True when a region code lies inside the scope's region subtree (for writes that name a region). */
export function regionInScope(scope: Scope, regionCode: string): boolean {
  if (scope.kind === 'all') return true
  if (scope.kind === 'region') return regionCode.startsWith(scope.regionCode)
  return false
}

/** The root region a scope may browse (region pickers, cockpit default). */
export function scopeRootRegion(scope: Scope, user: AuthUser | null): string | null {
  if (scope.kind === 'all') return '33'
  if (scope.kind === 'region') return scope.regionCode
  return user?.regionCode ?? null
}

/** The scope of a user whose operated workshops are known (read with the session: see auth/session.ts). */
export function scopeWith(user: AuthUser | null, operatedWorkshopIds: readonly string[]): Scope {
  if (!user) return { kind: 'public' }
  if (user.role === 'operator') return { kind: 'operator', userId: user.id, workshopIds: [...operatedWorkshopIds] }
  return scopeWithoutWorkshops(user)
}

function scopeWithoutWorkshops(user: AuthUser): Scope {
  switch (user.role) {
    case 'admin':
      return { kind: 'all' }
    case 'staff':
      return user.regionCode ? { kind: 'region', regionCode: user.regionCode } : { kind: 'public' }
    case 'enterprise':
      return user.enterpriseId ? { kind: 'enterprise', enterpriseId: user.enterpriseId } : { kind: 'public' }
    case 'collective':
      return user.collectiveId ? { kind: 'collective', collectiveId: user.collectiveId } : { kind: 'public' }
    case 'worker':
      return user.workerId ? { kind: 'worker', workerId: user.workerId } : { kind: 'public' }
    case 'operator':
      return { kind: 'operator', userId: user.id, workshopIds: [] }
  }
}

export async function scopeOf(db: DbOrTx, user: AuthUser | null): Promise<Scope> {
  if (user?.role !== 'operator') return scopeWith(user, [])
  const rows = await db.select({ id: workshops.id }).from(workshops).where(eq(workshops.operatorUserId, user.id))
  return scopeWith(user, rows.map((r) => r.id))
}
