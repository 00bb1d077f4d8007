import { and, asc, eq, inArray, type SQL } from 'drizzle-orm'
import { EnterpriseCreateSchema, EnterpriseUpdateSchema, type EnterpriseCreate, type EnterpriseListQuery } from '@gongfang/shared/registry'
import type { DbOrTx } from '../../db/client.ts'
import { enterprises, regions, workshopEnterprises, workshops } from '../../db/schema/index.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { enterpriseFieldsEditable, enterpriseRows, registryRegionAllowed, seesPersonalData, withinRegion } from '../../auth/access/registry.ts'
import { exportFile, type ExportColumn } from '../../files/export.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { audit } from '../../audit/audit.ts'
import { registerOrder, registerPage } from '../register-order.ts'
import { diff, recordChange, recordUpdate, visibleHistoryOf } from '../workshops/history.ts'
import { phoneFor } from '../workers/privacy.ts'
import { FIELDS, activeVault, openContactPhone, sealContactPhone } from '../../vault/index.ts'
import { anyContains } from '../../db/search.ts'

const openPhone = (e: { contactPhoneEnc: string | null; contactPhone: string | null }) => openContactPhone(activeVault(), FIELDS.enterpriseContactPhone, e.contactPhoneEnc, e.contactPhone)
const sealPhone = (phone: string | null | undefined) => sealContactPhone(activeVault(), FIELDS.enterpriseContactPhone, phone)

export const ENTERPRISE = { zh: '企业', en: 'Enterprise' }

const SORT = { name: enterprises.name, regionCode: enterprises.regionCode, industry: enterprises.industry, createdAt: enterprises.createdAt } as const

function where(caller: Caller, q: Partial<EnterpriseListQuery>): SQL {
  const conds: SQL[] = [enterpriseRows(caller.scope)]
  if (q.region) conds.push(withinRegion(enterprises.regionCode, q.region))
  if (q.industry) conds.push(eq(enterprises.industry, q.industry))
  if (q.q) conds.push(anyContains(q.q, enterprises.name, enterprises.creditCode, enterprises.industry))
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
    contactPhone: phoneFor(full, openPhone(e)),
    industry: e.industry,
    workshops: links.filter((l) => l.enterpriseId === e.id).map((l) => ({ id: l.id, name: l.name })),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  }))
}
export type EnterpriseView = Awaited<ReturnType<typeof views>>[number]

export async function listEnterprises(db: DbOrTx, caller: Caller, q: EnterpriseListQuery) {
  authorize(caller, 'enterprises.read')
  const register = { table: enterprises, sortable: SORT, where: where(caller, q) }
  const { items, page } = await registerPage(db, q, base(db).$dynamic(), register)
  return { items: await views(db, items, seesPersonalData(caller)), ...page }
}

export const ENTERPRISE_EXPORT_COLUMNS: ExportColumn<EnterpriseView>[] = [
  { header: '企业名称', value: (e) => e.name, width: 30 },
  { header: '统一社会信用代码', value: (e) => e.creditCode, text: true, width: 22 },
  { header: '行政区划代码', value: (e) => e.regionCode, text: true, width: 15 },
  { header: '所在地', value: (e) => e.regionName },
  { header: '联系人', value: (e) => e.contactName },
  { header: '联系电话', value: (e) => e.contactPhone, text: true, width: 14 },
  { header: '行业', value: (e) => e.industry, width: 16 },
  { header: '合作工坊', value: (e) => e.workshops.map((w) => w.name).join('、'), width: 30 },
]

export async function exportEnterprises(db: DbOrTx, caller: Caller, q: Omit<EnterpriseListQuery, 'page' | 'pageSize'> & { format: 'xlsx' | 'csv' }) {
  authorize(caller, 'enterprises.read')
  const rows = await base(db).where(where(caller, q)).orderBy(...registerOrder(SORT, enterprises.id, q)).limit(100_000)
  return exportFile(q.format, '企业名录', ENTERPRISE_EXPORT_COLUMNS, await views(db, rows, seesPersonalData(caller)))
}

export async function getEnterprise(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'enterprises.read')
  const rows = await base(db).where(and(enterpriseRows(caller.scope), eq(enterprises.id, id)))
  if (!rows.length) throw notFound(ENTERPRISE)
  return (await views(db, rows, seesPersonalData(caller)))[0]!
}

