import { and, asc, count, desc, eq, gte, ilike, like, lte, sql, type SQL } from 'drizzle-orm'
import type { CollectiveIncomeCreate, CollectiveIncomeListQuery } from '@gongfang/shared/collective'
import { scopeFilter, type Scope } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { collectiveIncomes, collectives, enterprises, workshops } from '../../db/schema/index.ts'
import { pageWindow } from '../../http/pagination.ts'
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

type Row = { bookedAt: Date } & Record<string, unknown>
export interface IncomeView {
  id: number
  collectiveId: string
  regionCode: string
  [k: string]: unknown
}
const view = (r: Row) => ({ ...r, bookedAt: iso(r.bookedAt)! }) as unknown as IncomeView

function conditions(scope: Scope, q: Partial<CollectiveIncomeListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [scopeFilter(scope, { regionCode: collectiveIncomes.regionCode, collectiveId: collectiveIncomes.collectiveId })]
  if (q.region) conds.push(like(collectiveIncomes.regionCode, `${q.region}%`))
  if (q.collectiveId) conds.push(eq(collectiveIncomes.collectiveId, q.collectiveId))
  if (q.kind) conds.push(eq(collectiveIncomes.kind, q.kind))
  if (q.from) conds.push(gte(collectiveIncomes.incomeDate, q.from))
  if (q.to) conds.push(lte(collectiveIncomes.incomeDate, q.to))
  return and(...conds)
}

export async function listIncomes(db: DbOrTx, scope: Scope, q: CollectiveIncomeListQuery) {
  const where = conditions(scope, q)
  const { limit, offset } = pageWindow(q)
  const [rows, [total], kinds] = await Promise.all([
    db
      .select(cols)
      .from(collectiveIncomes)
      .innerJoin(collectives, eq(collectives.id, collectiveIncomes.collectiveId))
      .leftJoin(workshops, eq(workshops.id, collectiveIncomes.sourceWorkshopId))
      .leftJoin(enterprises, eq(enterprises.id, collectiveIncomes.sourceEnterpriseId))
      .where(where)
      .orderBy(desc(collectiveIncomes.incomeDate), desc(collectiveIncomes.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(collectiveIncomes).where(where),
    db
      .select({ kind: collectiveIncomes.kind, fen: sql<string>`coalesce(sum(${collectiveIncomes.amountFen}), 0)::text` })
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
  return { items: rows.map((r) => view(r as Row)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, sumFen, byKind }
}

export async function bookIncome(tx: DbOrTx, scope: Scope, userId: string, input: CollectiveIncomeCreate) {
  const collective = await collectiveForWrite(tx, scope, input.collectiveId)
  if (input.sourceWorkshopId) {
    // The source workshop must be one the booker can see (a collective: its own workshops).
    const [w] = await tx
      .select({ id: workshops.id })
      .from(workshops)
      .where(
        and(
          eq(workshops.id, input.sourceWorkshopId),
          scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId }),
        ),
      )
    if (!w) throw fieldProblem('sourceWorkshopId', '工坊不存在或无权使用', 'Workshop not found')
  }
  if (input.sourceEnterpriseId) {
    const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.sourceEnterpriseId))
    if (!e) throw fieldProblem('sourceEnterpriseId', '企业不存在', 'Enterprise not found')
  }
  const [row] = await tx
    .insert(collectiveIncomes)
    .values({
      collectiveId: collective.id,
      regionCode: collective.regionCode,
      kind: input.kind,
      amountFen: input.amountFen,
      incomeDate: input.incomeDate,
      period: input.period ?? null,
      sourceWorkshopId: input.sourceWorkshopId ?? null,
      sourceEnterpriseId: input.sourceEnterpriseId ?? null,
      note: input.note ?? null,
      bookedBy: userId,
    })
    .returning({ id: collectiveIncomes.id })
  const [created] = await tx
    .select(cols)
    .from(collectiveIncomes)
    .innerJoin(collectives, eq(collectives.id, collectiveIncomes.collectiveId))
    .leftJoin(workshops, eq(workshops.id, collectiveIncomes.sourceWorkshopId))
    .leftJoin(enterprises, eq(enterprises.id, collectiveIncomes.sourceEnterpriseId))
    .where(eq(collectiveIncomes.id, row!.id))
  return { income: view(created as Row), collective }
}

/** Collectives the caller may book for (pickers). */
export async function collectiveOptions(db: DbOrTx, scope: Scope, q?: string) {
  const conds = [scopeFilter(scope, { regionCode: collectives.regionCode, collectiveId: collectives.id })]
  if (q) conds.push(ilike(collectives.name, `%${q.replace(/[\\%_]/g, (m) => '\\' + m)}%`))
  return db
    .select({ id: collectives.id, name: collectives.name, regionCode: collectives.regionCode })
    .from(collectives)
    .where(and(...conds))
    .orderBy(asc(collectives.regionCode), asc(collectives.name))
    .limit(50)
}

/** Workshops and enterprises a collective's income can come from (pickers): the collective's workshops and their partners. */
export async function incomeSources(db: DbOrTx, scope: Scope, collectiveId: string | undefined) {
  const collective = await collectiveForWrite(db, scope, collectiveId)
  const ws = await db
    .select({ id: workshops.id, name: workshops.name })
    .from(workshops)
    .where(and(eq(workshops.collectiveId, collective.id), scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId })))
    .orderBy(asc(workshops.name))
    .limit(200)
  const es = await db.execute(sql`select distinct e.id, e.name from enterprises e join workshop_enterprises we on we.enterprise_id = e.id
    join workshops w on w.id = we.workshop_id where w.collective_id = ${collective.id} order by e.name limit 200`)
  return { workshops: ws, enterprises: (es as unknown as { rows: { id: string; name: string }[] }).rows }
}
