import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import { parseIdNumber } from '@gongfang/shared'
import { WorkerCreateSchema, WorkerUpdateSchema, type WorkerCreate, type WorkerListQuery, type WorkerUpdate } from '@gongfang/shared/registry'
import type { DbOrTx } from '../../db/client.ts'
import { regions, workerLowIncomePeriods, workers, workshopMembers, workshops } from '../../db/schema/index.ts'
import { regionInScope, scopeFilter, type Scope } from '../../auth/scope.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import type { AppEnv } from '../../http/env.ts'
import { audit } from '../../audit/audit.ts'
import { diff, recordChange } from '../workshops/history.ts'
import { idNumberFor, phoneFor } from './privacy.ts'

export const WORKER = { zh: '农户', en: 'Worker' }

export const workerScope = (scope: Scope) => scopeFilter(scope, { regionCode: workers.regionCode, workerId: workers.id })

/** In a registered low-income household on the given day (default today). */
export const lowIncomeOn = (day: SQL = sql`current_date`) =>
  sql<boolean>`exists (select 1 from ${workerLowIncomePeriods} where ${workerLowIncomePeriods.workerId} = ${workers.id} and ${workerLowIncomePeriods.startOn} <= ${day} and (${workerLowIncomePeriods.endOn} is null or ${workerLowIncomePeriods.endOn} >= ${day}))`

export function ageOn(birthDate: string, today = new Date().toISOString().slice(0, 10)): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

function yearsAgo(n: number): string {
  const d = new Date()
  return `${String(d.getUTCFullYear() - n).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

const listColumns = {
  id: workers.id,
  name: workers.name,
  idNumber: workers.idNumber,
  birthDate: workers.birthDate,
  sex: workers.sex,
  phone: workers.phone,
  regionCode: workers.regionCode,
  regionName: regions.name,
  household: workers.household,
  disabilityGrade: workers.disabilityGrade,
  skills: workers.skills,
  availability: workers.availability,
  baselineMonthlyIncomeFen: workers.baselineMonthlyIncomeFen,
  baselineSource: workers.baselineSource,
  createdAt: workers.createdAt,
  updatedAt: workers.updatedAt,
  lowIncome: lowIncomeOn(),
}
type Row = {
  [K in keyof typeof listColumns]: K extends 'lowIncome' ? boolean : K extends 'regionName' ? string | null : (typeof workers.$inferSelect)[K & keyof typeof workers.$inferSelect]
}

export function workerView(r: Row, full: boolean) {
  return {
    id: r.id,
    name: r.name,
    idNumber: idNumberFor(full, r.idNumber),
    idNumberMasked: !full,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate),
    sex: r.sex as 'F' | 'M',
    phone: phoneFor(full, r.phone),
    regionCode: r.regionCode,
    regionName: r.regionName ?? null,
    household: r.household,
    lowIncome: Boolean(r.lowIncome),
    disabilityGrade: r.disabilityGrade,
    skills: r.skills,
    availability: (r.availability ?? null) as { days?: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[]; hoursPerDay?: number } | null,
    baselineMonthlyIncomeFen: r.baselineMonthlyIncomeFen,
    baselineSource: r.baselineSource,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

const SORT = {
  name: workers.name,
  regionCode: workers.regionCode,
  birthDate: workers.birthDate,
  baselineMonthlyIncomeFen: workers.baselineMonthlyIncomeFen,
  createdAt: workers.createdAt,
} as const

export function workerWhere(scope: Scope, q: Omit<WorkerListQuery, 'page' | 'pageSize' | 'sort' | 'dir'>, full: boolean): SQL {
  const conds: SQL[] = [workerScope(scope)]
  if (q.region) conds.push(sql`${workers.regionCode} like ${q.region + '%'}`)
  if (q.workshopId)
    conds.push(
      inArray(
        workers.id,
        sql`(select ${workshopMembers.workerId} from ${workshopMembers} where ${workshopMembers.workshopId} = ${q.workshopId} and (${workshopMembers.endOn} is null or ${workshopMembers.endOn} >= current_date))`,
      ),
    )
  if (q.lowIncome !== undefined) conds.push(q.lowIncome ? lowIncomeOn() : sql`not ${lowIncomeOn()}`)
  if (q.disability !== undefined) conds.push(q.disability ? sql`${workers.disabilityGrade} is not null` : isNull(workers.disabilityGrade))
  if (q.skill) conds.push(sql`${q.skill} = any(${workers.skills})`)
  if (q.sex) conds.push(eq(workers.sex, q.sex))
  if (q.minAge !== undefined) conds.push(lte(workers.birthDate, yearsAgo(q.minAge)))
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`
    const byName = ilike(workers.name, like)
    // Masked callers may search by name only: a number search would confirm hidden digits.
    conds.push(full && /^\d{4,18}[xX]?$/.test(q.q) ? or(byName, ilike(workers.idNumber, like), ilike(workers.phone, like))! : or(byName, ilike(workers.household, like))!)
  }
  return and(...conds)!
}

