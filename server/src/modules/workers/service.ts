import { readerRegionOf } from '../../auth/access/platform.ts'
import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { parseIdNumber } from '@gongfang/shared'
import { ageOn, yearsBefore } from '@gongfang/shared/clock'
import { REVEAL_REASONS, WorkerCreateSchema, WorkerUpdateSchema, type RevealReason, type WorkerCreate, type WorkerListQuery, type WorkerUpdate } from '@gongfang/shared/registry'
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts'
import { regions, staffNotices, workerLowIncomePeriods, workers, workshopMembers, workshops } from '../../db/schema/index.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize, type Action } from '../../auth/access/index.ts'
import { searchesWorkersByNumber, seesSensitiveFacts, workerNumbersInFull, workerRows, workerVillageAllowed, withinRegion } from '../../auth/access/registry.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { containsPattern, nameContains } from '../../db/like.ts'
import { audit, auditRead } from '../../audit/audit.ts'
import { diff, recordChange, recordUpdate, visibleHistoryOf } from '../workshops/history.ts'
import { idNumberFor, phoneFor } from './privacy.ts'
import { consentForGrade, consentInForce, consentNeeded } from './consent.ts'
import { noticeRegionFor, revealLimitPerHour } from '../../auth/access/privacy.ts'
import { activeVault, idNumberIndex, idNumberTailIndex, openWorkerPersonal, phoneIndex, phoneTailIndex, sealDisabilityGrade, sealWorkerPersonal, sealWorkerPhone, type WorkerPersonal } from '../../vault/index.ts'
import { registerOrder } from '../register-order.ts'

export const WORKER = { zh: '农户', en: 'Worker' }

/** In a registered low-income household on the given China date. */
export const lowIncomeOn = (day: string) =>
  sql<boolean>`exists (select 1 from ${workerLowIncomePeriods} where ${workerLowIncomePeriods.workerId} = ${workers.id} and ${workerLowIncomePeriods.startOn} <= ${day}::date and (${workerLowIncomePeriods.endOn} is null or ${workerLowIncomePeriods.endOn} >= ${day}::date))`

/** Members of a workshop on a China date (current: no end date, or ending on or after it). */
export const currentMembersOf = (workshopId: string, day: string) =>
  sql`(select ${workshopMembers.workerId} from ${workshopMembers} where ${workshopMembers.workshopId} = ${workshopId} and (${workshopMembers.endOn} is null or ${workshopMembers.endOn} >= ${day}::date))`

/** A worker's personal numbers as stored, for workerView or the roster to open and mask, with sex and birth date. */
export const workerPersonalColumns = {
  // Sealed (server/src/vault); the plain columns only for rows written before the vault and not yet sealed.
  idNumberEnc: workers.idNumberEnc,
  phoneEnc: workers.phoneEnc,
  disabilityGradeEnc: workers.disabilityGradeEnc,
  idNumber: workers.idNumber,
  phone: workers.phone,
  disabilityGrade: workers.disabilityGrade,
  birthDate: workers.birthDate,
  sex: workers.sex,
}

export const listColumns = (day: string) => ({
  id: workers.id,
  name: workers.name,
  ...workerPersonalColumns,
  regionCode: workers.regionCode,
  regionName: regions.name,
  household: workers.household,
  skills: workers.skills,
  availability: workers.availability,
  baselineMonthlyIncomeFen: workers.baselineMonthlyIncomeFen,
  baselineSource: workers.baselineSource,
  createdAt: workers.createdAt,
  updatedAt: workers.updatedAt,
  lowIncome: lowIncomeOn(day),
})
type Row = {
  [K in keyof ReturnType<typeof listColumns>]: K extends 'lowIncome' ? boolean : K extends 'regionName' ? string | null : (typeof workers.$inferSelect)[K & keyof typeof workers.$inferSelect]
}

