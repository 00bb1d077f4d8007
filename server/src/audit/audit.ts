import type { DbOrTx } from '../db/client.ts'
import { auditLog } from '../db/schema/index.ts'
import type { Caller } from '../auth/caller.ts'

export interface AuditEntry {
  action: string
  targetType?: string
  targetId?: string
  regionCode?: string | null
  detail?: Record<string, unknown>
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
  })
}