export async function listWorkers(db: DbOrTx, scope: Scope, q: WorkerListQuery, full: boolean) {
  const where = workerWhere(scope, q, full)
  const { limit, offset } = pageWindow(q)
  const order = q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort])
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(workers)
      .leftJoin(regions, eq(regions.code, workers.regionCode))
      .where(where)
      .orderBy(order, asc(workers.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(workers).where(where),
  ])
  return { items: rows.map((r) => workerView(r as Row, full)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export const EXPORT_LIMIT = 600_000

export async function exportWorkers(db: DbOrTx, scope: Scope, q: WorkerListQuery, full: boolean) {
  const rows = await db
    .select(listColumns)
    .from(workers)
    .leftJoin(regions, eq(regions.code, workers.regionCode))
    .where(workerWhere(scope, q, full))
    .orderBy(q.dir === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]), asc(workers.id))
    .limit(EXPORT_LIMIT)
  return rows.map((r) => workerView(r as Row, full))
}

export async function getWorker(db: DbOrTx, scope: Scope, id: string, full: boolean) {
  const [r] = await db
    .select(listColumns)
    .from(workers)
    .leftJoin(regions, eq(regions.code, workers.regionCode))
    .where(and(workerScope(scope), eq(workers.id, id)))
  if (!r) throw notFound(WORKER)
  const [periods, memberships] = await Promise.all([
    db
      .select({ id: workerLowIncomePeriods.id, startOn: workerLowIncomePeriods.startOn, endOn: workerLowIncomePeriods.endOn })
      .from(workerLowIncomePeriods)
      .where(eq(workerLowIncomePeriods.workerId, id))
      .orderBy(asc(workerLowIncomePeriods.startOn)),
    db
      .select({ id: workshopMembers.id, workshopId: workshopMembers.workshopId, workshopName: workshops.name, startOn: workshopMembers.startOn, endOn: workshopMembers.endOn })
      .from(workshopMembers)
      .innerJoin(workshops, eq(workshops.id, workshopMembers.workshopId))
      .where(eq(workshopMembers.workerId, id))
      .orderBy(asc(workshopMembers.startOn)),
  ])
  return { ...workerView(r as Row, full), lowIncomePeriods: periods, memberships }
}

/** The one-person-one-record rule: a known ID number is refused, pointing at the record when the caller may see it. */
export async function assertNewIdNumber(db: DbOrTx, scope: Scope, idNumber: string) {
  const [existing] = await db.select({ id: workers.id }).from(workers).where(eq(workers.idNumber, idNumber))
  if (!existing) return
  const [visible] = await db.select({ id: workers.id }).from(workers).where(and(workerScope(scope), eq(workers.id, existing.id)))
  throw new ProblemError(
    409,
    'duplicate-id-number',
    { zh: '该身份证号已登记', en: 'This ID number is already registered' },
    visible
      ? { zh: `已有记录：/workers/${visible.id}`, en: `Existing record: /workers/${visible.id}` }
      : { zh: '该人员已由其他地区登记，请联系上级工作专班', en: 'Registered by another area; contact the staff above you' },
    [{ path: 'idNumber', message: { zh: '身份证号重复', en: 'Duplicate ID number' } }],
    { existingId: visible?.id ?? null },
  )
}

export async function assertVillage(db: DbOrTx, code: string) {
  const [r] = await db.select({ level: regions.level }).from(regions).where(eq(regions.code, code))
  if (!r || r.level !== 5)
    throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: '村级行政区划代码不存在', en: 'No such village code' }, [
      { path: 'regionCode', message: { zh: '村级行政区划代码不存在', en: 'No such village code' } },
    ])
}

/** Creates a worker; birth date and sex come from the ID number. `viaRoster`: an operator adding to their own workshop. */
export async function createWorker(tx: DbOrTx, c: Context<AppEnv>, input: WorkerCreate, opts: { viaRoster?: boolean } = {}) {
  const scope = c.var.scope
  const w = WorkerCreateSchema.parse(input)
  if (!opts.viaRoster && !regionInScope(scope, w.regionCode)) throw new ProblemError(403, 'forbidden', { zh: '该村不在您的管辖范围内', en: 'That village is outside your area' })
  await assertVillage(tx, w.regionCode)
  await assertNewIdNumber(tx, scope, w.idNumber)
  const facts = parseIdNumber(w.idNumber)!
  const [row] = await tx
    .insert(workers)
    .values({
      name: w.name,
      idNumber: w.idNumber,
      birthDate: facts.birthDate,
      sex: facts.sex,
      phone: w.phone ?? null,
      regionCode: w.regionCode,
      household: w.household ?? null,
      disabilityGrade: w.disabilityGrade ?? null,
      skills: w.skills,
      availability: w.availability ?? null,
      baselineMonthlyIncomeFen: w.baselineMonthlyIncomeFen,
      baselineSource: w.baselineSource ?? null,
    })
    .returning()
  if (w.lowIncomeSince) await tx.insert(workerLowIncomePeriods).values({ workerId: row!.id, startOn: w.lowIncomeSince })
  const { createdAt: _a, updatedAt: _b, id: _c, ...fields } = row!
  await recordChange(tx, c, 'worker', row!.id, 'create', diff({}, { ...fields, lowIncomeSince: w.lowIncomeSince ?? null }))
  await audit(tx, c.var.caller, { action: 'worker.create', targetType: 'worker', targetId: row!.id, regionCode: w.regionCode })
  return row!
}

