import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm'
import type { PageQuery } from '@gongfang/shared'
import type { TrainingSession, TrainingSessionCreate } from '@gongfang/shared/programme'
import { audit } from '../../audit/audit.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import {
  inRegion,
  inWorkshopTownship,
  ownWorkshopRows,
  regionAndDates,
  sessionManageable,
  sessionNeedsHostWorkshop,
  sessionPlaceAllowed,
  sessionRows,
  workerRows,
} from '../../auth/access/programme.ts'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import {
  regions,
  trainingAttendances,
  trainingEnrolments,
  trainingSessions,
  workerSkills,
  workers,
  workshops,
} from '../../db/schema/index.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWithTotals } from '../../http/pagination.ts'

const SESSION = { zh: '培训场次', en: 'Training session' }
const WORKER = { zh: '人员', en: 'Worker' }

const baseCols = {
  id: trainingSessions.id,
  regionCode: trainingSessions.regionCode,
  regionName: regions.name,
  workshopId: trainingSessions.workshopId,
  topic: trainingSessions.topic,
  skill: trainingSessions.skill,
  trainer: trainingSessions.trainer,
  place: trainingSessions.place,
  sessionDate: trainingSessions.sessionDate,
  capacity: trainingSessions.capacity,
  enrolled: sql<number>`(select count(*)::int from training_enrolments e where e.session_id = ${trainingSessions.id})`,
  attended: sql<number>`(select count(*)::int from training_attendances a where a.session_id = ${trainingSessions.id})`,
}

/** The columns of a session view; `mine` tells a worker whether they are enrolled. */
function sessionCols(caller: Caller) {
  const workerId = caller.user?.workerId
  return {
    ...baseCols,
    mine: workerId
      ? sql<boolean>`exists (select 1 from training_enrolments e where e.session_id = ${trainingSessions.id} and e.worker_id = ${workerId})`
      : sql<boolean>`false`,
  }
}

export async function listSessions(
  db: DbOrTx,
  caller: Caller,
  q: PageQuery & { region?: string; from?: string; to?: string; skill?: string },
) {
  authorize(caller, 'training.read')
  const conds: (SQL | undefined)[] = [
    sessionRows(caller),
    ...regionAndDates(caller, { region: trainingSessions.regionCode, date: trainingSessions.sessionDate }, q),
  ]
  if (q.skill) conds.push(eq(trainingSessions.skill, q.skill))
  const where = and(...conds)
  const { items, page } = await pageWithTotals(
    q,
    db
      .select(sessionCols(caller))
      .from(trainingSessions)
      .leftJoin(regions, eq(regions.code, trainingSessions.regionCode))
      .where(where)
      .orderBy(sql`${trainingSessions.sessionDate} desc`, asc(trainingSessions.topic))
      .$dynamic(),
    db.select({ n: count() }).from(trainingSessions).where(where),
  )
  return { items: items.map(sessionView), ...page }
}

function sessionView(r: { enrolled: unknown; attended: unknown; mine: unknown; [k: string]: unknown }) {
  return { ...r, enrolled: Number(r.enrolled), attended: Number(r.attended), mine: Boolean(r.mine) } as TrainingSession
}

export async function getSession(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'training.read')
  const [r] = await db
    .select(sessionCols(caller))
    .from(trainingSessions)
    .leftJoin(regions, eq(regions.code, trainingSessions.regionCode))
    .where(and(eq(trainingSessions.id, id), sessionRows(caller)))
  if (!r) throw notFound(SESSION)
  return sessionView(r)
}

/** Staff in whose scope the session lies, or the operator of its host workshop, manage it. */
async function manageableSession(db: DbOrTx, caller: Caller, id: string) {
  const user = authorize(caller, 'training.sessions.manage')
  const s = await getSession(db, caller, id)
  if (!sessionManageable(caller, s))
    throw new ProblemError(403, 'forbidden', { zh: '无权管理该培训场次', en: 'You may not manage this session' })
  return { user, session: s }
}

