import { readerRegionOf } from '../../auth/access/platform.ts'
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import { parseIdNumber } from '@gongfang/shared'
import { ageOn } from '@gongfang/shared/clock'
import {
  SKILL_LABELS,
  WORKSHOP_STATUS_LABELS,
  WORKSHOP_STATUS_NEXT,
  WORKSHOP_TYPE_LABELS,
  WorkshopCreateSchema,
  WorkshopUpdateSchema,
  type MemberAdd,
  type WorkshopCreate,
  type WorkshopListQuery,
  type WorkshopStatus,
  type WorkshopUpdate,
} from '@gongfang/shared/registry'
import type { DbOrTx } from '../../db/client.ts'
import { collectives, enterprises, regions, users, workers, workshopEnterprises, workshopMembers, workshops, workshopStatusHistory } from '../../db/schema/index.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { collectivesAssignable, registryRegionAllowed, seesSensitiveFacts, workerNumbersInFull, workerRows, workshopFieldsEditable, workshopRows, withinRegion } from '../../auth/access/registry.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { exportFile, type ExportColumn } from '../../files/export.ts'
import { audit, auditRead } from '../../audit/audit.ts'
import { registerOrder, registerPage } from '../register-order.ts'
import { diff, historyOf, recordChange, recordUpdate } from './history.ts'
import { assertVillage, insertWorker, lowIncomeOn, workerPersonalColumns } from '../workers/service.ts'
import { idNumberFor, phoneFor } from '../workers/privacy.ts'
import { activeVault, idNumberIndex, openWorkerPersonal } from '../../vault/index.ts'
import { anyContains } from '../../db/search.ts'

export const WORKSHOP = { zh: '工坊', en: 'Workshop' }

/** Members on a China date: no end date, or ending on or after it. */
const memberCount = (day: string) =>
  sql<number>`(select count(*)::int from ${workshopMembers} where ${workshopMembers.workshopId} = ${workshops.id} and (${workshopMembers.endOn} is null or ${workshopMembers.endOn} >= ${day}::date))`

const columns = (day: string) => ({
  id: workshops.id,
  name: workshops.name,
  type: workshops.type,
  regionCode: workshops.regionCode,
  regionName: regions.name,
  collectiveId: workshops.collectiveId,
  collectiveName: collectives.name,
  operatorUserId: workshops.operatorUserId,
  operatorName: users.displayName,
  address: workshops.address,
  lng: workshops.lng,
  lat: workshops.lat,
  floorAreaM2: workshops.floorAreaM2,
  dailyCapacity: workshops.dailyCapacity,
  workerPlaces: workshops.workerPlaces,
  skills: workshops.skills,
  status: workshops.status,
  openedOn: workshops.openedOn,
  photos: workshops.photos,
  createdAt: workshops.createdAt,
  updatedAt: workshops.updatedAt,
  memberCount: memberCount(day),
})

function base(db: DbOrTx, day: string) {
  return db
    .select(columns(day))
    .from(workshops)
    .leftJoin(regions, eq(regions.code, workshops.regionCode))
    .leftJoin(collectives, eq(collectives.id, workshops.collectiveId))
    .leftJoin(users, eq(users.id, workshops.operatorUserId))
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number]

async function withEnterprises(db: DbOrTx, rows: Row[]) {
  const ids = rows.map((r) => r.id)
  const links = ids.length
    ? await db
        .select({ workshopId: workshopEnterprises.workshopId, id: enterprises.id, name: enterprises.name, since: workshopEnterprises.since })
        .from(workshopEnterprises)
        .innerJoin(enterprises, eq(enterprises.id, workshopEnterprises.enterpriseId))
        .where(inArray(workshopEnterprises.workshopId, ids))
        .orderBy(asc(enterprises.name))
    : []
  const by = new Map<string, { id: string; name: string; since: string | null }[]>()
  for (const l of links) {
    const list = by.get(l.workshopId) ?? []
    list.push({ id: l.id, name: l.name, since: l.since })
    by.set(l.workshopId, list)
  }
  return rows.map((r) => ({
    ...r,
    type: r.type as WorkshopCreate['type'],
    status: r.status as WorkshopStatus,
    memberCount: Number(r.memberCount),
    enterprises: by.get(r.id) ?? [],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }))
}
export type WorkshopView = Awaited<ReturnType<typeof withEnterprises>>[number]

