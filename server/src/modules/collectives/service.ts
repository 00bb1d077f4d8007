import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import { CollectiveCreateSchema, CollectiveUpdateSchema, type CollectiveListQuery, type CollectiveKind } from '@gongfang/shared/registry'
import type { DbOrTx } from '../../db/client.ts'
import { collectives, regions, workshops } from '../../db/schema/index.ts'
import { regionInScope, scopeFilter, type Scope } from '../../auth/scope.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import type { AppEnv } from '../../http/env.ts'
import { audit } from '../../audit/audit.ts'
import { diff, recordChange } from '../workshops/history.ts'

export const COLLECTIVE = { zh: '村集体', en: 'Collective' }
export const collectiveScope = (scope: Scope) => scopeFilter(scope, { regionCode: collectives.regionCode, collectiveId: collectives.id })

const SORT = { name: collectives.name, regionCode: collectives.regionCode, kind: collectives.kind, createdAt: collectives.createdAt } as const
const workshopCount = sql<number>`(select count(*)::int from ${workshops} where ${workshops.collectiveId} = ${collectives.id})`

function where(scope: Scope, q: Partial<CollectiveListQuery>): SQL {
  const conds: SQL[] = [collectiveScope(scope)]
  if (q.region) conds.push(sql`${collectives.regionCode} like ${q.region + '%'}`)
  if (q.kind) conds.push(eq(collectives.kind, q.kind))
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`
    conds.push(or(ilike(collectives.name, like), ilike(collectives.creditCode, like))!)
  }
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

export async function listCollectives(db: DbOrTx, scope: Scope, q: CollectiveListQuery) {
  const w = where(scope, q)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    base(db).where(w).orderBy(q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]), asc(collectives.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(collectives).where(w),
  ])
  return { items: rows.map(view), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function exportCollectives(db: DbOrTx, scope: Scope, q: CollectiveListQuery) {
  return (await base(db).where(where(scope, q)).orderBy(q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]), asc(collectives.id)).limit(100_000)).map(view)
}

export async function getCollective(db: DbOrTx, scope: Scope, id: string) {
  const [r] = await base(db).where(and(collectiveScope(scope), eq(collectives.id, id)))
  if (!r) throw notFound(COLLECTIVE)
  return view(r)
}

async function checks(tx: DbOrTx, scope: Scope, v: { regionCode?: string; creditCode?: string | null }) {
  if (v.regionCode) {
    if (!regionInScope(scope, v.regionCode)) throw new ProblemError(403, 'forbidden', { zh: '该地区不在您的管辖范围内', en: 'That region is outside your area' })
    const [r] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, v.regionCode))
    if (!r) throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: '行政区划代码不存在', en: 'No such region code' }, [{ path: 'regionCode', message: { zh: '行政区划代码不存在', en: 'No such region code' } }])
  }
  if (v.creditCode) {
    const [dup] = await tx.select({ id: collectives.id }).from(collectives).where(eq(collectives.creditCode, v.creditCode))
    if (dup) {
      const [visible] = await tx.select({ id: collectives.id }).from(collectives).where(and(collectiveScope(scope), eq(collectives.id, dup.id)))
      throw new ProblemError(409, 'duplicate-credit-code', { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' }, undefined,
        [{ path: 'creditCode', message: { zh: '统一社会信用代码重复', en: 'Duplicate credit code' } }], { existingId: visible?.id ?? null })
    }
  }
}

export async function createCollective(tx: DbOrTx, c: Context<AppEnv>, input: unknown) {
  const v = CollectiveCreateSchema.parse(input)
  await checks(tx, c.var.scope, v)
  const [row] = await tx.insert(collectives).values({ ...v, creditCode: v.creditCode ?? null }).returning()
  const { id: _i, createdAt: _c, updatedAt: _u, ...fields } = row!
  await recordChange(tx, c, 'collective', row!.id, 'create', diff({}, fields))
  await audit(tx, c.var.caller, { action: 'collective.create', targetType: 'collective', targetId: row!.id, regionCode: v.regionCode })
  return row!
}

export async function updateCollective(tx: DbOrTx, c: Context<AppEnv>, id: string, input: unknown) {
  const scope = c.var.scope
  const patch = CollectiveUpdateSchema.parse(input)
  const [prev] = await tx.select().from(collectives).where(and(collectiveScope(scope), eq(collectives.id, id)))
  if (!prev) throw notFound(COLLECTIVE)
  if (scope.kind !== 'all' && scope.kind !== 'region') throw new ProblemError(403, 'forbidden', { zh: '当前角色无权修改村集体', en: 'Your role may not edit collectives' })
  await checks(tx, scope, { regionCode: patch.regionCode !== prev.regionCode ? patch.regionCode : undefined, creditCode: patch.creditCode !== prev.creditCode ? patch.creditCode : undefined })
  const changes = diff(prev as never, patch as never)
  if (!Object.keys(changes).length) return
  await tx.update(collectives).set({ ...patch, updatedAt: new Date() }).where(eq(collectives.id, id))
  await recordChange(tx, c, 'collective', id, 'update', changes)
  await audit(tx, c.var.caller, { action: 'collective.update', targetType: 'collective', targetId: id, regionCode: prev.regionCode, detail: { fields: Object.keys(changes) } })
}

export async function assertCollectiveVisible(db: DbOrTx, scope: Scope, id: string) {
  const [r] = await db.select({ id: collectives.id }).from(collectives).where(and(collectiveScope(scope), eq(collectives.id, id)))
  if (!r) throw notFound(COLLECTIVE)
}
