/**
 * One search box for the whole product: workshops, workers, enterprises and orders by name or code, each within
 * what the caller may see (the same row rules as their lists). A full ID or phone number finds a worker through
 * the blind index; the answer never shows the number.
 */
import { readerRegionOf } from '../../auth/access/platform.ts'
import { and, eq, ilike, or, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { SearchHit } from '@gongfang/shared/search'
import type { Caller } from '../../auth/caller.ts'
import { authorize, can } from '../../auth/access/index.ts'
import { enterpriseRows, workerRows, workshopRows } from '../../auth/access/registry.ts'
import { orderRows } from '../../auth/access/orders.ts'
import type { DbOrTx } from '../../db/client.ts'
import { auditRead } from '../../audit/audit.ts'
import { containsPattern, nameContains } from '../../db/like.ts'
import { enterprises, orders, regions, workers, workshops } from '../../db/schema/index.ts'
import { activeVault, idNumberIndex, normalizePhone, phoneIndex } from '../../vault/index.ts'

const PER_KIND = 5

export async function search(db: DbOrTx, caller: Caller, q: string): Promise<SearchHit[]> {
  authorize(caller, 'search.read')
  const like = containsPattern(q)
  const hits: SearchHit[] = []
  const workerIds: string[] = []
  const regionName = (col: SQL | AnyColumn) => sql<string | null>`(select r.name from ${regions} r where r.code = ${col})`

  if (can(caller, 'workshops.read')) {
    const rows = await db
      .select({ id: workshops.id, name: workshops.name, region: regionName(workshops.regionCode) })
      .from(workshops)
      .where(and(workshopRows(caller.scope), or(ilike(workshops.name, like), eq(workshops.regionCode, q))))
      .orderBy(workshops.name)
      .limit(PER_KIND)
    hits.push(...rows.map((r) => ({ kind: 'workshop' as const, id: r.id, title: r.name, subtitle: r.region ?? null, path: `/workshops/${r.id}` })))
  }
  if (can(caller, 'workers.read')) {
    const vault = activeVault()
    const byNumber: SQL[] = []
    if (/^\d{17}[\dXx]$/.test(q)) byNumber.push(eq(workers.idNumberBidx, idNumberIndex(vault, q)))
    if (/^1\d{10}$/.test(normalizePhone(q))) byNumber.push(eq(workers.phoneBidx, phoneIndex(vault, q)))
    // The matches first, then their order: ordered by name, the planner walks the name index and filters every
    // name of the province for a common character (1.5 s); OFFSET 0 keeps the subquery apart.
    const found = db
      .select({ id: workers.id, name: workers.name, regionCode: workers.regionCode })
      .from(workers)
      .where(and(workerRows(caller.scope), or(nameContains(workers.name, q), ...byNumber)))
      .offset(0)
      .as('found')
    const rows = await db
      .select({ id: found.id, name: found.name, region: regionName(found.regionCode) })
      .from(found)
      .orderBy(found.name)
      .limit(PER_KIND)
    workerIds.push(...rows.map((r) => r.id))
    hits.push(...rows.map((r) => ({ kind: 'worker' as const, id: r.id, title: r.name, subtitle: r.region ?? null, path: `/workers/${r.id}` })))
  }
  if (can(caller, 'enterprises.read')) {
    const rows = await db
      .select({ id: enterprises.id, name: enterprises.name, code: enterprises.creditCode })
      .from(enterprises)
      .where(and(enterpriseRows(caller.scope), or(ilike(enterprises.name, like), eq(enterprises.creditCode, q.toUpperCase()))))
      .orderBy(enterprises.name)
      .limit(PER_KIND)
    hits.push(...rows.map((r) => ({ kind: 'enterprise' as const, id: r.id, title: r.name, subtitle: r.code, path: `/enterprises/${r.id}` })))
  }
  if (can(caller, 'orders.list')) {
    const rows = await db
      .select({ id: orders.id, product: orders.product, status: orders.status, region: regionName(orders.regionCode) })
      .from(orders)
      .where(and(orderRows(caller.scope), ilike(orders.product, like)))
      .orderBy(sql`${orders.createdAt} desc`)
      .limit(PER_KIND)
    hits.push(...rows.map((r) => ({ kind: 'order' as const, id: r.id, title: r.product, subtitle: r.region ?? null, status: r.status, path: `/orders/${r.id}` })))
  }
  await auditRead(db, caller, { action: 'search', targetType: 'worker', regionCode: readerRegionOf(caller), subjectIds: workerIds, detail: { q: /\d{5,}/.test(q) ? '(number)' : q } }) // an ID or phone typed in is never logged
  return hits
}