export async function createSession(db: DbOrTx, caller: Caller, body: TrainingSessionCreate) {
  const user = authorize(caller, 'training.sessions.create')
  let regionCode = body.regionCode
  if (body.workshopId) {
    const [w] = await db
      .select({ id: workshops.id, regionCode: workshops.regionCode })
      .from(workshops)
      .where(and(eq(workshops.id, body.workshopId), ownWorkshopRows(caller.scope)))
    if (!w) throw notFound({ zh: '工坊', en: 'Workshop' })
    if (!inWorkshopTownship(w.regionCode, regionCode))
      throw new ProblemError(
        422,
        'validation',
        { zh: '培训地点须在工坊所在乡镇', en: "The session must be in the workshop's township" },
        undefined,
        [{ path: 'json.regionCode', message: { zh: '不在工坊所在乡镇', en: "Not in the workshop's township" } }],
      )
  } else if (sessionNeedsHostWorkshop(user)) {
    throw new ProblemError(422, 'validation', { zh: '请选择承办工坊', en: 'Choose the host workshop' }, undefined, [
      { path: 'json.workshopId', message: { zh: '必填', en: 'Required' } },
    ])
  }
  if (!sessionPlaceAllowed(caller, regionCode)) throw notFound({ zh: '行政区划', en: 'Region' })
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, regionCode))
  if (!region) throw notFound({ zh: '行政区划', en: 'Region' })
  regionCode = region.code
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingSessions)
      .values({ ...body, regionCode, workshopId: body.workshopId ?? null, createdBy: user.id })
      .returning({ id: trainingSessions.id })
    await audit(tx, caller, {
      action: 'training.session.create',
      targetType: 'training_session',
      targetId: row!.id,
      regionCode,
      detail: { topic: body.topic, skill: body.skill },
    })
    return row!.id
  })
  return getSession(db, caller, id)
}

/** A worker the caller may act for: staff by region, operators their members, a worker themself. */
async function actableWorker(db: DbOrTx, caller: Caller, workerId: string) {
  const [w] = await db
    .select({ id: workers.id, name: workers.name, regionCode: workers.regionCode, skills: workers.skills })
    .from(workers)
    .where(and(eq(workers.id, workerId), workerRows(caller.scope)))
  if (!w) throw notFound(WORKER)
  return w
}

export async function listEnrolments(db: DbOrTx, caller: Caller, id: string) {
  const { session: s } = await manageableSession(db, caller, id)
  const rows = await db
    .select({
      workerId: trainingEnrolments.workerId,
      workerName: workers.name,
      regionCode: trainingEnrolments.regionCode,
      enrolledAt: trainingEnrolments.enrolledAt,
      attendedOn: trainingAttendances.attendedOn,
    })
    .from(trainingEnrolments)
    .innerJoin(workers, eq(workers.id, trainingEnrolments.workerId))
    .leftJoin(
      trainingAttendances,
      and(
        eq(trainingAttendances.sessionId, trainingEnrolments.sessionId),
        eq(trainingAttendances.workerId, trainingEnrolments.workerId),
      ),
    )
    .where(eq(trainingEnrolments.sessionId, s.id))
    .orderBy(asc(trainingEnrolments.enrolledAt))
  return rows.map((r) => ({
    workerId: r.workerId,
    workerName: r.workerName,
    regionCode: r.regionCode,
    enrolledAt: r.enrolledAt instanceof Date ? r.enrolledAt.toISOString() : String(r.enrolledAt),
    attended: r.attendedOn !== null,
    attendedOn: r.attendedOn,
  }))
}