const SORT = {
  name: workshops.name,
  regionCode: workshops.regionCode,
  type: workshops.type,
  status: workshops.status,
  dailyCapacity: workshops.dailyCapacity,
  openedOn: workshops.openedOn,
  createdAt: workshops.createdAt,
} as const

function workshopWhere(caller: Caller, q: Omit<WorkshopListQuery, 'page' | 'pageSize' | 'sort' | 'dir'>): SQL {
  const conds: SQL[] = [workshopRows(caller.scope)]
  if (q.region) conds.push(withinRegion(workshops.regionCode, q.region))
  if (q.type) conds.push(eq(workshops.type, q.type))
  if (q.status) conds.push(eq(workshops.status, q.status))
  if (q.skill) conds.push(sql`${q.skill} = any(${workshops.skills})`)
  if (q.collectiveId) conds.push(eq(workshops.collectiveId, q.collectiveId))
  if (q.enterpriseId)
    conds.push(inArray(workshops.id, sql`(select ${workshopEnterprises.workshopId} from ${workshopEnterprises} where ${workshopEnterprises.enterpriseId} = ${q.enterpriseId})`))
  if (q.q) conds.push(anyContains(q.q, workshops.name, workshops.address))
  return and(...conds)!
}

export async function listWorkshops(db: DbOrTx, caller: Caller, q: WorkshopListQuery) {
  authorize(caller, 'workshops.read')
  const register = { table: workshops, sortable: SORT, where: workshopWhere(caller, q) }
  const { items, page } = await registerPage(db, q, base(db, callerToday(caller)).$dynamic(), register)
  return { items: await withEnterprises(db, items), ...page }
}

export const WORKSHOP_EXPORT_COLUMNS: ExportColumn<WorkshopView>[] = [
  { header: '名称', value: (w) => w.name, width: 30 },
  { header: '类型', value: (w) => WORKSHOP_TYPE_LABELS[w.type].zh },
  { header: '村代码', value: (w) => w.regionCode, text: true, width: 15 },
  { header: '村', value: (w) => w.regionName },
  { header: '村集体', value: (w) => w.collectiveName, width: 24 },
  { header: '负责人', value: (w) => w.operatorName },
  { header: '地址', value: (w) => w.address, width: 30 },
  { header: '经度', value: (w) => w.lng },
  { header: '纬度', value: (w) => w.lat },
  { header: '面积（平方米）', value: (w) => w.floorAreaM2 },
  { header: '日产能（件）', value: (w) => w.dailyCapacity },
  { header: '岗位数', value: (w) => w.workerPlaces },
  { header: '在册人数', value: (w) => w.memberCount },
  { header: '技能', value: (w) => w.skills.map((s) => SKILL_LABELS[s]?.zh ?? s).join('、'), width: 20 },
  { header: '状态', value: (w) => WORKSHOP_STATUS_LABELS[w.status].zh },
  { header: '开办日期', value: (w) => w.openedOn, width: 12 },
  { header: '合作企业', value: (w) => w.enterprises.map((e) => e.name).join('、'), width: 30 },
]

export async function exportWorkshops(db: DbOrTx, caller: Caller, q: Omit<WorkshopListQuery, 'page' | 'pageSize'> & { format: 'xlsx' | 'csv' }) {
  authorize(caller, 'workshops.read')
  const rows = await base(db, callerToday(caller)).where(workshopWhere(caller, q)).orderBy(...registerOrder(SORT, workshops.id, q)).limit(100_000)
  return exportFile(q.format, '工坊名录', WORKSHOP_EXPORT_COLUMNS, await withEnterprises(db, rows))
}

