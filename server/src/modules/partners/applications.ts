/**
 * Enterprises' applications to an opportunity and their stages, each change an event.
 */
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm'
import { canMoveStage, type Application, type ApplicationDetail, type ApplicationStage, type StageChange } from '@gongfang/shared/partners'
import { audit } from '../../audit/audit.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize, regionContains, regionInScope, requireLogin, type Scope } from '../../auth/access/index.ts'
import { applicationRows, collectiveWorkshopRows, ownEnterprise, partnerStageAllowed } from '../../auth/access/around.ts'
import { inRegion, listRegion } from '../../auth/access/programme.ts'
import type { DbOrTx } from '../../db/client.ts'
import {
  collectives,
  enterprises,
  partnerApplicationEvents,
  partnerApplications,
  partnerOpportunities,
  regions,
  workshopEnterprises,
  workshopStatusHistory,
  workshops,
} from '../../db/schema/index.ts'
import { pageWindow } from '../../http/pagination.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { fieldProblem, iso } from '../collective-income/access.ts'
import { loadOpportunity } from './opportunities.ts'
import type { z } from 'zod'
import type { ApplicationListQuerySchema } from '@gongfang/shared/partners'

const APPLICATION = { zh: '合作申请', en: 'Application' }

const appCols = {
  id: partnerApplications.id,
  opportunityId: partnerApplications.opportunityId,
  opportunityTitle: partnerOpportunities.title,
  enterpriseId: partnerApplications.enterpriseId,
  enterpriseName: enterprises.name,
  regionCode: partnerApplications.regionCode,
  regionName: regions.name,
  proposal: partnerApplications.proposal,
  plannedJobs: partnerApplications.plannedJobs,
  plannedInvestmentFen: partnerApplications.plannedInvestmentFen,
  stage: partnerApplications.stage,
  signedOn: partnerApplications.signedOn,
  workshopId: partnerApplications.workshopId,
  workshopName: workshops.name,
  createdAt: partnerApplications.createdAt,
  updatedAt: partnerApplications.updatedAt,
}
function selectApps(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(appCols)
    .from(partnerApplications)
    .innerJoin(partnerOpportunities, eq(partnerOpportunities.id, partnerApplications.opportunityId))
    .innerJoin(enterprises, eq(enterprises.id, partnerApplications.enterpriseId))
    .leftJoin(regions, eq(regions.code, partnerApplications.regionCode))
    .leftJoin(workshops, eq(workshops.id, partnerApplications.workshopId))
    .where(where)
}
const appView = (r: Awaited<ReturnType<typeof selectApps>>[number]) => ({
  ...r,
  stage: r.stage as ApplicationStage,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
})

