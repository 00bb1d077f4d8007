import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import type {
  CollectiveIncome,
  CollectiveIncomeCreate,
  CollectiveIncomeListQuery,
  IncomeKind,
} from '@gongfang/shared/collective'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { collectiveIncomeRows, collectiveRows, collectiveWorkshopRows, nameContains } from '../../auth/access/around.ts'
import { regionAndDates } from '../../auth/access/programme.ts'
import type { DbOrTx } from '../../db/client.ts'
import { collectiveIncomes, collectives, enterprises, workshops } from '../../db/schema/index.ts'
import { pageWindow } from '../../http/pagination.ts'
import { auditBooked } from '../booked-fact.ts'
import { collectiveForWrite, fieldProblem, iso } from './access.ts'

const cols = {
  id: collectiveIncomes.id,
  collectiveId: collectiveIncomes.collectiveId,
  collectiveName: collectives.name,
  regionCode: collectiveIncomes.regionCode,
  kind: collectiveIncomes.kind,
  amountFen: collectiveIncomes.amountFen,
  incomeDate: collectiveIncomes.incomeDate,
  period: collectiveIncomes.period,
  sourceWorkshopId: collectiveIncomes.sourceWorkshopId,
  sourceWorkshopName: workshops.name,
  sourceEnterpriseId: collectiveIncomes.sourceEnterpriseId,
  sourceEnterpriseName: enterprises.name,
  note: collectiveIncomes.note,
  bookedAt: collectiveIncomes.bookedAt,
}

type Row = { kind: string; bookedAt: Date } & Omit<CollectiveIncome, 'kind' | 'bookedAt'>
const view = (r: Row): CollectiveIncome => ({ ...r, kind: r.kind as IncomeKind, bookedAt: iso(r.bookedAt)! })

/** Bookings with the names of their collective and sources: the list and the answer of a booking. */
function selectIncomes(db: DbOrTx) {
  return db
    .select(cols)
    .from(collectiveIncomes)
    .innerJoin(collectives, eq(collectives.id, collectiveIncomes.collectiveId))
    .leftJoin(workshops, eq(workshops.id, collectiveIncomes.sourceWorkshopId))
    .leftJoin(enterprises, eq(enterprises.id, collectiveIncomes.sourceEnterpriseId))
}

async function byId(db: DbOrTx, id: number) {
  const [r] = await selectIncomes(db).where(eq(collectiveIncomes.id, id))
  return view(r!)
}

function conditions(caller: Caller, q: Partial<CollectiveIncomeListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [
    collectiveIncomeRows(caller.scope),
    ...regionAndDates(caller, { region: collectiveIncomes.regionCode, date: collectiveIncomes.incomeDate }, q),
  ]
  if (q.collectiveId) conds.push(eq(collectiveIncomes.collectiveId, q.collectiveId))
  if (q.kind) conds.push(eq(collectiveIncomes.kind, q.kind))
  return and(...conds)
}

export async function listIncomes(db: DbOrTx, caller: Caller, q: CollectiveIncomeListQuery) {
  authorize(caller, 'collective-income.read')
  const where = conditions(caller, q)
  const { limit, offset } = pageWindow(q)
  const [rows, [total], kinds] = await Promise.all([
    selectIncomes(db)
      .where(where)
      .orderBy(desc(collectiveIncomes.incomeDate), desc(collectiveIncomes.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(collectiveIncomes).where(where),
    db
      .select({
        kind: collectiveIncomes.kind,
        fen: sql<string>`coalesce(sum(${collectiveIncomes.amountFen}), 0)::text`,
      })
      .from(collectiveIncomes)
      .where(where)
      .groupBy(collectiveIncomes.kind),
  ])
  const byKind: Record<string, number> = {}
  let sumFen = 0
  for (const k of kinds) {
    byKind[k.kind] = Number(k.fen)
    sumFen += Number(k.fen)
  }
  return { items: rows.map(view), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, sumFen, byKind }
}

/** Books an income for a collective (a collective account: its own), with its audit entry. */
export async function bookIncome(db: DbOrTx, caller: Caller, input: CollectiveIncomeCreate): Promise<CollectiveIncome> {
  const user = authorize(caller, 'collective-income.book')
  const scope = caller.scope
  return db.transaction(async (tx) => {
    const collective = await collectiveForWrite(tx, scope, input.collectiveId)
    if (input.sourceWorkshopId) {
      // The source workshop must be one the booker can see (a collective: its own workshops).
      const [w] = await tx
        .select({ id: workshops.id })
        .from(workshops)
        .where(and(eq(workshops.id, input.sourceWorkshopId), collectiveWorkshopRows(scope)))
      if (!w) throw fieldProblem('sourceWorkshopId', '工坊不存在或无权使用', 'Workshop not found')
    }
    if (input.sourceEnterpriseId) {
      const [e] = await tx
        .select({ id: enterprises.id })
        .from(enterprises)
        .where(eq(enterprises.id, input.sourceEnterpriseId))
      if (!e) throw fieldProblem('sourceEnterpriseId', '企业不存在', 'Enterprise not found')
    }
    const [row] = await tx
      .insert(collectiveIncomes)
      // What was entered (parsed, so no other keys), for the collective checked above, booked by the caller.
      .values({ ...input, collectiveId: collective.id, regionCode: collective.regionCode, bookedBy: user.id })
      .returning({ id: collectiveIncomes.id })
    return auditBooked(tx, caller, await byId(tx, row!.id), {
      action: 'collective-income.book',
      targetType: 'collective_income',
      detail: {
        collectiveId: collective.id,
        kind: input.kind,
        amountFen: input.amountFen,
        incomeDate: input.incomeDate,
      },
    })
  })
}

/** Collectives the caller may book for (pickers). */
export async function collectiveOptions(db: DbOrTx, caller: Caller, q?: string) {
  authorize(caller, 'collective-income.read')
  const conds = [collectiveRows(caller.scope)]
  if (q) conds.push(nameContains(collectives.name, q))
  return db
    .select({ id: collectives.id, name: collectives.name, regionCode: collectives.regionCode })
    .from(collectives)
    .where(and(...conds))
    .orderBy(asc(collectives.regionCode), asc(collectives.name))
    .limit(50)
}

/** Workshops and enterprises a collective's income can come from (pickers): the collective's workshops and their partners. */
export async function incomeSources(db: DbOrTx, caller: Caller, collectiveId: string | undefined) {
  authorize(caller, 'collective-income.sources')
  const collective = await collectiveForWrite(db, caller.scope, collectiveId)
  const ws = await db
    .select({ id: workshops.id, name: workshops.name })
    .from(workshops)
    .where(and(eq(workshops.collectiveId, collective.id), collectiveWorkshopRows(caller.scope)))
    .orderBy(asc(workshops.name))
    .limit(200)
  const es =
    await db.execute(sql`select distinct e.id, e.name from enterprises e join workshop_enterprises we on we.enterprise_id = e.id
    join workshops w on w.id = we.workshop_id where w.collective_id = ${collective.id} order by e.name limit 200`)
  return { workshops: ws, enterprises: (es as unknown as { rows: { id: string; name: string }[] }).rows }
}