/** `caller` decides the numbers' masking (workerNumbersInFull) and whether the disability and low-income facts show. */
export function workerView(r: Row, caller: Pick<Caller, 'scope'>, full: boolean, today: string) {
  const facts = seesSensitiveFacts(caller, { workerId: r.id, regionCode: r.regionCode })
  const p = openWorkerPersonal(activeVault(), r, { grade: facts })
  return { ...registerView(r, full, today, facts, p), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }
}

/** What a register row shows of a worker (the list and the export): the masking rules, in one place. */
export type RegisterRow = Omit<Row, 'createdAt' | 'updatedAt'>

/** `facts`: seesSensitiveFacts for this worker; `p`: the numbers opened (the grade only when `facts`). */
export function registerView(r: RegisterRow, full: boolean, today: string, facts: boolean, p: WorkerPersonal) {
  return {
    id: r.id,
    name: r.name,
    idNumber: idNumberFor(full, p.idNumber),
    idNumberMasked: !full,
    // Beside a masked ID (its last 4) the birth date would rebuild the number: the age only (auth/access/privacy.ts).
    birthDate: full ? r.birthDate : null,
    age: ageOn(r.birthDate, today),
    sex: r.sex as 'F' | 'M',
    phone: phoneFor(full, p.phone),
    regionCode: r.regionCode,
    regionName: r.regionName ?? null,
    household: r.household,
    lowIncome: facts ? Boolean(r.lowIncome) : null,
    disabilityGrade: facts ? p.disabilityGrade : null,
    skills: r.skills,
    availability: (r.availability ?? null) as { days?: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[]; hoursPerDay?: number } | null,
    baselineMonthlyIncomeFen: r.baselineMonthlyIncomeFen,
    baselineSource: r.baselineSource,
  }
}

export const WORKER_SORT = {
  name: workers.name,
  regionCode: workers.regionCode,
  birthDate: workers.birthDate,
  baselineMonthlyIncomeFen: workers.baselineMonthlyIncomeFen,
  createdAt: workers.createdAt,
} as const

export function workerWhere(caller: Caller, q: Omit<WorkerListQuery, 'page' | 'pageSize' | 'sort' | 'dir'>): SQL {
  const today = callerToday(caller)
  const conds: SQL[] = [workerRows(caller.scope)]
  if (q.region) conds.push(withinRegion(workers.regionCode, q.region))
  if (q.workshopId) conds.push(inArray(workers.id, currentMembersOf(q.workshopId, today)))
  if (q.lowIncome !== undefined) conds.push(q.lowIncome ? lowIncomeOn(today) : sql`not ${lowIncomeOn(today)}`)
  const disabled = sql`(${workers.disabilityGradeEnc} is not null or ${workers.disabilityGrade} is not null)`
  if (q.disability !== undefined) conds.push(q.disability ? disabled : sql`not ${disabled}`)
  if (q.skill) conds.push(sql`${q.skill} = any(${workers.skills})`)
  if (q.sex) conds.push(eq(workers.sex, q.sex))
  if (q.minAge !== undefined) conds.push(lte(workers.birthDate, yearsBefore(today, q.minAge)))
  if (q.q) {
    const like = containsPattern(q.q)
    const byName = nameContains(workers.name, q.q)
    // Others search by name only: a number search would confirm digits they were never shown.
    const byNumber = searchesWorkersByNumber(caller) ? numberSearch(q.q) : null
    conds.push(byNumber ? or(byName, byNumber)! : or(byName, ilike(workers.household, like))!)
  }
  return and(...conds)!
}

/**
 * Numbers are sealed, so a number search is exact, through the blind indexes: a full ID number (18), a full
 * mobile number (11), or the last four characters of either ("ends in 123X" / "ends in 5678").
 */
