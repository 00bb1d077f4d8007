import type { Context } from 'hono'
import type { DbOrTx } from '../db/client.ts'
import { auditLog } from '../db/schema/index.ts'
import type { AppEnv } from '../http/env.ts'
import { clientIp } from '../http/client-ip.ts'

export interface AuditEntry {
  action: string
  targetType?: string
  targetId?: string
  regionCode?: string | null
  detail?: Record<string, unknown>
}

/** Appends one audit row (who, when, what, from where); call inside the write's transaction. */
export async function audit(db: DbOrTx, c: Context<AppEnv> | null, entry: AuditEntry): Promise<void> {
  const user = c?.var.user ?? null
  await db.insert(auditLog).values({
    userId: user?.id ?? null,
    username: user?.username ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    regionCode: entry.regionCode ?? null,
    ip: c ? clientIp(c) : null,
    detail: entry.detail ?? null,
  })
}