export async function getWorkshop(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'workshops.read')
  const [row] = await base(db, callerToday(caller)).where(and(workshopRows(caller.scope), eq(workshops.id, id)))
  if (!row) throw notFound(WORKSHOP)
  return (await withEnterprises(db, [row]))[0]!
}

export async function statusHistory(db: DbOrTx, caller: Caller, id: string) {
  await assertWorkshopVisible(db, caller, id)
  const rows = await db.select().from(workshopStatusHistory).where(eq(workshopStatusHistory.workshopId, id)).orderBy(asc(workshopStatusHistory.effectiveOn), asc(workshopStatusHistory.id))
  return rows.map((r) => ({ status: r.status as WorkshopStatus, effectiveOn: r.effectiveOn, note: r.note, at: r.at.toISOString() }))
}

export async function workshopHistory(db: DbOrTx, caller: Caller, id: string) {
  await assertWorkshopVisible(db, caller, id)
  return historyOf(db, 'workshop', id)
}

const forbidden = (zh: string, en: string) => new ProblemError(403, 'forbidden', { zh, en })

async function checkRefs(tx: DbOrTx, caller: Caller, v: { regionCode?: string; collectiveId?: string | null; operatorUserId?: string | null; enterpriseIds?: string[] }) {
  if (v.regionCode) {
    if (!registryRegionAllowed(caller, v.regionCode)) throw forbidden('该村不在您的管辖范围内', 'That village is outside your area')
    await assertVillage(tx, v.regionCode)
  }
  const bad = (path: string, zh: string, en: string) =>
    new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh, en }, [{ path, message: { zh, en } }])
  if (v.collectiveId) {
    const [r] = await tx.select({ id: collectives.id }).from(collectives).where(and(eq(collectives.id, v.collectiveId), collectivesAssignable(caller.scope)))
    if (!r) throw bad('collectiveId', '村集体不存在或不在管辖范围内', 'No such collective in your area')
  }
  if (v.operatorUserId) {
    // The named account must hold the operator role (a data check on the target, not the caller's permission).
    const [r] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, v.operatorUserId), eq(users.role, 'operator')))
    if (!r) throw bad('operatorUserId', '负责人账号不存在或不是工坊负责人', 'No such operator account')
  }
  if (v.enterpriseIds?.length) {
    const rows = await tx.select({ id: enterprises.id }).from(enterprises).where(inArray(enterprises.id, v.enterpriseIds))
    if (rows.length !== new Set(v.enterpriseIds).size) throw bad('enterpriseIds', '合作企业不存在', 'No such enterprise')
  }
}

export async function createWorkshop(db: DbOrTx, caller: Caller, input: WorkshopCreate) {
  authorize(caller, 'workshops.create')
  const id = await db.transaction(async (tx) => {
    const w = WorkshopCreateSchema.parse(input)
    await checkRefs(tx, caller, w)
    const { enterpriseIds, ...fields } = w
    const [row] = await tx.insert(workshops).values(fields).returning()
    const today = callerToday(caller)
    await tx.insert(workshopStatusHistory).values({ workshopId: row!.id, status: w.status, effectiveOn: w.openedOn ?? today, byUserId: caller.user?.id ?? null, note: '登记 / registered' })
    if (enterpriseIds.length) await tx.insert(workshopEnterprises).values([...new Set(enterpriseIds)].map((enterpriseId) => ({ workshopId: row!.id, enterpriseId, since: today })))
    await recordChange(tx, caller, 'workshop', row!.id, 'create', diff({}, { ...fields, enterpriseIds }))
    await audit(tx, caller, { action: 'workshop.create', targetType: 'workshop', targetId: row!.id, regionCode: w.regionCode })
    return row!.id
  })
  return getWorkshop(db, caller, id)
}

