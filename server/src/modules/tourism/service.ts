import { and, count, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm'
import type { TourismRecordCreate } from '@gongfang/shared/sales'
import { scopeFilter, type Scope } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { tourismRecords, workshops } from '../../db/schema/index.ts'
import { pageWindow } from '../../http/pagination.ts'
import { iso } from '../collective-income/access.ts'
import { workshopForFacts } from '../sales/workshop-access.ts'

const cols = {
  id: tourismRecords.id,
  workshopId: tourismRecords.workshopId,
  workshopName: workshops.name,
  regionCode: tourismRecords.regionCode,
  recordDate: tourismRecords.recordDate,
  visitors: tourismRecords.visitors,
  revenueFen: tourismRecords.revenueFen,
  note: tourismRecords.note,
  createdAt: tourismRecords.createdAt,
}
const view = (r: { createdAt: Date } & Record<string, unknown>) => ({ ...r, createdAt: iso(r.createdAt)! }) as never as { id: number; regionCode: string }

export async function listTourism(db: DbOrTx, scope: Scope, q: { page: number; pageSize: number; region?: string; workshopId?: string; from?: string; to?: string }) {
  const conds: (SQL | undefined)[] = [scopeFilter(scope, { regionCode: tourismRecords.regionCode, workshopId: tourismRecords.workshopId })]
  if (q.region) conds.push(like(tourismRecords.regionCode, `${q.region}%`))
  if (q.workshopId) conds.push(eq(tourismRecords.workshopId, q.workshopId))
  if (q.from) conds.push(gte(tourismRecords.recordDate, q.from))
  if (q.to) conds.push(lte(tourismRecords.recordDate, q.to))
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [agg]] = await Promise.all([
    db
      .select(cols)
      .from(tourismRecords)
      .innerJoin(workshops, eq(workshops.id, tourismRecords.workshopId))
      .where(where)
      .orderBy(desc(tourismRecords.recordDate), desc(tourismRecords.id))
      .limit(limit)
      .offset(offset),
    db
      .select({
        n: count(),
        fen: sql<string>`coalesce(sum(${tourismRecords.revenueFen}), 0)::text`,
        visitors: sql<string>`coalesce(sum(${tourismRecords.visitors}), 0)::text`,
      })
      .from(tourismRecords)
      .where(where),
  ])
  return { items: rows.map(view), total: agg?.n ?? 0, page: q.page, pageSize: q.pageSize, sumFen: Number(agg?.fen ?? 0), sumVisitors: Number(agg?.visitors ?? 0) }
}

export async function createTourism(tx: DbOrTx, scope: Scope, userId: string, input: TourismRecordCreate) {
  const w = await workshopForFacts(tx, scope, input.workshopId, 'agritourism')
  const [row] = await tx
    .insert(tourismRecords)
    .values({
      workshopId: w.id,
      regionCode: w.regionCode,
      recordDate: input.recordDate,
      visitors: input.visitors,
      revenueFen: input.revenueFen,
      note: input.note || null,
      recordedBy: userId,
    })
    .returning({ id: tourismRecords.id })
  const [r] = await tx.select(cols).from(tourismRecords).innerJoin(workshops, eq(workshops.id, tourismRecords.workshopId)).where(eq(tourismRecords.id, row!.id))
  return view(r!)
}
