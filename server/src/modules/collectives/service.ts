import { and, eq, sql, type SQL } from 'drizzle-orm'
import { COLLECTIVE_KIND_LABELS, CollectiveCreateSchema, CollectiveUpdateSchema, type CollectiveListQuery, type CollectiveKind } from '@gongfang/shared/registry'
import type { DbOrTx } from '../../db/client.ts'
import { collectives, regions, workshops } from '../../db/schema/index.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { collectiveRows, registryRegionAllowed, withinRegion } from '../../auth/access/registry.ts'
import { exportFile, type ExportColumn } from '../../files/export.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { audit } from '../../audit/audit.ts'
import { registerOrder, registerPage } from '../register-order.ts'
import { diff, recordChange, recordUpdate, visibleHistoryOf } from '../workshops/history.ts'
import { anyContains } from '../../db/search.ts'

export const COLLECTIVE = { zh: '村集体', en: 'Collective' }

const SORT = { name: collectives.name, regionCode: collectives.regionCode, kind: collectives.kind, createdAt: collectives.createdAt } as const
const workshopCount = sql<number>`(select count(*)::int from ${workshops} where ${workshops.collectiveId} = ${collectives.id})`

function where(caller: Caller, q: Partial<CollectiveListQuery>): SQL {
  const conds: SQL[] = [collectiveRows(caller.scope)]
  if (q.region) conds.push(withinRegion(collectives.regionCode, q.region))
  if (q.kind) conds.push(eq(collectives.kind, q.kind))
  if (q.q) conds.push(anyContains(q.q, collectives.name, collectives.creditCode))
  return and(...conds)!
}

function base(db: DbOrTx) {
  return db.select({ c: collectives, regionName: regions.name, workshopCount }).from(collectives).leftJoin(regions, eq(regions.code, collectives.regionCode))
}
function view(r: { c: typeof collectives.$inferSelect; regionName: string | null; workshopCount: number }) {
  return {
    id: r.c.id,
    name: r.c.name,
    kind: r.c.kind as CollectiveKind,
    regionCode: r.c.regionCode,
    regionName: r.regionName,
    creditCode: r.c.creditCode,
    workshopCount: Number(r.workshopCount),
    createdAt: r.c.createdAt.toISOString(),
    updatedAt: r.c.updatedAt.toISOString(),
  }
}
export type CollectiveView = ReturnType<typeof view>

export async function listCollectives(db: DbOrTx, caller: Caller, q: CollectiveListQuery) {
  authorize(caller, 'collectives.read')
  const register = { table: collectives, sortable: SORT, where: where(caller, q) }
  const { items, page } = await registerPage(db, q, base(db).$dynamic(), register)
  return { items: items.map(view), ...page }
}

export const COLLECTIVE_EXPORT_COLUMNS: ExportColumn<CollectiveView>[] = [
  { header: '名称', value: (r) => r.name, width: 30 },
  { header: '类别', value: (r) => COLLECTIVE_KIND_LABELS[r.kind]?.zh ?? r.kind, width: 16 },
  { header: '行政区划代码', value: (r) => r.regionCode, text: true, width: 15 },
  { header: '所在地', value: (r) => r.regionName },
  { header: '统一社会信用代码', value: (r) => r.creditCode, text: true, width: 22 },
  { header: '工坊数', value: (r) => r.workshopCount },
]

export async function exportCollectives(db: DbOrTx, caller: Caller, q: Omit<CollectiveListQuery, 'page' | 'pageSize'> & { format: 'xlsx' | 'csv' }) {
  authorize(caller, 'collectives.read')
  const rows = (await base(db).where(where(caller, q)).orderBy(...registerOrder(SORT, collectives.id, q)).limit(100_000)).map(view)
  return exportFile(q.format, '村集体名录', COLLECTIVE_EXPORT_COLUMNS, rows)
}

export async function getCollective(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'collectives.read')
  const [r] = await base(db).where(and(collectiveRows(caller.scope), eq(collectives.id, id)))
  if (!r) throw notFound(COLLECTIVE)
  return view(r)
}

async function checks(tx: DbOrTx, caller: Caller, v: { regionCode?: string; creditCode?: string | null }) {
  if (v.regionCode) {
    if (!registryRegionAllowed(caller, v.regionCode)) throw new ProblemError(403, 'forbidden', { zh: '该地区不在您的管辖范围内', en: 'That region is outside your area' })
    const [r] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, v.regionCode))
    if (!r) throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: '行政区划代码不存在', en: 'No such region code' }, [{ path: 'regionCode', message: { zh: '行政区划代码不存在', en: 'No such region code' } }])
  }
  if (v.creditCode) {
    const [dup] = await tx.select({ id: collectives.id }).from(collectives).where(eq(collectives.creditCode, v.creditCode))
    if (dup) {
      const [visible] = await tx.select({ id: collectives.id }).from(collectives).where(and(collectiveRows(caller.scope), eq(collectives.id, dup.id)))
      throw new ProblemError(409, 'duplicate-credit-code', { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' }, undefined,
        [{ path: 'creditCode', message: { zh: '统一社会信用代码重复', en: 'Duplicate credit code' } }], { existingId: visible?.id ?? null })
    }
  }
}

export async function createCollective(db: DbOrTx, caller: Caller, input: unknown) {
  authorize(caller, 'collectives.create')
  const id = await db.transaction(async (tx) => {
    const v = CollectiveCreateSchema.parse(input)
    await checks(tx, caller, v)
    const [row] = await tx.insert(collectives).values({ ...v, creditCode: v.creditCode ?? null }).returning()
    const { id: _i, createdAt: _c, updatedAt: _u, ...fields } = row!
    await recordChange(tx, caller, 'collective', row!.id, 'create', diff({}, fields))
    await audit(tx, caller, { action: 'collective.create', targetType: 'collective', targetId: row!.id, regionCode: v.regionCode })
    return row!.id
  })
  return getCollective(db, caller, id)
}

export async function updateCollective(db: DbOrTx, caller: Caller, id: string, input: unknown) {
  authorize(caller, 'collectives.update')
  await db.transaction(async (tx) => {
    const patch = CollectiveUpdateSchema.parse(input)
    const [prev] = await tx.select().from(collectives).where(and(collectiveRows(caller.scope), eq(collectives.id, id)))
    if (!prev) throw notFound(COLLECTIVE)
    await checks(tx, caller, { regionCode: patch.regionCode !== prev.regionCode ? patch.regionCode : undefined, creditCode: patch.creditCode !== prev.creditCode ? patch.creditCode : undefined })
    const changes = diff(prev, patch)
    if (!Object.keys(changes).length) return
    await tx.update(collectives).set({ ...patch, updatedAt: new Date() }).where(eq(collectives.id, id))
    await recordUpdate(tx, caller, 'collective', id, prev.regionCode, changes)
  })
  return getCollective(db, caller, id)
}

export async function collectiveHistory(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'collectives.read')
  return visibleHistoryOf(db, 'collective', id, { id: collectives.id, visible: collectiveRows(caller.scope), what: COLLECTIVE })
}