function numberSearch(q: string): SQL | null {
  const vault = activeVault()
  const s = q.replace(/\s+/g, '')
  if (/^\d{17}[\dxX]$/.test(s)) return eq(workers.idNumberBidx, idNumberIndex(vault, s))
  if (/^(?:\+?86)?1\d{10}$/.test(s)) return eq(workers.phoneBidx, phoneIndex(vault, s))
  if (/^\d{3}[\dxX]$/.test(s)) {
    const byId = eq(workers.idNumberTailBidx, idNumberTailIndex(vault, s))
    return /^\d{4}$/.test(s) ? or(byId, eq(workers.phoneTailBidx, phoneTailIndex(vault, s)))! : byId
  }
  return null
}

export async function listWorkers(db: DbOrTx, caller: Caller, q: WorkerListQuery) {
  authorize(caller, 'workers.read')
  const full = workerNumbersInFull(caller)
  const today = callerToday(caller)
  const where = workerWhere(caller, q)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns(today))
      .from(workers)
      .leftJoin(regions, eq(regions.code, workers.regionCode))
      .where(where)
      .orderBy(...registerOrder(WORKER_SORT, workers.id, q))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(workers).where(where),
  ])
  const items = rows.map((r) => workerView(r as Row, caller, full, today))
  await auditRead(db, caller, { action: 'worker.list', targetType: 'worker', regionCode: readerRegionOf(caller), subjectIds: items.map((w) => w.id), detail: { count: items.length, unmasked: full } })
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function getWorker(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'workers.read')
  const full = workerNumbersInFull(caller)
  const today = callerToday(caller)
  const [r] = await db
    .select(listColumns(today))
    .from(workers)
    .leftJoin(regions, eq(regions.code, workers.regionCode))
    .where(and(workerRows(caller.scope), eq(workers.id, id)))
  if (!r) throw notFound(WORKER)
  const [periods, memberships, disabilityConsent] = await Promise.all([
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
    consentInForce(db, id),
  ])
  await auditRead(db, caller, { action: 'worker.read', targetType: 'worker', targetId: id, regionCode: (r as Row).regionCode, subjectIds: [id], detail: { unmasked: full } })
  const view = workerView(r as Row, caller, full, today)
  // The periods and the consent tell the same facts: they go with them.
  const facts = view.lowIncome !== null
  return { ...view, lowIncomePeriods: facts ? periods : [], memberships, disabilityConsent: facts ? disabilityConsent : null }
}

/**
 * The one-person-one-record rule (by the ID number's blind index): a known ID number is refused, pointing at
 * the record when the caller may see it.
 */
