/**
 * "Who looked at my record": the worker's own view of the audit log — every list, read, export and reveal that
 * returned their data, with who (name and role, never an address) and, for a reveal, the reason given.
 */
import { sql } from 'drizzle-orm'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { ownWorkerId } from '../../auth/access/wages.ts'
import { queryRows, type DbOrTx } from '../../db/client.ts'

export interface RecordView {
  at: string
  who: string
  role: string
  action: string
  reason: string | null
}

export async function myViews(db: DbOrTx, caller: Caller): Promise<RecordView[]> {
  const user = authorize(caller, 'me.views')
  const workerId = ownWorkerId(caller.scope)
  if (!workerId) return []
  const rows = await queryRows<{ at: Date | string; who: string | null; role: string | null; action: string; reason: string | null }>(
    db,
    sql`select a.at, u.display_name as who, u.role, a.action, a.detail->>'reason' as reason
      from audit_log a left join users u on u.id = a.user_id
      where (a.subject_ids @> array[${workerId}]::uuid[] or (a.action = 'worker.reveal' and a.target_id = ${workerId}))
        and a.user_id is distinct from ${user.id}::uuid
      order by a.at desc limit 50`,
  )
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), who: r.who ?? '—', role: r.role ?? 'system', action: r.action, reason: r.reason }))
}