/** A workshop in the caller's scope (404 otherwise, like a missing one). */
async function visibleRow(tx: DbOrTx, caller: Caller, id: string) {
  const [row] = await tx.select().from(workshops).where(and(workshopRows(caller.scope), eq(workshops.id, id)))
  if (!row) throw notFound(WORKSHOP)
  return row
}

export async function updateWorkshop(db: DbOrTx, caller: Caller, id: string, input: WorkshopUpdate) {
  authorize(caller, 'workshops.update')
  await db.transaction(async (tx) => {
    const patch = WorkshopUpdateSchema.parse(input)
    const prev = await visibleRow(tx, caller, id)
    const editable = workshopFieldsEditable(caller)
    if (editable) {
      const other = Object.keys(patch).filter((k) => !editable.has(k))
      if (other.length) throw forbidden(`工坊负责人不能修改：${other.join('、')}`, `Operators may not change: ${other.join(', ')}`)
    }
    await checkRefs(tx, caller, { ...patch, regionCode: patch.regionCode && patch.regionCode !== prev.regionCode ? patch.regionCode : undefined })
    const { enterpriseIds, ...fields } = patch
    const changes = diff(prev, fields)
    if (enterpriseIds) {
      const current = (await tx.select({ id: workshopEnterprises.enterpriseId }).from(workshopEnterprises).where(eq(workshopEnterprises.workshopId, id))).map((r) => r.id).sort()
      const next = [...new Set(enterpriseIds)].sort()
      if (JSON.stringify(current) !== JSON.stringify(next)) {
        changes.enterpriseIds = { from: current, to: next }
        const add = next.filter((e) => !current.includes(e))
        const drop = current.filter((e) => !next.includes(e))
        if (drop.length) await tx.delete(workshopEnterprises).where(and(eq(workshopEnterprises.workshopId, id), inArray(workshopEnterprises.enterpriseId, drop)))
        if (add.length) await tx.insert(workshopEnterprises).values(add.map((enterpriseId) => ({ workshopId: id, enterpriseId, since: callerToday(caller) })))
      }
    }
    if (Object.keys(changes).length === 0) return
    if (Object.keys(fields).length) await tx.update(workshops).set({ ...fields, updatedAt: new Date() }).where(eq(workshops.id, id))
    await recordUpdate(tx, caller, 'workshop', id, prev.regionCode, changes)
  })
  return getWorkshop(db, caller, id)
}

export async function changeStatus(db: DbOrTx, caller: Caller, id: string, input: { status: WorkshopStatus; effectiveOn: string; note?: string }) {
  authorize(caller, 'workshops.status')
  await db.transaction(async (tx) => {
    const prev = await visibleRow(tx, caller, id)
    const from = prev.status as WorkshopStatus
    if (!WORKSHOP_STATUS_NEXT[from].includes(input.status))
      throw new ProblemError(409, 'invalid-transition', {
        zh: `不能从「${WORKSHOP_STATUS_LABELS[from].zh}」变为「${WORKSHOP_STATUS_LABELS[input.status].zh}」`,
        en: `Cannot go from ${from} to ${input.status}`,
      })
    const [last] = await tx.select({ on: workshopStatusHistory.effectiveOn }).from(workshopStatusHistory).where(eq(workshopStatusHistory.workshopId, id)).orderBy(desc(workshopStatusHistory.effectiveOn)).limit(1)
    if (last && input.effectiveOn < last.on)
      throw new ProblemError(422, 'effective-date-too-early', { zh: `生效日期不能早于上一次状态变更（${last.on}）`, en: `The date cannot precede the previous change (${last.on})` })
    const set: Partial<typeof workshops.$inferInsert> = { status: input.status, updatedAt: new Date() }
    if (input.status === 'operating' && !prev.openedOn) set.openedOn = input.effectiveOn
    await tx.update(workshops).set(set).where(eq(workshops.id, id))
    await tx.insert(workshopStatusHistory).values({ workshopId: id, status: input.status, effectiveOn: input.effectiveOn, note: input.note ?? null, byUserId: caller.user?.id ?? null })
    await recordChange(tx, caller, 'workshop', id, 'status', { status: { from, to: input.status }, effectiveOn: { from: null, to: input.effectiveOn } })
    await audit(tx, caller, { action: 'workshop.status', targetType: 'workshop', targetId: id, regionCode: prev.regionCode, detail: { from, to: input.status, effectiveOn: input.effectiveOn } })
  })
  return getWorkshop(db, caller, id)
}