/** Loads a worker the caller may write: staff/admin in scope, or the operator of one of its workshops. */
async function writableWorker(tx: DbOrTx, scope: Scope, id: string) {
  const [row] = await tx.select().from(workers).where(and(workerScope(scope), eq(workers.id, id)))
  if (!row) throw notFound(WORKER)
  if (scope.kind !== 'all' && scope.kind !== 'region' && scope.kind !== 'operator') throw new ProblemError(403, 'forbidden', { zh: '当前角色无权修改农户信息', en: 'Your role may not edit workers' })
  return row
}

export async function updateWorker(tx: DbOrTx, c: Context<AppEnv>, id: string, input: WorkerUpdate) {
  const scope = c.var.scope
  const patch = WorkerUpdateSchema.parse(input)
  const prev = await writableWorker(tx, scope, id)
  if (patch.regionCode && patch.regionCode !== prev.regionCode) {
    if (scope.kind !== 'operator' && !regionInScope(scope, patch.regionCode)) throw new ProblemError(403, 'forbidden', { zh: '该村不在您的管辖范围内', en: 'That village is outside your area' })
    await assertVillage(tx, patch.regionCode)
  }
  const changes = diff(prev as never, patch as never)
  if (Object.keys(changes).length === 0) return prev
  const [row] = await tx.update(workers).set({ ...patch, updatedAt: new Date() }).where(eq(workers.id, id)).returning()
  await recordChange(tx, c, 'worker', id, 'update', changes)
  await audit(tx, c.var.caller, { action: 'worker.update', targetType: 'worker', targetId: id, regionCode: row!.regionCode, detail: { fields: Object.keys(changes) } })
  return row!
}

export async function changeLowIncome(tx: DbOrTx, c: Context<AppEnv>, id: string, change: { action: 'enter' | 'leave'; on: string }) {
  const prev = await writableWorker(tx, c.var.scope, id)
  const [open] = await tx
    .select()
    .from(workerLowIncomePeriods)
    .where(and(eq(workerLowIncomePeriods.workerId, id), isNull(workerLowIncomePeriods.endOn)))
  if (change.action === 'enter') {
    if (open) throw new ProblemError(409, 'already-low-income', { zh: '该农户已在低收入农户名单中', en: 'Already registered as low-income' })
    const [last] = await tx.select().from(workerLowIncomePeriods).where(eq(workerLowIncomePeriods.workerId, id)).orderBy(desc(workerLowIncomePeriods.endOn)).limit(1)
    if (last?.endOn && last.endOn >= change.on)
      throw new ProblemError(422, 'overlapping-period', { zh: '新的低收入时段不能早于上一时段结束日', en: 'A new period must start after the previous one ended' })
    await tx.insert(workerLowIncomePeriods).values({ workerId: id, startOn: change.on })
  } else {
    if (!open) throw new ProblemError(409, 'not-low-income', { zh: '该农户当前不在低收入农户名单中', en: 'Not currently registered as low-income' })
    if (change.on < open.startOn) throw new ProblemError(422, 'period-end-before-start', { zh: '结束日期早于开始日期', en: 'End date is before the start date' })
    await tx.update(workerLowIncomePeriods).set({ endOn: change.on }).where(eq(workerLowIncomePeriods.id, open.id))
  }
  await recordChange(tx, c, 'worker', id, change.action === 'enter' ? 'low-income.enter' : 'low-income.leave', {
    lowIncome: { from: change.action === 'leave', to: change.action === 'enter' },
    on: { from: null, to: change.on },
  })
  await audit(tx, c.var.caller, { action: `worker.low-income.${change.action}`, targetType: 'worker', targetId: id, regionCode: prev.regionCode, detail: { on: change.on } })
}

/**
 * Full ID number and phone of a worker the caller can see (staff of any level, admin, the operator,
 * the worker themself), with an audit row naming the reason: the audited way for callers who get
 * masked values to see one record in full.
 */
export async function revealWorker(tx: DbOrTx, c: Context<AppEnv>, id: string, reason: string) {
  const [row] = await tx.select().from(workers).where(and(workerScope(c.var.scope), eq(workers.id, id)))
  if (!row) throw notFound(WORKER)
  await audit(tx, c.var.caller, { action: 'worker.reveal', targetType: 'worker', targetId: id, regionCode: row.regionCode, detail: { reason, fields: ['idNumber', 'phone'] } })
  return { idNumber: row.idNumber, phone: row.phone }
}

export async function assertWorkerVisible(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db.select({ id: workers.id }).from(workers).where(and(workerScope(scope), eq(workers.id, id)))
  if (!row) throw notFound(WORKER)
}