export async function enrol(db: DbOrTx, caller: Caller, id: string, workerId: string) {
  const user = authorize(caller, 'training.enrol')
  const s = await getSession(db, caller, id)
  const w = await actableWorker(db, caller, workerId)
  if (s.sessionDate < callerToday(caller))
    throw new ProblemError(409, 'session-past', {
      zh: '培训已结束，不能报名',
      en: 'The session is over; enrolment is closed',
    })
  await db.transaction(async (tx) => {
    // Lock the session row: concurrent enrolments queue here, so capacity holds.
    await tx.execute(sql`select id from training_sessions where id = ${s.id} for update`)
    const [dup] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(trainingEnrolments)
      .where(and(eq(trainingEnrolments.sessionId, s.id), eq(trainingEnrolments.workerId, w.id)))
    if (Number(dup?.n) > 0) throw new ProblemError(409, 'already-enrolled', { zh: '已报名', en: 'Already enrolled' })
    const [n] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.sessionId, s.id))
    if (Number(n?.n) >= s.capacity)
      throw new ProblemError(409, 'session-full', {
        zh: `名额已满（${s.capacity} 人）`,
        en: `The session is full (${s.capacity} places)`,
      })
    await tx
      .insert(trainingEnrolments)
      .values({ sessionId: s.id, workerId: w.id, regionCode: w.regionCode, enrolledBy: user.id })
    await auditEnrolment(tx, caller, 'training.enrol', s.id, w)
  })
  return getSession(db, caller, id)
}

/** Enrolling and cancelling are audited alike: on the session, in the worker's village. */
const auditEnrolment = (
  tx: DbOrTx,
  caller: Caller,
  action: 'training.enrol' | 'training.unenrol',
  sessionId: string,
  w: { id: string; regionCode: string },
) =>
  audit(tx, caller, {
    action,
    targetType: 'training_session',
    targetId: sessionId,
    regionCode: w.regionCode,
    detail: { workerId: w.id },
  })

export async function unenrol(db: DbOrTx, caller: Caller, id: string, workerId: string) {
  authorize(caller, 'training.enrol')
  const s = await getSession(db, caller, id)
  const w = await actableWorker(db, caller, workerId)
  await db.transaction(async (tx) => {
    const [att] = await tx
      .select({ id: trainingAttendances.id })
      .from(trainingAttendances)
      .where(and(eq(trainingAttendances.sessionId, s.id), eq(trainingAttendances.workerId, w.id)))
    if (att)
      throw new ProblemError(409, 'attended', {
        zh: '已签到，不能取消报名',
        en: 'Attendance is recorded; the enrolment cannot be cancelled',
      })
    const gone = await tx
      .delete(trainingEnrolments)
      .where(and(eq(trainingEnrolments.sessionId, s.id), eq(trainingEnrolments.workerId, w.id)))
      .returning({ w: trainingEnrolments.workerId })
    if (gone.length === 0) throw notFound({ zh: '报名', en: 'Enrolment' })
    await auditEnrolment(tx, caller, 'training.unenrol', s.id, w)
  })
  return getSession(db, caller, id)
}

/**
 * Attendance: every worker must be enrolled; the session must have taken place. Attending adds the
 * session's skill to the worker's dated skill record and to workers.skills (which matching reads).
 */
export async function recordAttendance(db: DbOrTx, caller: Caller, id: string, workerIds: string[]) {
  const { user, session: s } = await manageableSession(db, caller, id)
  if (s.sessionDate > callerToday(caller))
    throw new ProblemError(409, 'session-not-held', { zh: '培训尚未举行', en: 'The session has not taken place yet' })
  const ids = [...new Set(workerIds)]
  return db.transaction(async (tx) => {
    const enrolled = await tx
      .select({ workerId: trainingEnrolments.workerId, regionCode: workers.regionCode, skills: workers.skills })
      .from(trainingEnrolments)
      .innerJoin(workers, eq(workers.id, trainingEnrolments.workerId))
      .where(and(eq(trainingEnrolments.sessionId, s.id), sql`${trainingEnrolments.workerId} in ${ids}`))
    const byId = new Map(enrolled.map((e) => [e.workerId, e]))
    const missing = ids.map((wid, i) => ({ wid, i })).filter((x) => !byId.has(x.wid))
    if (missing.length)
      throw new ProblemError(
        422,
        'not-enrolled',
        { zh: '有人员未报名该培训', en: 'Some workers are not enrolled in this session' },
        undefined,
        missing.map((m) => ({
          path: `json.workerIds.${workerIds.indexOf(m.wid)}`,
          message: { zh: '未报名', en: 'Not enrolled' },
        })),
      )
    let recorded = 0
    let skillsAdded = 0
    for (const wid of ids) {
      const e = byId.get(wid)!
      const ins = await tx
        .insert(trainingAttendances)
        .values({
          workerId: wid,
          sessionId: s.id,
          regionCode: e.regionCode,
          attendedOn: s.sessionDate,
          recordedBy: user.id,
        })
        .onConflictDoNothing()
        .returning({ id: trainingAttendances.id })
      if (ins.length === 0) continue
      recorded++
      await tx
        .insert(workerSkills)
        .values({ workerId: wid, skill: s.skill, acquiredOn: s.sessionDate, source: 'training', sessionId: s.id })
      if (!e.skills.includes(s.skill)) {
        await tx
          .update(workers)
          .set({ skills: sql`array_append(${workers.skills}, ${s.skill})`, updatedAt: sql`now()` })
          .where(and(eq(workers.id, wid), sql`not (${s.skill} = any(${workers.skills}))`))
        skillsAdded++
      }
    }
    await audit(tx, caller, {
      action: 'training.attendance',
      targetType: 'training_session',
      targetId: s.id,
      regionCode: s.regionCode,
      detail: { workerIds: ids, recorded },
    })
    return { recorded, already: ids.length - recorded, skillsAdded }
  })
}