async function assertWorkshopVisible(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'workshops.read')
  const [row] = await db.select({ id: workshops.id }).from(workshops).where(and(workshopRows(caller.scope), eq(workshops.id, id)))
  if (!row) throw notFound(WORKSHOP)
}

// ------------------------------------------------------------------------------------------
// Roster: the workshop's members (operators manage it on a phone)
// ------------------------------------------------------------------------------------------

/** The roster with personal numbers masked unless the caller sees them, age and low-income on the caller's today. */
export async function listMembers(db: DbOrTx, caller: Caller, workshopId: string, includeEnded: boolean) {
  await assertWorkshopVisible(db, caller, workshopId)
  const today = callerToday(caller)
  const full = workerNumbersInFull(caller)
  const conds = [eq(workshopMembers.workshopId, workshopId)]
  if (!includeEnded) conds.push(or(isNull(workshopMembers.endOn), sql`${workshopMembers.endOn} >= ${today}::date`)!)
  const rows = await db
    .select({
      id: workshopMembers.id,
      workshopId: workshopMembers.workshopId,
      workerId: workers.id,
      name: workers.name,
      ...workerPersonalColumns,
      skills: workers.skills,
      startOn: workshopMembers.startOn,
      endOn: workshopMembers.endOn,
      lowIncome: lowIncomeOn(today),
      workerRegion: workers.regionCode,
    })
    .from(workshopMembers)
    .innerJoin(workers, eq(workers.id, workshopMembers.workerId))
    .where(and(...conds))
    .orderBy(asc(workers.name), asc(workshopMembers.id))
  const vault = activeVault()
  await auditRead(db, caller, { action: 'workshop.roster', targetType: 'workshop', targetId: workshopId, regionCode: readerRegionOf(caller), subjectIds: rows.map((r) => r.workerId) })
  return rows.map(({ birthDate, idNumberEnc, phoneEnc, disabilityGradeEnc, workerRegion, ...r }) => {
    const facts = seesSensitiveFacts(caller, { workerId: r.workerId, regionCode: workerRegion, workshopId })
    const p = openWorkerPersonal(vault, { idNumberEnc, phoneEnc, disabilityGradeEnc: facts ? disabilityGradeEnc : null, ...r, disabilityGrade: facts ? r.disabilityGrade : null })
    return {
      ...r,
      idNumber: idNumberFor(full, p.idNumber),
      phone: phoneFor(full, p.phone),
      disabilityGrade: facts ? p.disabilityGrade : null,
      sex: r.sex as 'F' | 'M',
      age: ageOn(birthDate, today),
      lowIncome: facts ? Boolean(r.lowIncome) : null,
    }
  })
}

/** Roster writes: staff/admin in scope or the workshop's own operator. */
async function rosterWritable(tx: DbOrTx, caller: Caller, workshopId: string) {
  authorize(caller, 'workshops.roster')
  return visibleRow(tx, caller, workshopId)
}

/**
 * Adds to the roster an existing worker the caller can see, or a person by ID number: linked when
 * registered under the same name, registered on the spot otherwise (in a village the caller may use).
 */
