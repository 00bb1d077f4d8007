import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import {
  WORKSHOP_STATUS_LABELS,
  WORKSHOP_STATUS_NEXT,
  WorkshopCreateSchema,
  WorkshopUpdateSchema,
  type WorkshopCreate,
  type WorkshopListQuery,
  type WorkshopStatus,
  type WorkshopUpdate,
} from '@gongfang/shared/registry'
import type { DbOrTx } from '../../db/client.ts'
import { collectives, enterprises, regions, users, workers, workshopEnterprises, workshopMembers, workshops, workshopStatusHistory } from '../../db/schema/index.ts'
import { regionInScope, scopeFilter, type Scope } from '../../auth/scope.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import type { AppEnv } from '../../http/env.ts'
import { audit } from '../../audit/audit.ts'
import { diff, recordChange } from './history.ts'
import { assertVillage } from '../workers/service.ts'

export const WORKSHOP = { zh: '工坊', en: 'Workshop' }

export const workshopScope = (scope: Scope) =>
  scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId, partnerWorkshopId: workshops.id })

const memberCount = sql<number>`(select count(*)::int from ${workshopMembers} where ${workshopMembers.workshopId} = ${workshops.id} and (${workshopMembers.endOn} is null or ${workshopMembers.endOn} >= current_date))`

const columns = {
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
  memberCount,
}

