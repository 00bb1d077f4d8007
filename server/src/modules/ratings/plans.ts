import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { PageQuery } from '@gongfang/shared'
import { audit } from '../../audit/audit.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { inRegion, listRegion, planRows } from '../../auth/access/programme.ts'
import type { DbOrTx } from '../../db/client.ts'
import { improvementFollowUps, improvementPlans, workshops } from '../../db/schema/index.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { iso } from '../../db/iso.ts'
import { scopedWorkshop } from './common.ts'

async function plansWhere(db: DbOrTx, caller: Caller, where: SQL, page?: { limit: number; offset: number }) {
  const visible = planRows(caller.scope)
  const base = db
    .select({
      id: improvementPlans.id,
      workshopId: improvementPlans.workshopId,
      workshopName: workshops.name,
      regionCode: improvementPlans.regionCode,
      year: improvementPlans.year,
      reason: improvementPlans.reason,
      plan: improvementPlans.plan,
      status: improvementPlans.status,
      createdAt: improvementPlans.createdAt,
      closingNote: improvementPlans.closingNote,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(improvementPlans)
    .innerJoin(workshops, eq(workshops.id, improvementPlans.workshopId))
    .where(and(visible, where))
    .orderBy(asc(improvementPlans.status), asc(workshops.name))
  const rows = page ? await base.limit(page.limit).offset(page.offset) : await base
  const ids = rows.map((r) => r.id)
  const fus = ids.length
    ? await db
        .select({
          id: improvementFollowUps.id,
          planId: improvementFollowUps.planId,
          dueOn: improvementFollowUps.dueOn,
          doneOn: improvementFollowUps.doneOn,
          note: improvementFollowUps.note,
          result: improvementFollowUps.result,
        })
        .from(improvementFollowUps)
        .where(sql`${improvementFollowUps.planId} in ${ids}`)
        .orderBy(asc(improvementFollowUps.dueOn), asc(improvementFollowUps.id))
    : []
  const now = callerToday(caller)
  return rows.map((r) => {
    const followUps = fus
      .filter((f) => f.planId === r.id)
      .map((f) => ({
        id: f.id,
        dueOn: f.dueOn,
        doneOn: f.doneOn,
        note: f.note,
        result: f.result,
        overdue: !f.doneOn && f.dueOn < now,
      }))
    return {
      id: r.id,
      workshopId: r.workshopId,
      workshopName: r.workshopName,
      regionCode: r.regionCode,
      year: r.year,
      reason: r.reason,
      plan: r.plan,
      status: r.status as 'open' | 'closed',
      createdAt: iso(r.createdAt)!,
      closingNote: r.closingNote,
      nextDueOn: followUps.find((f) => !f.doneOn)?.dueOn ?? null,
      followUps,
      total: Number(r.total),
    }
  })
}

export async function listPlans(
  db: DbOrTx,
  caller: Caller,
  q: PageQuery & { region?: string; status?: string; overdue?: boolean },
) {
  authorize(caller, 'ratings.plans.read')
  const conds: SQL[] = [sql`true`]
  const region = listRegion(caller, q.region)
  if (region) conds.push(inRegion(improvementPlans.regionCode, region))
  if (q.status) conds.push(eq(improvementPlans.status, q.status))
  if (q.overdue)
    conds.push(
      sql`exists (select 1 from improvement_follow_ups f where f.plan_id = ${improvementPlans.id} and f.done_on is null and f.due_on < ${callerToday(caller)})`,
    )
  const rows = await plansWhere(db, caller, and(...conds)!, pageWindow(q))
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function getPlan(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'ratings.plans.read')
  const [r] = await plansWhere(db, caller, eq(improvementPlans.id, id))
  if (!r) throw notFound({ zh: '提升计划', en: 'Improvement plan' })
  const { total: _t, ...plan } = r
  return plan
}

export async function createPlan(
  db: DbOrTx,
  caller: Caller,
  body: { workshopId: string; year: number; reason: string; plan: string; followUps: string[] },
) {
  const user = authorize(caller, 'ratings.plans.write')
  const ws = await scopedWorkshop(db, caller.scope, body.workshopId)
  const [open] = await db
    .select({ id: improvementPlans.id })
    .from(improvementPlans)
    .where(and(eq(improvementPlans.workshopId, ws.id), eq(improvementPlans.status, 'open')))
  if (open)
    throw new ProblemError(409, 'plan-open', {
      zh: '该工坊已有未结束的提升计划',
      en: 'This workshop already has an open improvement plan',
    })
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(improvementPlans)
      .values({
        workshopId: ws.id,
        regionCode: ws.regionCode,
        year: body.year,
        reason: body.reason,
        plan: body.plan,
        createdBy: user.id,
      })
      .returning({ id: improvementPlans.id })
    if (body.followUps.length)
      await tx
        .insert(improvementFollowUps)
        .values([...new Set(body.followUps)].map((d) => ({ planId: row!.id, dueOn: d, createdBy: user.id })))
    await audit(tx, caller, {
      action: 'improvement-plan.create',
      targetType: 'workshop',
      targetId: ws.id,
      regionCode: ws.regionCode,
      detail: { year: body.year },
    })
    return row!.id
  })
  return getPlan(db, caller, id)
}

