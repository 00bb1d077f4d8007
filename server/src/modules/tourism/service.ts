import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { TourismRecord, TourismRecordCreate } from '@gongfang/shared/sales'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { tourismRows, workshopForFacts, workshopOptions } from '../../auth/access/around.ts'
import { regionAndDates } from '../../auth/access/programme.ts'
import type { DbOrTx } from '../../db/client.ts'
import { tourismRecords, workshops } from '../../db/schema/index.ts'
import { pageWithTotals } from '../../http/pagination.ts'
import { iso } from '../collective-income/access.ts'
import { auditBooked } from '../booked-fact.ts'
import type { z } from 'zod'
import type { FactListQuerySchema } from '@gongfang/shared/sales'

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
type Row = Omit<TourismRecord, 'createdAt'> & { createdAt: Date }
const view = (r: Row): TourismRecord => ({ ...r, createdAt: iso(r.createdAt)! })

/** Records with their workshop's name: the list and the answer of a create. */
const selectTourism = (db: DbOrTx) =>
  db.select(cols).from(tourismRecords).innerJoin(workshops, eq(workshops.id, tourismRecords.workshopId))

async function byId(db: DbOrTx, id: number) {
  const [r] = await selectTourism(db).where(eq(tourismRecords.id, id))
  return view(r!)
}

export async function listTourism(db: DbOrTx, caller: Caller, q: z.output<typeof FactListQuerySchema>) {
  authorize(caller, 'tourism.read')
  const conds: (SQL | undefined)[] = [
    tourismRows(caller.scope),
    ...regionAndDates(caller, { region: tourismRecords.regionCode, date: tourismRecords.recordDate }, q),
  ]
  if (q.workshopId) conds.push(eq(tourismRecords.workshopId, q.workshopId))
  const where = and(...conds)
  const { items, sums, page } = await pageWithTotals(
    q,
    selectTourism(db).where(where).orderBy(desc(tourismRecords.recordDate), desc(tourismRecords.id)).$dynamic(),
    db
      .select({
        n: count(),
        fen: sql<string>`coalesce(sum(${tourismRecords.revenueFen}), 0)::text`,
        visitors: sql<string>`coalesce(sum(${tourismRecords.visitors}), 0)::text`,
      })
      .from(tourismRecords)
      .where(where),
  )
  return {
    items: items.map(view),
    ...page,
    sumFen: Number(sums?.fen ?? 0),
    sumVisitors: Number(sums?.visitors ?? 0),
  }
}

/** Records a day of agri-tourism visitors and revenue, with its audit entry. */
export async function createTourism(db: DbOrTx, caller: Caller, input: TourismRecordCreate): Promise<TourismRecord> {
  const user = authorize(caller, 'tourism.write')
  return db.transaction(async (tx) => {
    const w = await workshopForFacts(tx, caller.scope, input.workshopId, 'agritourism')
    const [row] = await tx
      .insert(tourismRecords)
      // What was entered (parsed, so no other keys), for the workshop checked above; an empty note is none.
      .values({ ...input, workshopId: w.id, regionCode: w.regionCode, note: input.note || null, recordedBy: user.id })
      .returning({ id: tourismRecords.id })
    return auditBooked(tx, caller, await byId(tx, row!.id), {
      action: 'tourism.create',
      targetType: 'tourism_record',
      detail: {
        workshopId: input.workshopId,
        recordDate: input.recordDate,
        visitors: input.visitors,
        revenueFen: input.revenueFen,
      },
    })
  })
}

/** Agri-tourism workshops the caller may record for (picker). */
export async function tourismWorkshops(db: DbOrTx, caller: Caller, q?: string) {
  authorize(caller, 'around.workshop-options')
  return workshopOptions(db, caller.scope, 'agritourism', q)
}