function base(db: DbOrTx) {
  return db
    .select(columns)
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

export function workshopWhere(scope: Scope, q: Omit<WorkshopListQuery, 'page' | 'pageSize' | 'sort' | 'dir'>): SQL {
  const conds: SQL[] = [workshopScope(scope)]
  if (q.region) conds.push(sql`${workshops.regionCode} like ${q.region + '%'}`)
  if (q.type) conds.push(eq(workshops.type, q.type))
  if (q.status) conds.push(eq(workshops.status, q.status))
  if (q.skill) conds.push(sql`${q.skill} = any(${workshops.skills})`)
  if (q.collectiveId) conds.push(eq(workshops.collectiveId, q.collectiveId))
  if (q.enterpriseId)
    conds.push(inArray(workshops.id, sql`(select ${workshopEnterprises.workshopId} from ${workshopEnterprises} where ${workshopEnterprises.enterpriseId} = ${q.enterpriseId})`))
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`
    conds.push(or(ilike(workshops.name, like), ilike(workshops.address, like))!)
  }
  return and(...conds)!
}

export async function listWorkshops(db: DbOrTx, scope: Scope, q: WorkshopListQuery) {
  const where = workshopWhere(scope, q)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    base(db).where(where).orderBy(q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]), asc(workshops.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(workshops).where(where),
  ])
  return { items: await withEnterprises(db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function exportWorkshops(db: DbOrTx, scope: Scope, q: WorkshopListQuery) {
  const rows = await base(db).where(workshopWhere(scope, q)).orderBy(q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]), asc(workshops.id)).limit(100_000)
  return withEnterprises(db, rows)
}

export async function getWorkshop(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await base(db).where(and(workshopScope(scope), eq(workshops.id, id)))
  if (!row) throw notFound(WORKSHOP)
  return (await withEnterprises(db, [row]))[0]!
}

export async function statusHistory(db: DbOrTx, id: string) {
  const rows = await db.select().from(workshopStatusHistory).where(eq(workshopStatusHistory.workshopId, id)).orderBy(asc(workshopStatusHistory.effectiveOn), asc(workshopStatusHistory.id))
  return rows.map((r) => ({ status: r.status as WorkshopStatus, effectiveOn: r.effectiveOn, note: r.note, at: r.at.toISOString() }))
}

const forbidden = (zh: string, en: string) => new ProblemError(403, 'forbidden', { zh, en })

async function checkRefs(tx: DbOrTx, scope: Scope, v: { regionCode?: string; collectiveId?: string | null; operatorUserId?: string | null; enterpriseIds?: string[] }) {
  if (v.regionCode) {
    if (!regionInScope(scope, v.regionCode)) throw forbidden('该村不在您的管辖范围内', 'That village is outside your area')
    await assertVillage(tx, v.regionCode)
  }
  const bad = (path: string, zh: string, en: string) =>
    new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh, en }, [{ path, message: { zh, en } }])
  if (v.collectiveId) {
    const [r] = await tx.select({ id: collectives.id }).from(collectives).where(and(eq(collectives.id, v.collectiveId), scopeFilter(scope, { regionCode: collectives.regionCode })))
    if (!r) throw bad('collectiveId', '村集体不存在或不在管辖范围内', 'No such collective in your area')
  }
  if (v.operatorUserId) {
    const [r] = await tx.select({ role: users.role }).from(users).where(eq(users.id, v.operatorUserId))
    if (!r || r.role !== 'operator') throw bad('operatorUserId', '负责人账号不存在或不是工坊负责人', 'No such operator account')
  }
  if (v.enterpriseIds?.length) {
    const rows = await tx.select({ id: enterprises.id }).from(enterprises).where(inArray(enterprises.id, v.enterpriseIds))
    if (rows.length !== new Set(v.enterpriseIds).size) throw bad('enterpriseIds', '合作企业不存在', 'No such enterprise')
  }
}

export async function createWorkshop(tx: DbOrTx, c: Context<AppEnv>, input: WorkshopCreate) {
  const w = WorkshopCreateSchema.parse(input)
  await checkRefs(tx, c.var.scope, w)
  const { enterpriseIds, ...fields } = w
  const [row] = await tx.insert(workshops).values(fields).returning()
  const today = new Date().toISOString().slice(0, 10)
  await tx.insert(workshopStatusHistory).values({ workshopId: row!.id, status: w.status, effectiveOn: w.openedOn ?? today, byUserId: c.var.user?.id ?? null, note: '登记 / registered' })
  if (enterpriseIds.length) await tx.insert(workshopEnterprises).values([...new Set(enterpriseIds)].map((enterpriseId) => ({ workshopId: row!.id, enterpriseId, since: today })))
  await recordChange(tx, c, 'workshop', row!.id, 'create', diff({}, { ...fields, enterpriseIds }))
  await audit(tx, c.var.caller, { action: 'workshop.create', targetType: 'workshop', targetId: row!.id, regionCode: w.regionCode })
  return row!
}

/** Staff/admin in scope, or the workshop's own operator (who may edit the practical fields only). */
async function writable(tx: DbOrTx, scope: Scope, id: string) {
  const [row] = await tx.select().from(workshops).where(and(workshopScope(scope), eq(workshops.id, id)))
  if (!row) throw notFound(WORKSHOP)
  if (scope.kind !== 'all' && scope.kind !== 'region' && scope.kind !== 'operator') throw forbidden('当前角色无权修改工坊', 'Your role may not edit workshops')
  return row
}

const OPERATOR_FIELDS = new Set(['address', 'lng', 'lat', 'floorAreaM2', 'dailyCapacity', 'workerPlaces', 'skills', 'photos'])

export async function updateWorkshop(tx: DbOrTx, c: Context<AppEnv>, id: string, input: WorkshopUpdate) {
  const scope = c.var.scope
  const patch = WorkshopUpdateSchema.parse(input)
  const prev = await writable(tx, scope, id)
  if (scope.kind === 'operator') {
    const other = Object.keys(patch).filter((k) => !OPERATOR_FIELDS.has(k))
    if (other.length) throw forbidden(`工坊负责人不能修改：${other.join('、')}`, `Operators may not change: ${other.join(', ')}`)
  }
  await checkRefs(tx, scope, { ...patch, regionCode: patch.regionCode && patch.regionCode !== prev.regionCode ? patch.regionCode : undefined })
  const { enterpriseIds, ...fields } = patch
  const changes = diff(prev as never, fields as never)
  if (enterpriseIds) {
    const current = (await tx.select({ id: workshopEnterprises.enterpriseId }).from(workshopEnterprises).where(eq(workshopEnterprises.workshopId, id))).map((r) => r.id).sort()
    const next = [...new Set(enterpriseIds)].sort()
    if (JSON.stringify(current) !== JSON.stringify(next)) {
      changes.enterpriseIds = { from: current, to: next }
      const add = next.filter((e) => !current.includes(e))
      const drop = current.filter((e) => !next.includes(e))
      if (drop.length) await tx.delete(workshopEnterprises).where(and(eq(workshopEnterprises.workshopId, id), inArray(workshopEnterprises.enterpriseId, drop)))
      if (add.length) await tx.insert(workshopEnterprises).values(add.map((enterpriseId) => ({ workshopId: id, enterpriseId, since: new Date().toISOString().slice(0, 10) })))
    }
  }
  if (Object.keys(changes).length === 0) return
  if (Object.keys(fields).length) await tx.update(workshops).set({ ...fields, updatedAt: new Date() }).where(eq(workshops.id, id))
  await recordChange(tx, c, 'workshop', id, 'update', changes)
  await audit(tx, c.var.caller, { action: 'workshop.update', targetType: 'workshop', targetId: id, regionCode: prev.regionCode, detail: { fields: Object.keys(changes) } })
}

export async function changeStatus(tx: DbOrTx, c: Context<AppEnv>, id: string, input: { status: WorkshopStatus; effectiveOn: string; note?: string }) {
  const scope = c.var.scope
  const prev = await writable(tx, scope, id)
  if (scope.kind === 'operator') throw forbidden('工坊状态由工作专班变更', 'Staff change a workshop’s status')
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
  await tx.insert(workshopStatusHistory).values({ workshopId: id, status: input.status, effectiveOn: input.effectiveOn, note: input.note ?? null, byUserId: c.var.user?.id ?? null })
  await recordChange(tx, c, 'workshop', id, 'status', { status: { from, to: input.status }, effectiveOn: { from: null, to: input.effectiveOn } })
  await audit(tx, c.var.caller, { action: 'workshop.status', targetType: 'workshop', targetId: id, regionCode: prev.regionCode, detail: { from, to: input.status, effectiveOn: input.effectiveOn } })
}

export async function assertWorkshopVisible(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db.select({ id: workshops.id }).from(workshops).where(and(workshopScope(scope), eq(workshops.id, id)))
  if (!row) throw notFound(WORKSHOP)
}

// ------------------------------------------------------------------------------------------
// Roster: the workshop's members (operators manage it on a phone)
// ------------------------------------------------------------------------------------------

export async function listMembers(db: DbOrTx, scope: Scope, workshopId: string, includeEnded: boolean) {
  await assertWorkshopVisible(db, scope, workshopId)
  const conds = [eq(workshopMembers.workshopId, workshopId)]
  if (!includeEnded) conds.push(or(isNull(workshopMembers.endOn), sql`${workshopMembers.endOn} >= current_date`)!)
  return db
    .select({
      id: workshopMembers.id,
      workshopId: workshopMembers.workshopId,
      workerId: workers.id,
      name: workers.name,
      idNumber: workers.idNumber,
      phone: workers.phone,
      sex: workers.sex,
      birthDate: workers.birthDate,
      disabilityGrade: workers.disabilityGrade,
      skills: workers.skills,
      startOn: workshopMembers.startOn,
      endOn: workshopMembers.endOn,
    })
    .from(workshopMembers)
    .innerJoin(workers, eq(workers.id, workshopMembers.workerId))
    .where(and(...conds))
    .orderBy(asc(workers.name), asc(workshopMembers.id))
}

/** Roster writes: staff/admin in scope or the workshop's own operator. */
export async function rosterWritable(tx: DbOrTx, scope: Scope, workshopId: string) {
  if (scope.kind !== 'all' && scope.kind !== 'region' && scope.kind !== 'operator') throw forbidden('当前角色无权管理花名册', 'Your role may not manage rosters')
  const [row] = await tx.select().from(workshops).where(and(workshopScope(scope), eq(workshops.id, workshopId)))
  if (!row) throw notFound(WORKSHOP)
  return row
}

export async function addMember(tx: DbOrTx, c: Context<AppEnv>, workshopId: string, workerId: string, startOn: string) {
  const ws = await rosterWritable(tx, c.var.scope, workshopId)
  const [open] = await tx
    .select({ id: workshopMembers.id })
    .from(workshopMembers)
    .where(and(eq(workshopMembers.workshopId, workshopId), eq(workshopMembers.workerId, workerId), or(isNull(workshopMembers.endOn), sql`${workshopMembers.endOn} >= ${startOn}`)))
  if (open) throw new ProblemError(409, 'already-member', { zh: '该农户已在本工坊花名册中', en: 'Already a member of this workshop' })
  const [m] = await tx.insert(workshopMembers).values({ workshopId, workerId, startOn }).returning()
  await recordChange(tx, c, 'workshop', workshopId, 'member.add', { workerId: { from: null, to: workerId }, startOn: { from: null, to: startOn } })
  await recordChange(tx, c, 'worker', workerId, 'membership.start', { workshopId: { from: null, to: workshopId }, startOn: { from: null, to: startOn } })
  await audit(tx, c.var.caller, { action: 'workshop.member.add', targetType: 'workshop', targetId: workshopId, regionCode: ws.regionCode, detail: { workerId } })
  return m!
}

export async function endMember(tx: DbOrTx, c: Context<AppEnv>, workshopId: string, memberId: number, endOn: string) {
  const ws = await rosterWritable(tx, c.var.scope, workshopId)
  const [m] = await tx.select().from(workshopMembers).where(and(eq(workshopMembers.id, memberId), eq(workshopMembers.workshopId, workshopId)))
  if (!m) throw notFound({ zh: '成员', en: 'Member' })
  if (endOn < m.startOn) throw new ProblemError(422, 'period-end-before-start', { zh: '结束日期早于加入日期', en: 'End date is before the start date' })
  await tx.update(workshopMembers).set({ endOn }).where(eq(workshopMembers.id, memberId))
  await recordChange(tx, c, 'workshop', workshopId, 'member.end', { workerId: { from: m.workerId, to: m.workerId }, endOn: { from: m.endOn, to: endOn } })
  await recordChange(tx, c, 'worker', m.workerId, 'membership.end', { workshopId: { from: workshopId, to: workshopId }, endOn: { from: m.endOn, to: endOn } })
  await audit(tx, c.var.caller, { action: 'workshop.member.end', targetType: 'workshop', targetId: workshopId, regionCode: ws.regionCode, detail: { workerId: m.workerId, endOn } })
}