async function openPlanForWrite(db: DbOrTx, caller: Caller, id: string) {
  const user = authorize(caller, 'ratings.plans.write')
  const plan = await getPlan(db, caller, id)
  if (plan.status !== 'open')
    throw new ProblemError(409, 'plan-closed', { zh: '提升计划已结束', en: 'The improvement plan is closed' })
  return { user, plan }
}

/** The audit entry of a step on an open plan (a follow-up scheduled or done, the close): the plan and what was entered. */
function auditPlanStep(
  tx: DbOrTx,
  caller: Caller,
  action: string,
  plan: { id: string; regionCode: string },
  detail: Record<string, unknown>,
) {
  return audit(tx, caller, {
    action,
    targetType: 'improvement_plan',
    targetId: plan.id,
    regionCode: plan.regionCode,
    detail,
  })
}

export async function addFollowUp(db: DbOrTx, caller: Caller, id: string, body: { dueOn: string; note?: string }) {
  const { user, plan } = await openPlanForWrite(db, caller, id)
  await db.transaction(async (tx) => {
    await tx
      .insert(improvementFollowUps)
      .values({ planId: id, dueOn: body.dueOn, note: body.note ?? null, createdBy: user.id })
    await auditPlanStep(tx, caller, 'improvement-plan.follow-up', plan, body)
  })
  return getPlan(db, caller, id)
}

export async function completeFollowUp(
  db: DbOrTx,
  caller: Caller,
  id: string,
  followUpId: number,
  body: { doneOn: string; result: string },
) {
  const { plan } = await openPlanForWrite(db, caller, id)
  const fu = plan.followUps.find((f) => f.id === followUpId)
  if (!fu) throw notFound({ zh: '回访', en: 'Follow-up' })
  if (fu.doneOn)
    throw new ProblemError(409, 'follow-up-done', { zh: '该回访已记录', en: 'This follow-up is already recorded' })
  if (body.doneOn > callerToday(caller))
    throw new ProblemError(422, 'future-date', { zh: '完成日期不能晚于今天', en: 'The date cannot be in the future' })
  await db.transaction(async (tx) => {
    await tx
      .update(improvementFollowUps)
      .set({ doneOn: body.doneOn, result: body.result })
      .where(eq(improvementFollowUps.id, followUpId))
    await auditPlanStep(tx, caller, 'improvement-plan.follow-up-done', plan, { followUpId, ...body })
  })
  return getPlan(db, caller, id)
}

export async function closePlan(db: DbOrTx, caller: Caller, id: string, body: { note: string }) {
  const { plan } = await openPlanForWrite(db, caller, id)
  await db.transaction(async (tx) => {
    await tx
      .update(improvementPlans)
      .set({ status: 'closed', closedAt: sql`now()`, closingNote: body.note })
      .where(eq(improvementPlans.id, id))
    await auditPlanStep(tx, caller, 'improvement-plan.close', plan, body)
  })
  return getPlan(db, caller, id)
}
