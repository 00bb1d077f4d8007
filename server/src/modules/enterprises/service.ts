import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import { EnterpriseCreateSchema, EnterpriseUpdateSchema, type EnterpriseCreate, type EnterpriseListQuery } from '@gongfang/shared/registry'
import type { DbOrTx } from '../../db/client.ts'
import { enterprises, regions, workshopEnterprises, workshops } from '../../db/schema/index.ts'
import { regionInScope, scopeFilter, type Scope } from '../../auth/scope.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import type { AppEnv } from '../../http/env.ts'
import { audit } from '../../audit/audit.ts'
import { diff, recordChange } from '../workshops/history.ts'
import { phoneFor } from '../workers/privacy.ts'

export const ENTERPRISE = { zh: '企业', en: 'Enterprise' }
export const enterpriseScope = (scope: Scope) => scopeFilter(scope, { regionCode: enterprises.regionCode, enterpriseId: enterprises.id })

const SORT = { name: enterprises.name, regionCode: enterprises.regionCode, industry: enterprises.industry, createdAt: enterprises.createdAt } as const

function where(scope: Scope, q: Partial<EnterpriseListQuery>): SQL {
  const conds: SQL[] = [enterpriseScope(scope)]
  if (q.region) conds.push(sql`${enterprises.regionCode} like ${q.region + '%'}`)
  if (q.industry) conds.push(eq(enterprises.industry, q.industry))
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`
    conds.push(or(ilike(enterprises.name, like), ilike(enterprises.creditCode, like), ilike(enterprises.industry, like))!)
  }
  return and(...conds)!
}

function base(db: DbOrTx) {
  return db.select({ e: enterprises, regionName: regions.name }).from(enterprises).leftJoin(regions, eq(regions.code, enterprises.regionCode))
}

async function views(db: DbOrTx, rows: { e: typeof enterprises.$inferSelect; regionName: string | null }[], full: boolean) {
  const ids = rows.map((r) => r.e.id)
  const links = ids.length
    ? await db
        .select({ enterpriseId: workshopEnterprises.enterpriseId, id: workshops.id, name: workshops.name })
        .from(workshopEnterprises)
        .innerJoin(workshops, eq(workshops.id, workshopEnterprises.workshopId))
        .where(inArray(workshopEnterprises.enterpriseId, ids))
        .orderBy(asc(workshops.name))
    : []
  return rows.map(({ e, regionName }) => ({
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    regionName,
    contactName: e.contactName,
    contactPhone: phoneFor(full, e.contactPhone),
    industry: e.industry,
    workshops: links.filter((l) => l.enterpriseId === e.id).map((l) => ({ id: l.id, name: l.name })),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  }))
}
export type EnterpriseView = Awaited<ReturnType<typeof views>>[number]

export async function listEnterprises(db: DbOrTx, scope: Scope, q: EnterpriseListQuery, full: boolean) {
  const w = where(scope, q)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    base(db).where(w).orderBy(q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]), asc(enterprises.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(enterprises).where(w),
  ])
  return { items: await views(db, rows, full), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function exportEnterprises(db: DbOrTx, scope: Scope, q: EnterpriseListQuery, full: boolean) {
  const rows = await base(db).where(where(scope, q)).orderBy(q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]), asc(enterprises.id)).limit(100_000)
  return views(db, rows, full)
}

export async function getEnterprise(db: DbOrTx, scope: Scope, id: string, full: boolean) {
  const rows = await base(db).where(and(enterpriseScope(scope), eq(enterprises.id, id)))
  if (!rows.length) throw notFound(ENTERPRISE)
  return (await views(db, rows, full))[0]!
}

export async function assertNewCreditCode(db: DbOrTx, scope: Scope, creditCode: string, table: 'enterprise' | 'collective' = 'enterprise') {
  const [existing] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, creditCode))
  if (!existing) return
  const [visible] = await db.select({ id: enterprises.id }).from(enterprises).where(and(enterpriseScope(scope), eq(enterprises.id, existing.id)))
  throw new ProblemError(409, 'duplicate-credit-code', { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' },
    visible ? { zh: `已有记录：/enterprises/${visible.id}`, en: `Existing record: /enterprises/${visible.id}` } : undefined,
    [{ path: 'creditCode', message: { zh: '统一社会信用代码重复', en: `Duplicate credit code (${table})` } }], { existingId: visible?.id ?? null })
}

async function assertRegion(db: DbOrTx, scope: Scope, code: string) {
  if (!regionInScope(scope, code)) throw new ProblemError(403, 'forbidden', { zh: '该地区不在您的管辖范围内', en: 'That region is outside your area' })
  const [r] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code))
  if (!r) throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: '行政区划代码不存在', en: 'No such region code' }, [{ path: 'regionCode', message: { zh: '行政区划代码不存在', en: 'No such region code' } }])
}

export async function createEnterprise(tx: DbOrTx, c: Context<AppEnv>, input: EnterpriseCreate) {
  const e = EnterpriseCreateSchema.parse(input)
  await assertRegion(tx, c.var.scope, e.regionCode)
  await assertNewCreditCode(tx, c.var.scope, e.creditCode)
  const [row] = await tx.insert(enterprises).values({ ...e, contactName: e.contactName ?? null, contactPhone: e.contactPhone ?? null, industry: e.industry ?? null }).returning()
  const { id: _i, createdAt: _c, updatedAt: _u, ...fields } = row!
  await recordChange(tx, c, 'enterprise', row!.id, 'create', diff({}, fields))
  await audit(tx, c.var.caller, { action: 'enterprise.create', targetType: 'enterprise', targetId: row!.id, regionCode: e.regionCode })
  return row!
}

export async function updateEnterprise(tx: DbOrTx, c: Context<AppEnv>, id: string, input: Partial<EnterpriseCreate>) {
  const scope = c.var.scope
  const patch = EnterpriseUpdateSchema.parse(input)
  const [prev] = await tx.select().from(enterprises).where(and(enterpriseScope(scope), eq(enterprises.id, id)))
  if (!prev) throw notFound(ENTERPRISE)
  // The enterprise keeps its own contact details; staff and admin everything else.
  if (scope.kind === 'enterprise') {
    const other = Object.keys(patch).filter((k) => !['contactName', 'contactPhone', 'industry'].includes(k))
    if (other.length) throw new ProblemError(403, 'forbidden', { zh: `企业不能修改：${other.join('、')}`, en: `Enterprises may not change: ${other.join(', ')}` })
  } else if (scope.kind !== 'all' && scope.kind !== 'region') throw new ProblemError(403, 'forbidden', { zh: '当前角色无权修改企业', en: 'Your role may not edit enterprises' })
  if (patch.regionCode && patch.regionCode !== prev.regionCode) await assertRegion(tx, scope, patch.regionCode)
  if (patch.creditCode && patch.creditCode !== prev.creditCode) await assertNewCreditCode(tx, scope, patch.creditCode)
  const changes = diff(prev as never, patch as never)
  if (!Object.keys(changes).length) return
  await tx.update(enterprises).set({ ...patch, updatedAt: new Date() }).where(eq(enterprises.id, id))
  await recordChange(tx, c, 'enterprise', id, 'update', changes)
  await audit(tx, c.var.caller, { action: 'enterprise.update', targetType: 'enterprise', targetId: id, regionCode: prev.regionCode, detail: { fields: Object.keys(changes) } })
}

export async function assertEnterpriseVisible(db: DbOrTx, scope: Scope, id: string) {
  const [r] = await db.select({ id: enterprises.id }).from(enterprises).where(and(enterpriseScope(scope), eq(enterprises.id, id)))
  if (!r) throw notFound(ENTERPRISE)
}