export async function assertNewCreditCode(db: DbOrTx, caller: Pick<Caller, 'scope'>, creditCode: string, table: 'enterprise' | 'collective' = 'enterprise') {
  const [existing] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, creditCode))
  if (!existing) return
  const [visible] = await db.select({ id: enterprises.id }).from(enterprises).where(and(enterpriseRows(caller.scope), eq(enterprises.id, existing.id)))
  throw new ProblemError(409, 'duplicate-credit-code', { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' },
    visible ? { zh: `已有记录：/enterprises/${visible.id}`, en: `Existing record: /enterprises/${visible.id}` } : undefined,
    [{ path: 'creditCode', message: { zh: '统一社会信用代码重复', en: `Duplicate credit code (${table})` } }], { existingId: visible?.id ?? null })
}

async function assertRegion(db: DbOrTx, caller: Caller, code: string) {
  if (!registryRegionAllowed(caller, code)) throw new ProblemError(403, 'forbidden', { zh: '该地区不在您的管辖范围内', en: 'That region is outside your area' })
  const [r] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code))
  if (!r) throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: '行政区划代码不存在', en: 'No such region code' }, [{ path: 'regionCode', message: { zh: '行政区划代码不存在', en: 'No such region code' } }])
}

export async function createEnterprise(db: DbOrTx, caller: Caller, input: EnterpriseCreate) {
  authorize(caller, 'enterprises.create')
  const id = await db.transaction(async (tx) => {
    const e = EnterpriseCreateSchema.parse(input)
    await assertRegion(tx, caller, e.regionCode)
    await assertNewCreditCode(tx, caller, e.creditCode)
    const { contactPhone, ...rest } = e
    const [row] = await tx.insert(enterprises).values({ ...rest, contactName: e.contactName ?? null, contactPhoneEnc: sealPhone(contactPhone), industry: e.industry ?? null }).returning()
    const { id: _i, createdAt: _c, updatedAt: _u, contactPhoneEnc: _p, ...fields } = row!
    fields.contactPhone = contactPhone ?? null
    await recordChange(tx, caller, 'enterprise', row!.id, 'create', diff({}, fields))
    await audit(tx, caller, { action: 'enterprise.create', targetType: 'enterprise', targetId: row!.id, regionCode: e.regionCode })
    return row!.id
  })
  return getEnterprise(db, caller, id)
}

export async function updateEnterprise(db: DbOrTx, caller: Caller, id: string, input: Partial<EnterpriseCreate>) {
  authorize(caller, 'enterprises.update')
  await db.transaction(async (tx) => {
    const patch = EnterpriseUpdateSchema.parse(input)
    const [stored] = await tx.select().from(enterprises).where(and(enterpriseRows(caller.scope), eq(enterprises.id, id)))
    if (!stored) throw notFound(ENTERPRISE)
    const { contactPhoneEnc: _p, ...prevRest } = stored
    const prev = { ...prevRest, contactPhone: openPhone(stored) }
    // The enterprise keeps its own contact details; staff and admin everything else.
    const editable = enterpriseFieldsEditable(caller)
    if (editable) {
      const other = Object.keys(patch).filter((k) => !editable.has(k))
      if (other.length) throw new ProblemError(403, 'forbidden', { zh: `企业不能修改：${other.join('、')}`, en: `Enterprises may not change: ${other.join(', ')}` })
    }
    if (patch.regionCode && patch.regionCode !== prev.regionCode) await assertRegion(tx, caller, patch.regionCode)
    if (patch.creditCode && patch.creditCode !== prev.creditCode) await assertNewCreditCode(tx, caller, patch.creditCode)
    const changes = diff(prev, patch)
    if (!Object.keys(changes).length) return
    const { contactPhone, ...rest } = patch
    await tx
      .update(enterprises)
      .set({ ...rest, ...(contactPhone !== undefined ? { contactPhoneEnc: sealPhone(contactPhone), contactPhone: null } : {}), updatedAt: new Date() })
      .where(eq(enterprises.id, id))
    await recordUpdate(tx, caller, 'enterprise', id, prev.regionCode, changes)
  })
  return getEnterprise(db, caller, id)
}

export async function enterpriseHistory(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'enterprises.read')
  return visibleHistoryOf(db, 'enterprise', id, { id: enterprises.id, visible: enterpriseRows(caller.scope), what: ENTERPRISE })
}
