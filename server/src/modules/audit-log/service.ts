/**
 * The audit log for people: who did what to whose data, when and from where — filtered, paged and exported.
 * Staff see what happened to their region's data, admin everything; reading it is itself audited on export.
 */
import { and, desc, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { component, dateRangeFields, PageQuerySchema, requiredText } from '@gongfang/shared'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { auditRows } from '../../auth/access/platform.ts'
import { unusualReads } from '../../auth/access/privacy.ts'
import { callerToday } from '../../auth/caller.ts'
import { queryRows } from '../../db/client.ts'
import { addDays } from '@gongfang/shared/clock'
import type { DbOrTx } from '../../db/client.ts'
import { auditLog } from '../../db/schema/index.ts'
import { escapeLike } from '../../db/like.ts'
import { audit } from '../../audit/audit.ts'
import { exportFile, type ExportColumn } from '../../files/export.ts'
import { pageWindow } from '../../http/pagination.ts'

export const AuditFilterSchema = z.object({
  username: requiredText(50).optional(),
  /** An action or its family: `worker` matches worker.read, worker.reveal, … */
  action: requiredText(60).optional(),
  targetId: requiredText(60).optional(),
  /** China dates, both included. */
  ...dateRangeFields,
})
export const AuditQuerySchema = PageQuerySchema.extend(AuditFilterSchema.shape)

export const AuditEntrySchema = component('AuditEntry', {
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  regionCode: z.string().nullable(),
  ip: z.string().nullable(),
  /** How many people the request returned (reads). */
  subjects: z.number().int(),
  detail: z.record(z.string(), z.unknown()).nullable(),
})
type AuditEntry = z.infer<typeof AuditEntrySchema>

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`)

function where(caller: Caller, f: z.output<typeof AuditFilterSchema>): SQL {
  const conds: SQL[] = [auditRows(caller.scope)]
  if (f.username) conds.push(eq(auditLog.username, f.username))
  if (f.action) conds.push(f.action.includes('.') ? eq(auditLog.action, f.action) : like(auditLog.action, `${escapeLike(f.action)}.%`))
  if (f.targetId) conds.push(eq(auditLog.targetId, f.targetId))
  if (f.from) conds.push(gte(auditLog.at, dayStart(f.from)))
  if (f.to) conds.push(lt(auditLog.at, new Date(dayStart(f.to).getTime() + 86_400_000)))
  return and(...conds)!
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  username: auditLog.username,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  regionCode: auditLog.regionCode,
  ip: auditLog.ip,
  subjects: sql<number>`coalesce(cardinality(${auditLog.subjectIds}), 0)::int`,
  detail: auditLog.detail,
}
const view = (r: Omit<AuditEntry, 'at'> & { at: Date }): AuditEntry => ({ ...r, at: r.at.toISOString(), subjects: Number(r.subjects) })

export async function listAudit(db: DbOrTx, caller: Caller, q: z.output<typeof AuditQuerySchema>) {
  authorize(caller, 'audit.read')
  const w = where(caller, q)
  const { limit, offset } = pageWindow(q)
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(w)) as [{ n: number }]
  const rows = await db.select(columns).from(auditLog).where(w).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset)
  return { items: rows.map(view), total: n, page: q.page, pageSize: q.pageSize }
}

const EXPORT_MAX = 50_000
const EXPORT_COLUMNS: ExportColumn<AuditEntry>[] = [
  { header: '时间（UTC）', value: (r) => r.at, width: 22 },
  { header: '账号', value: (r) => r.username },
  { header: '操作', value: (r) => r.action, width: 22 },
  { header: '对象类型', value: (r) => r.targetType },
  { header: '对象', value: (r) => r.targetId, text: true, width: 38 },
  { header: '地区代码', value: (r) => r.regionCode, text: true },
  { header: '来源地址', value: (r) => r.ip },
  { header: '涉及人数', value: (r) => r.subjects },
  { header: '详情', value: (r) => (r.detail ? JSON.stringify(r.detail) : ''), width: 60 },
]

export async function exportAudit(db: DbOrTx, caller: Caller, f: z.output<typeof AuditFilterSchema>) {
  authorize(caller, 'audit.read')
  const rows = await db.select(columns).from(auditLog).where(where(caller, f)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(EXPORT_MAX)
  await audit(db, caller, { action: 'audit.export', targetType: 'audit_log', detail: { rows: rows.length, filters: f } })
  return exportFile('csv', '审计日志', EXPORT_COLUMNS, rows.map(view))
}

export const UnusualReadSchema = component('UnusualRead', {
  username: z.string().nullable(),
  /** China date. */
  day: z.string(),
  /** Different people whose data the account read that day. */
  people: z.number().int(),
  /** The account's usual day: the median of its days with reads in the 30 before (0: none). */
  usual: z.number(),
})

/**
 * Accounts that read far more people than usual on one of the last 7 China days (staff: reads filed under their
 * region), most people first: the flag a county's data-protection officer looks at first.
 */
export async function unusualReadDays(db: DbOrTx, caller: Caller) {
  authorize(caller, 'audit.read')
  const today = callerToday(caller)
  const since = dayStart(addDays(today, -36))
  const { minPeople, timesUsual } = unusualReads()
  const rows = await queryRows<{ username: string | null; day: string; people: number; usual: number | string }>(
    db,
    sql`
      with daily as (
        select ${auditLog.userId} as user_id, max(${auditLog.username}) as username,
               (${auditLog.at} at time zone 'Asia/Shanghai')::date as day, count(distinct s.id)::int as people
        from ${auditLog} cross join lateral unnest(${auditLog.subjectIds}) as s(id)
        where ${auditRows(caller.scope)} and ${auditLog.at} >= ${since} and ${auditLog.userId} is not null
        group by 1, 3
      )
      select d.username, d.day::text as day, d.people,
             coalesce((select percentile_cont(0.5) within group (order by p.people) from daily p
                       where p.user_id = d.user_id and p.day between d.day - 30 and d.day - 1), 0) as usual
      from daily d
      where d.day >= ${addDays(today, -6)}::date
      order by d.people desc`,
  )
  return rows
    .map((r) => ({ username: r.username, day: r.day, people: Number(r.people), usual: Number(r.usual) }))
    .filter((r) => r.people >= minPeople && r.people >= timesUsual * r.usual)
}