export async function listApplications(
  db: DbOrTx,
  caller: Caller,
  q: z.output<typeof ApplicationListQuerySchema>,
): Promise<{ items: Application[]; total: number; page: number; pageSize: number; byStage: Record<string, number> }> {
  authorize(caller, 'partners.read')
  const base: (SQL | undefined)[] = [applicationRows(caller.scope)]
  // An enterprise's applications lie wherever its opportunities are: no default region for it.
  const region = ownEnterprise(caller.scope) ? q.region : listRegion(caller, q.region)
  if (region) base.push(inRegion(partnerApplications.regionCode, region))
  if (q.opportunityId) base.push(eq(partnerApplications.opportunityId, q.opportunityId))
  const where = and(...base, q.stage ? eq(partnerApplications.stage, q.stage) : undefined)
  const { limit, offset } = pageWindow(q)
  const [rows, [total], stages] = await Promise.all([
    selectApps(db, where)
      .orderBy(desc(partnerApplications.updatedAt), asc(partnerApplications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(partnerApplications).where(where),
    db
      .select({ stage: partnerApplications.stage, n: count() })
      .from(partnerApplications)
      .where(and(...base)) // counts per stage ignore the stage filter (tabs)
      .groupBy(partnerApplications.stage),
  ])
  return {
    items: rows.map(appView),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    byStage: Object.fromEntries(stages.map((s) => [s.stage, s.n])),
  }
}

export async function getApplication(db: DbOrTx, caller: Caller, id: string): Promise<ApplicationDetail> {
  authorize(caller, 'partners.read')
  return loadApplication(db, caller.scope, id)
}

async function loadApplication(db: DbOrTx, scope: Scope, id: string): Promise<ApplicationDetail> {
  const [row] = await selectApps(db, and(eq(partnerApplications.id, id), applicationRows(scope)))
  if (!row) throw notFound(APPLICATION)
  const events = await db
    .select({
      id: partnerApplicationEvents.id,
      fromStage: partnerApplicationEvents.fromStage,
      toStage: partnerApplicationEvents.toStage,
      eventDate: partnerApplicationEvents.eventDate,
      note: partnerApplicationEvents.note,
      byName: partnerApplicationEvents.byName,
      at: partnerApplicationEvents.at,
    })
    .from(partnerApplicationEvents)
    .where(eq(partnerApplicationEvents.applicationId, id))
    .orderBy(asc(partnerApplicationEvents.id))
  return {
    ...appView(row),
    events: events.map((e) => ({
      ...e,
      fromStage: e.fromStage as ApplicationStage | null,
      toStage: e.toStage as ApplicationStage,
      at: iso(e.at)!,
    })),
  }
}

export async function applyTo(
  db: DbOrTx,
  caller: Caller,
  opportunityId: string,
  input: { proposal: string; plannedJobs?: number; plannedInvestmentFen?: number; enterpriseId?: string },
): Promise<ApplicationDetail> {
  const user = authorize(caller, 'partners.apply')
  const scope = caller.scope
  const today = callerToday(caller)
  return db.transaction(async (tx) => {
    let enterpriseId: string
    const own = ownEnterprise(scope)
    if (own) {
      if (input.enterpriseId && input.enterpriseId !== own) throw notFound({ zh: '企业', en: 'Enterprise' })
      enterpriseId = own
    } else {
      if (!input.enterpriseId) throw fieldProblem('enterpriseId', '必填', 'Required')
      const [e] = await tx
        .select({ id: enterprises.id })
        .from(enterprises)
        .where(eq(enterprises.id, input.enterpriseId))
      if (!e) throw fieldProblem('enterpriseId', '企业不存在', 'Enterprise not found')
      enterpriseId = e.id
    }
    const opp = await loadOpportunity(tx, scope, opportunityId)
    if (opp.status !== 'open')
      throw new ProblemError(409, 'opportunity-closed', { zh: '该项目已停止招商', en: 'This opportunity is closed' })
    const [dup] = await tx
      .select({ id: partnerApplications.id })
      .from(partnerApplications)
      .where(
        and(eq(partnerApplications.opportunityId, opportunityId), eq(partnerApplications.enterpriseId, enterpriseId)),
      )
    if (dup)
      throw new ProblemError(
        409,
        'application-exists',
        { zh: '该企业已申请过此项目', en: 'This enterprise has already applied' },
        undefined,
        undefined,
        { existingId: dup.id },
      )
    const [row] = await tx
      .insert(partnerApplications)
      .values({
        opportunityId,
        enterpriseId,
        regionCode: opp.regionCode,
        collectiveId: opp.collectiveId,
        proposal: input.proposal,
        plannedJobs: input.plannedJobs ?? null,
        plannedInvestmentFen: input.plannedInvestmentFen ?? null,
        createdBy: user.id,
      })
      .returning({ id: partnerApplications.id })
    await tx
      .insert(partnerApplicationEvents)
      .values({
        applicationId: row!.id,
        fromStage: null,
        toStage: 'applied',
        eventDate: today,
        byUserId: user.id,
        byName: user.displayName,
      })
    // The applicant may not see the application through its region (an enterprise elsewhere): read it by its own scope rule.
    const app = await loadApplication(tx, scope, row!.id)
    await audit(tx, caller, {
      action: 'partners.apply',
      targetType: 'partner_application',
      targetId: app.id,
      regionCode: app.regionCode,
      detail: { opportunityId, enterpriseId: app.enterpriseId },
    })
    return app
  })
}

/**
 * A dated note and/or a stage move. Staff (and admin) move any open application; the enterprise may only
 * withdraw its own; the collective may add notes. Signing links the enterprise to a workshop.
 */
export async function changeStage(
  db: DbOrTx,
  caller: Caller,
  id: string,
  change: StageChange,
): Promise<ApplicationDetail> {
  const user = requireLogin(caller)
  const scope = caller.scope
  const today = callerToday(caller)
  return db.transaction(async (tx) => {
    const app = await loadApplication(tx, scope, id)
    if (change.eventDate > today) throw fieldProblem('eventDate', '日期不能晚于今天', 'Date is in the future')
    const to = change.toStage
    if (to) {
      if (!partnerStageAllowed(caller, to))
        throw new ProblemError(403, 'forbidden', {
          zh: '当前角色不能变更申请阶段',
          en: 'Your role may not change the stage',
        })
      if (!canMoveStage(app.stage, to))
        throw new ProblemError(409, 'stage-move', {
          zh: `不能从「${app.stage}」变更为「${to}」`,
          en: `Cannot move from "${app.stage}" to "${to}"`,
        })
    } else {
      authorize(caller, 'partners.note')
    }
    let workshopId: string | null = app.workshopId
    let createdWorkshop: { id: string; regionCode: string } | null = null
    if (to === 'signed') {
      const [opp] = await tx
        .select({
          regionCode: partnerOpportunities.regionCode,
          collectiveId: partnerOpportunities.collectiveId,
          bundled: partnerOpportunities.bundledRegionCodes,
        })
        .from(partnerOpportunities)
        .where(eq(partnerOpportunities.id, app.opportunityId))
      const inPlace = (code: string) => regionContains(opp!.regionCode, code) || opp!.bundled.includes(code)
      const sign = change.sign!
      if (sign.workshopId) {
        const [w] = await tx
          .select({ id: workshops.id, regionCode: workshops.regionCode })
          .from(workshops)
          .where(and(eq(workshops.id, sign.workshopId), collectiveWorkshopRows(scope)))
        if (!w) throw fieldProblem('sign.workshopId', '工坊不存在或无权使用', 'Workshop not found')
        if (!inPlace(w.regionCode))
          throw fieldProblem(
            'sign.workshopId',
            '工坊不在该项目的村',
            "The workshop is not in the opportunity's villages",
          )
        workshopId = w.id
      } else {
        const nw = sign.newWorkshop!
        if (!inPlace(nw.regionCode) || !regionInScope(scope, nw.regionCode))
          throw fieldProblem(
            'sign.newWorkshop.regionCode',
            '须为该项目的村或联建村',
            "Must be the opportunity's village or a bundled village",
          )
        const [village] = await tx
          .select({ code: regions.code })
          .from(regions)
          .where(and(eq(regions.code, nw.regionCode), eq(regions.level, 5)))
        if (!village) throw fieldProblem('sign.newWorkshop.regionCode', '村不存在', 'No such village')
        const [c] = opp!.collectiveId
          ? await tx
              .select({ id: collectives.id, regionCode: collectives.regionCode })
              .from(collectives)
              .where(eq(collectives.id, opp!.collectiveId))
          : []
        const [w] = await tx
          .insert(workshops)
          .values({
            name: nw.name,
            type: nw.type,
            regionCode: nw.regionCode,
            collectiveId: c && c.regionCode === nw.regionCode ? c.id : null,
            status: 'planned',
          })
          .returning({ id: workshops.id, regionCode: workshops.regionCode })
        await tx
          .insert(workshopStatusHistory)
          .values({
            workshopId: w!.id,
            status: 'planned',
            effectiveOn: change.eventDate,
            note: '我在浙丽有个村：签约新建',
            byUserId: user.id,
          })
        workshopId = w!.id
        createdWorkshop = w!
      }
      await tx
        .insert(workshopEnterprises)
        .values({ workshopId: workshopId!, enterpriseId: app.enterpriseId, since: change.eventDate })
        .onConflictDoNothing()
    }
    await tx.insert(partnerApplicationEvents).values({
      applicationId: id,
      fromStage: to ? app.stage : null,
      toStage: to ?? app.stage,
      eventDate: change.eventDate,
      note: change.note || null,
      byUserId: user.id,
      byName: user.displayName,
    })
    await tx
      .update(partnerApplications)
      .set({
        stage: to ?? app.stage,
        updatedAt: caller.clock.now(),
        ...(to === 'signed' ? { signedOn: change.eventDate, workshopId } : {}),
      })
      .where(eq(partnerApplications.id, id))
    const application = await loadApplication(tx, scope, id)
    await audit(tx, caller, {
      action: change.toStage ? 'partners.stage' : 'partners.note',
      targetType: 'partner_application',
      targetId: id,
      regionCode: application.regionCode,
      detail: {
        from: app.stage,
        to: change.toStage ?? null,
        eventDate: change.eventDate,
        workshopId: application.workshopId,
      },
    })
    if (createdWorkshop)
      await audit(tx, caller, {
        action: 'workshop.create',
        targetType: 'workshop',
        targetId: createdWorkshop.id,
        regionCode: createdWorkshop.regionCode,
        detail: { via: 'partner-application', applicationId: id },
      })
    return application
  })
}

