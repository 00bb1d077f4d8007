import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../db/client.ts'
import { auditLog } from '../db/schema/index.ts'
import type { Caller } from '../auth/caller.ts'

export interface AuditEntry {
  action: string
  targetType?: string
  targetId?: string
  regionCode?: string | null
  detail?: Record<string, unknown>
  /** Workers whose personal data the request returned. */
  subjectIds?: readonly string[]
  /**
   * The same people as an SQL expression of type uuid[], when the database already holds their ids for this
   * request (a province export's 500,000, gathered batch by batch): the row is the same, without sending them back.
   */
  subjectIdsQuery?: SQL
}

/** Appends one audit row (who, when, what, from where); call inside the write's transaction. */
export async function audit(db: DbOrTx, caller: Pick<Caller, 'user' | 'ip'> | null, entry: AuditEntry): Promise<void> {
  const user = caller?.user ?? null
  await db.insert(auditLog).values({
    userId: user?.id ?? null,
    username: user?.username ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    regionCode: entry.regionCode ?? null,
    ip: caller?.ip ?? null,
    detail: entry.detail ?? null,
    // One text parameter split by the database: drizzle's array literal of a province export's 500,000 ids held
    // the event loop for about 200 ms (ids are uuids, so a comma cannot occur inside one).
    subjectIds: entry.subjectIdsQuery
      ? sql<string[]>`nullif(${entry.subjectIdsQuery}, '{}'::uuid[])`
      : entry.subjectIds?.length
        ? sql<string[]>`string_to_array(${entry.subjectIds.join(',')}, ',')::uuid[]`
        : null,
  })
}

/**
 * A read of personal data: one row per request naming the people returned, so "who looked at whom" can be
 * answered for every list, read and export. A worker reading their own record is not logged as a view.
 */
export async function auditRead(db: DbOrTx, caller: Pick<Caller, 'user' | 'ip'>, entry: AuditEntry & { subjectIds: readonly string[] }): Promise<void> {
  if (!caller.user || entry.subjectIds.length === 0) return
  if (caller.user.workerId && entry.subjectIds.every((id) => id === caller.user!.workerId)) return
  await audit(db, caller, entry)
}
