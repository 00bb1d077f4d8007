import { and, desc, eq, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '../../db/client.ts'
import { changeHistory } from '../../db/schema/index.ts'
import type { Caller } from '../../auth/caller.ts'
import { audit } from '../../audit/audit.ts'
import { notFound, type Text } from '../../http/problem.ts'

export type EntityType = 'workshop' | 'worker' | 'enterprise' | 'collective'
type Changes = Record<string, { from: unknown; to: unknown }>

/** Field-by-field differences of the keys present in `next` (arrays and objects compared as JSON). */
export function diff(prev: Record<string, unknown>, next: Record<string, unknown>): Changes {
  const out: Changes = {}
  for (const [k, to] of Object.entries(next)) {
    if (to === undefined) continue
    const from = prev[k] ?? null
    if (JSON.stringify(from) !== JSON.stringify(to ?? null)) out[k] = { from, to: to ?? null }
  }
  return out
}

/**
 * Personal numbers never go into history in clear: a history reader may not be allowed to see them. Sealed
 * columns and blind indexes (…Enc, …Bidx) are not history at all.
 */
const SECRET = new Set(['idNumber', 'phone', 'contactPhone'])
const SEALED = /(Enc|Bidx)$/
function redact(changes: Changes): Changes {
  const out: Changes = {}
  for (const [k, v] of Object.entries(changes))
    if (!SEALED.test(k)) out[k] = SECRET.has(k) ? { from: v.from == null ? null : '(changed)', to: v.to == null ? null : '(changed)' } : v
  return out
}

export async function recordChange(
  tx: DbOrTx,
  caller: Pick<Caller, 'user'> | null,
  entityType: EntityType,
  entityId: string,
  action: string,
  changes: Changes,
): Promise<void> {
  const user = caller?.user ?? null
  await tx.insert(changeHistory).values({ entityType, entityId, action, changes: redact(changes), userId: user?.id ?? null, username: user?.username ?? null })
}

/** An edit of a registry entry: its history row, and the audit entry naming the fields changed (never their values). */
export async function recordUpdate(tx: DbOrTx, caller: Caller, entityType: EntityType, entityId: string, regionCode: string, changes: Changes): Promise<void> {
  await recordChange(tx, caller, entityType, entityId, 'update', changes)
  await audit(tx, caller, { action: `${entityType}.update`, targetType: entityType, targetId: entityId, regionCode, detail: { fields: Object.keys(changes) } })
}

export async function historyOf(db: DbOrTx, entityType: EntityType, entityId: string) {
  const rows = await db
    .select()
    .from(changeHistory)
    .where(and(eq(changeHistory.entityType, entityType), eq(changeHistory.entityId, entityId)))
    .orderBy(desc(changeHistory.at), desc(changeHistory.id))
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), action: r.action, userId: r.userId, username: r.username, changes: r.changes }))
}

/** A registry entry's history, read only by a caller who may see the entry: otherwise 404, as for a wrong id. */
export async function visibleHistoryOf(
  db: DbOrTx,
  entityType: EntityType,
  entityId: string,
  entry: { id: PgColumn; visible: SQL | undefined; what: Text },
) {
  const [seen] = await db.select({ id: entry.id }).from(entry.id.table).where(and(entry.visible, eq(entry.id, entityId)))
  if (!seen) throw notFound(entry.what)
  return historyOf(db, entityType, entityId)
}