export async function assertNewIdNumber(db: DbOrTx, caller: Pick<Caller, 'scope'>, idNumber: string) {
  const [existing] = await db.select({ id: workers.id }).from(workers).where(eq(workers.idNumberBidx, idNumberIndex(activeVault(), idNumber)))
  if (!existing) return
  const [visible] = await db.select({ id: workers.id }).from(workers).where(and(workerRows(caller.scope), eq(workers.id, existing.id)))
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

const outsideArea = () => new ProblemError(403, 'forbidden', { zh: '该村不在您的管辖范围内', en: 'That village is outside your area' })

/** Register a worker (staff/admin, village in their area); the answer is the worker as read back. */
export async function createWorker(db: DbOrTx, caller: Caller, input: WorkerCreate) {
  authorize(caller, 'workers.create')
  const row = await db.transaction((tx) => insertWorker(tx, caller, input))
  return getWorker(db, caller, row.id)
}

/**
 * Inserts a worker inside the caller's transaction (also used by the roster, where the operator registers
 * a new member); birth date and sex come from the ID number. The village must be one the caller may use.
 */
export async function insertWorker(tx: DbOrTx, caller: Caller, input: WorkerCreate) {
  const w = WorkerCreateSchema.parse(input)
  if (w.disabilityGrade != null && !w.disabilityConsent) throw consentNeeded()
  if (!(await workerVillageAllowed(tx, caller, w.regionCode))) throw outsideArea()
  await assertVillage(tx, w.regionCode)
  await assertNewIdNumber(tx, caller, w.idNumber)
  const facts = parseIdNumber(w.idNumber)!
  const [row] = await tx
    .insert(workers)
    .values({
      name: w.name,
      ...sealWorkerPersonal(activeVault(), { idNumber: w.idNumber, phone: w.phone ?? null, disabilityGrade: w.disabilityGrade ?? null }),
      birthDate: facts.birthDate,
      sex: facts.sex,
      regionCode: w.regionCode,
      household: w.household ?? null,
      skills: w.skills,
      availability: w.availability ?? null,
      baselineMonthlyIncomeFen: w.baselineMonthlyIncomeFen,
      baselineSource: w.baselineSource ?? null,
    })
    .returning()
  if (w.lowIncomeSince) await tx.insert(workerLowIncomePeriods).values({ workerId: row!.id, startOn: w.lowIncomeSince })
  await consentForGrade(tx, caller, row!.id, w.disabilityGrade, w.disabilityConsent)
  const { createdAt: _a, updatedAt: _b, id: _c, ...fields } = plainFields(row!)
  await recordChange(tx, caller, 'worker', row!.id, 'create', diff({}, { ...fields, lowIncomeSince: w.lowIncomeSince ?? null }))
  await audit(tx, caller, { action: 'worker.create', targetType: 'worker', targetId: row!.id, regionCode: w.regionCode })
  return row!
}

/**
 * A worker row as the history and the update diff see it: the personal numbers opened, no sealed columns or
 * blind indexes (history redacts ID and phone numbers itself).
 */
function plainFields(row: typeof workers.$inferSelect) {
  const { idNumberEnc: _e1, idNumberBidx: _b1, idNumberTailBidx: _t1, phoneEnc: _e2, phoneBidx: _b2, phoneTailBidx: _t2, disabilityGradeEnc: _e3, ...rest } = row
  return { ...rest, ...openWorkerPersonal(activeVault(), row) }
}

/** Loads a worker the caller may write (role checked by the action; rows by scope: others get 404). */
async function writableWorker(tx: DbOrTx, caller: Caller, action: Action, id: string) {
  authorize(caller, action)
  const [row] = await tx.select().from(workers).where(and(workerRows(caller.scope), eq(workers.id, id)))
  if (!row) throw notFound(WORKER)
  return plainFields(row)
}

export async function updateWorker(db: DbOrTx, caller: Caller, id: string, input: WorkerUpdate) {
  await db.transaction(async (tx) => {
    const { disabilityConsent, ...patch } = WorkerUpdateSchema.parse(input)
    const prev = await writableWorker(tx, caller, 'workers.update', id)
    // A new grade needs a consent in force; the same grade sent back with other edits does not ask again.
    const newGrade = patch.disabilityGrade != null && patch.disabilityGrade !== prev.disabilityGrade ? patch.disabilityGrade : null
    if (newGrade != null || disabilityConsent) await consentForGrade(tx, caller, id, newGrade, disabilityConsent)
    if (patch.regionCode && patch.regionCode !== prev.regionCode) {
      // Operators included: only villages in their workshops' townships (was: any village).
      if (!(await workerVillageAllowed(tx, caller, patch.regionCode))) throw outsideArea()
      await assertVillage(tx, patch.regionCode)
    }
    const changes = diff(prev, patch)
    if (Object.keys(changes).length === 0) return
    const { phone, disabilityGrade, ...rest } = patch
    const sealed = {
      ...(phone !== undefined ? { ...sealWorkerPhone(activeVault(), phone), phone: null } : {}),
      ...(disabilityGrade !== undefined ? { disabilityGradeEnc: sealDisabilityGrade(activeVault(), disabilityGrade), disabilityGrade: null } : {}),
    }
    const [row] = await tx.update(workers).set({ ...rest, ...sealed, updatedAt: new Date() }).where(eq(workers.id, id)).returning()
    await recordUpdate(tx, caller, 'worker', id, row!.regionCode, changes)
  })
  return getWorker(db, caller, id)
}

export async function changeLowIncome(db: DbOrTx, caller: Caller, id: string, change: { action: 'enter' | 'leave'; on: string }) {
  await db.transaction(async (tx) => {
    const prev = await writableWorker(tx, caller, 'workers.low-income', id)
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
    await recordChange(tx, caller, 'worker', id, change.action === 'enter' ? 'low-income.enter' : 'low-income.leave', {
      lowIncome: { from: change.action === 'leave', to: change.action === 'enter' },
      on: { from: null, to: change.on },
    })
    await audit(tx, caller, { action: `worker.low-income.${change.action}`, targetType: 'worker', targetId: id, regionCode: prev.regionCode, detail: { on: change.on } })
  })
  return getWorker(db, caller, id)
}

/**
 * Full ID number and phone of a worker the caller can see (staff of any level, admin, the operator,
 * the worker themself), with an audit row naming the reason: the audited way for callers who get
 * masked values to see one record in full. Limited per user and hour: past it 429, and the county's
 * staff get a notice (written even though the reveal is refused).
 */
export async function revealWorker(db: Db, caller: Caller, id: string, input: { reasonCode: RevealReason; reason?: string }) {
  const user = authorize(caller, 'workers.reveal')
  const [row] = await db.select().from(workers).where(and(workerRows(caller.scope), eq(workers.id, id)))
  if (!row) throw notFound(WORKER)
  const limit = revealLimitPerHour()
  const since = new Date(caller.clock.now().getTime() - 3_600_000)
  const [recent] = await queryRows<{ n: number; oldest: Date | string | null }>(
    db,
    sql`select count(*)::int as n, min(at) as oldest from audit_log where user_id = ${user.id}::uuid and action = 'worker.reveal' and at > ${since.toISOString()}::timestamptz`,
  )
  if (recent!.n >= limit) {
    const hour = caller.clock.now().toISOString().slice(0, 13)
    await db.insert(staffNotices).values({
      regionCode: noticeRegionFor(user.regionCode, row.regionCode),
      kind: 'reveal-limit',
      title: `${user.displayName}（${user.username}）一小时内查看完整证件号已达 ${limit} 次上限`,
      detail: { userId: user.id, username: user.username, limit },
      dedupeKey: `reveal-limit:${user.id}:${hour}`,
    }).onConflictDoNothing()
    const oldest = recent!.oldest ? new Date(recent!.oldest).getTime() : caller.clock.now().getTime()
    const retryAfter = Math.max(1, Math.ceil((oldest + 3_600_000 - caller.clock.now().getTime()) / 1000))
    throw new ProblemError(
      429,
      'reveal-limit',
      { zh: `一小时内最多查看 ${limit} 人的完整号码`, en: `At most ${limit} full numbers an hour` },
      { zh: `请 ${Math.ceil(retryAfter / 60)} 分钟后再试；已通知县级工作专班`, en: `Try again in ${Math.ceil(retryAfter / 60)} minutes; the county staff have been told` },
      undefined,
      { retryAfter },
    )
  }
  return db.transaction(async (tx) => {
    await audit(tx, caller, {
      action: 'worker.reveal',
      targetType: 'worker',
      targetId: id,
      subjectIds: [id],
      regionCode: row.regionCode,
      detail: { reasonCode: input.reasonCode, reason: input.reason ?? REVEAL_REASONS[input.reasonCode].zh, fields: ['idNumber', 'phone'] },
    })
    const p = openWorkerPersonal(activeVault(), row)
    return { idNumber: p.idNumber, phone: p.phone }
  })
}

export async function workerHistory(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'workers.read')
  return visibleHistoryOf(db, 'worker', id, { id: workers.id, visible: workerRows(caller.scope), what: WORKER })
}
