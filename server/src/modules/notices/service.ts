import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { noticeRows } from '../../auth/access/platform.ts'
import type { DbOrTx } from '../../db/client.ts'
import { staffNotices } from '../../db/schema/index.ts'
import { notFound } from '../../http/problem.ts'

/** Unread notices first, newest first (the last 50). */
export async function listNotices(db: DbOrTx, caller: Caller) {
  authorize(caller, 'notices.read')
  const rows = await db.select().from(staffNotices).where(noticeRows(caller.scope)).orderBy(sql`${staffNotices.readAt} is not null`, desc(staffNotices.createdAt)).limit(50)
  return rows.map((r) => ({ id: r.id, regionCode: r.regionCode, kind: r.kind, title: r.title, createdAt: r.createdAt.toISOString(), read: r.readAt !== null }))
}

export async function markRead(db: DbOrTx, caller: Caller, id: number) {
  const user = authorize(caller, 'notices.read')
  const done = await db
    .update(staffNotices)
    .set({ readAt: caller.clock.now(), readBy: user.id })
    .where(and(eq(staffNotices.id, id), noticeRows(caller.scope), isNull(staffNotices.readAt)))
    .returning({ id: staffNotices.id })
  if (done.length === 0) {
    const [seen] = await db.select({ id: staffNotices.id }).from(staffNotices).where(and(eq(staffNotices.id, id), noticeRows(caller.scope)))
    if (!seen) throw notFound({ zh: '通知', en: 'Notice' })
  }
  return { id, read: true }
}