export async function skillsOf(db: DbOrTx, caller: Caller, workerId: string) {
  authorize(caller, 'training.read')
  const w = await actableWorker(db, caller, workerId)
  const rows = await db
    .select({
      skill: workerSkills.skill,
      acquiredOn: workerSkills.acquiredOn,
      source: workerSkills.source,
      sessionId: workerSkills.sessionId,
      topic: trainingSessions.topic,
    })
    .from(workerSkills)
    .leftJoin(trainingSessions, eq(trainingSessions.id, workerSkills.sessionId))
    .where(eq(workerSkills.workerId, w.id))
    .orderBy(sql`${workerSkills.acquiredOn} desc`, asc(workerSkills.skill))
  const dated = new Set(rows.map((r) => r.skill))
  // Skills from the registry without a dated record are listed too (source registry, no date known).
  const undated = w.skills
    .filter((s) => !dated.has(s))
    .map((s) => ({ skill: s, acquiredOn: '', source: 'registry', sessionId: null, topic: null }))
  return [...rows, ...undated]
}

const CHILD_LEN: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12 }

/** Training headcount by child region: aggregates only (no person), so the public cockpit may show it. */
export async function headcount(db: DbOrTx, region: string, year?: number) {
  const childLen = CHILD_LEN[region.length]
  const period = year ? sql`and a.attended_on between ${`${year}-01-01`} and ${`${year}-12-31`}` : sql``
  const [total] = await queryRows<{ trained: number; attendances: number; sessions: number; name: string | null }>(
    db,
    sql`select count(distinct a.worker_id)::int as trained, count(*)::int as attendances, count(distinct a.session_id)::int as sessions,
          (select name from regions where code = ${region}) as name
        from training_attendances a where ${inRegion(sql`a.region_code`, region)} ${period}`,
  )
  if (!total?.name) throw notFound({ zh: '行政区划', en: 'Region' })
  const children = childLen
    ? await queryRows<{ code: string; name: string; trained: number; attendances: number; sessions: number }>(
        db,
        sql`select r.code, r.name,
              coalesce(x.trained, 0)::int as trained, coalesce(x.attendances, 0)::int as attendances, coalesce(x.sessions, 0)::int as sessions
            from regions r
            left join (
              select left(a.region_code, ${childLen}) as code, count(distinct a.worker_id) as trained, count(*) as attendances,
                count(distinct a.session_id) as sessions
              from training_attendances a where ${inRegion(sql`a.region_code`, region)} ${period}
              group by 1) x on x.code = r.code
            where r.parent_code = ${region}
            order by r.code`,
      )
    : []
  const row = (code: string, name: string, r: { trained: number; attendances: number; sessions: number }) => ({
    regionCode: code,
    regionName: name,
    trainedWorkers: Number(r.trained),
    attendances: Number(r.attendances),
    sessions: Number(r.sessions),
  })
  return {
    region,
    year: year ?? null,
    total: row(region, total.name, total),
    children: children.map((r) => row(r.code, r.name, r)),
  }
}