export async function addMember(db: DbOrTx, caller: Caller, workshopId: string, body: MemberAdd) {
  const memberId = await db.transaction(async (tx) => {
    const ws = await rosterWritable(tx, caller, workshopId)
    let workerId = body.workerId
    if (workerId) {
      const [w] = await tx.select({ id: workers.id }).from(workers).where(and(workerRows(caller.scope), eq(workers.id, workerId)))
      if (!w) throw new ProblemError(404, 'not-found', { zh: '农户不存在或无权查看', en: 'Worker not found' })
    } else {
      const input = body.worker!
      const idNumber = input.idNumber.trim().toUpperCase()
      const [existing] = parseIdNumber(idNumber) ? await tx.select({ id: workers.id, name: workers.name }).from(workers).where(eq(workers.idNumberBidx, idNumberIndex(activeVault(), idNumber))) : []
      if (existing) {
        // The person is already registered (perhaps by another workshop): the same name links them.
        if (existing.name !== input.name.trim())
          throw new ProblemError(409, 'duplicate-id-number', { zh: '该身份证号已以其他姓名登记', en: 'This ID number is registered under another name' }, undefined, [
            { path: 'worker.idNumber', message: { zh: '身份证号与姓名不符', en: 'ID number and name do not match' } },
          ])
        workerId = existing.id
      } else {
        workerId = (await insertWorker(tx, caller, input)).id
      }
    }
    const startOn = body.startOn
    const [open] = await tx
      .select({ id: workshopMembers.id })
      .from(workshopMembers)
      .where(and(eq(workshopMembers.workshopId, workshopId), eq(workshopMembers.workerId, workerId), or(isNull(workshopMembers.endOn), sql`${workshopMembers.endOn} >= ${startOn}`)))
    if (open) throw new ProblemError(409, 'already-member', { zh: '该农户已在本工坊花名册中', en: 'Already a member of this workshop' })
    const [m] = await tx.insert(workshopMembers).values({ workshopId, workerId, startOn }).returning()
    await recordChange(tx, caller, 'workshop', workshopId, 'member.add', { workerId: { from: null, to: workerId }, startOn: { from: null, to: startOn } })
    await recordChange(tx, caller, 'worker', workerId, 'membership.start', { workshopId: { from: null, to: workshopId }, startOn: { from: null, to: startOn } })
    await audit(tx, caller, { action: 'workshop.member.add', targetType: 'workshop', targetId: workshopId, regionCode: ws.regionCode, detail: { workerId } })
    return m!.id
  })
  const views = await listMembers(db, caller, workshopId, true)
  return views.find((v) => v.id === memberId)!
}

export async function endMember(db: DbOrTx, caller: Caller, workshopId: string, memberId: number, endOn: string) {
  await db.transaction(async (tx) => {
    const ws = await rosterWritable(tx, caller, workshopId)
    const [m] = await tx.select().from(workshopMembers).where(and(eq(workshopMembers.id, memberId), eq(workshopMembers.workshopId, workshopId)))
    if (!m) throw notFound({ zh: '成员', en: 'Member' })
    if (endOn < m.startOn) throw new ProblemError(422, 'period-end-before-start', { zh: '结束日期早于加入日期', en: 'End date is before the start date' })
    await tx.update(workshopMembers).set({ endOn }).where(eq(workshopMembers.id, memberId))
    await recordChange(tx, caller, 'workshop', workshopId, 'member.end', { workerId: { from: m.workerId, to: m.workerId }, endOn: { from: m.endOn, to: endOn } })
    await recordChange(tx, caller, 'worker', m.workerId, 'membership.end', { workshopId: { from: workshopId, to: workshopId }, endOn: { from: m.endOn, to: endOn } })
    await audit(tx, caller, { action: 'workshop.member.end', targetType: 'workshop', targetId: workshopId, regionCode: ws.regionCode, detail: { workerId: m.workerId, endOn } })
  })
  return { ok: true as const }
}
