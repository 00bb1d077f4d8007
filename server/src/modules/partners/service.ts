import { and, asc, count, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm'
import { canMoveStage, type ApplicationStage, type OpportunityCreate, type StageChange } from '@gongfang/shared/partners'
import { regionInScope, scopeFilter, type Scope } from '../../auth/scope.ts'
import type { AuthUser } from '../../auth/user.ts'
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
import { collectiveForWrite, fieldProblem, iso } from '../collective-income/access.ts'

const OPPORTUNITY = { zh: '招商项目', en: 'Opportunity' }
const APPLICATION = { zh: '合作申请', en: 'Application' }
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m)

// ---- visibility (one place) ------------------------------------------------------------------

/**
 * Opportunities are public within the programme: any logged-in enterprise sees the open ones (and those it
 * applied to); everyone else sees what their scope covers.
 */
function opportunityVisible(scope: Scope): SQL {
  if (scope.kind === 'enterprise')
    return or(
      eq(partnerOpportunities.status, 'open'),
      sql`exists (select 1 from ${partnerApplications} a where a.opportunity_id = ${partnerOpportunities.id} and a.enterprise_id = ${scope.enterpriseId})`,
    )!
  return scopeFilter(scope, { regionCode: partnerOpportunities.regionCode, collectiveId: partnerOpportunities.collectiveId })
}
const applicationVisible = (scope: Scope) =>
  scopeFilter(scope, { regionCode: partnerApplications.regionCode, enterpriseId: partnerApplications.enterpriseId, collectiveId: partnerApplications.collectiveId })

// ---- opportunities ---------------------------------------------------------------------------

function oppCols(scope: Scope) {
  return {
    id: partnerOpportunities.id,
    regionCode: partnerOpportunities.regionCode,
    regionName: regions.name,
    collectiveId: partnerOpportunities.collectiveId,
    collectiveName: collectives.name,
    title: partnerOpportunities.title,
    kind: partnerOpportunities.kind,
    description: partnerOpportunities.description,
    areaM2: partnerOpportunities.areaM2,
    annualRentFen: partnerOpportunities.annualRentFen,
    laborAvailable: partnerOpportunities.laborAvailable,
    bundledRegionCodes: partnerOpportunities.bundledRegionCodes,
    contactName: partnerOpportunities.contactName,
    contactPhone: partnerOpportunities.contactPhone,
    status: partnerOpportunities.status,
    createdAt: partnerOpportunities.createdAt,
    applications: sql<number>`(select count(*)::int from ${partnerApplications} a where a.opportunity_id = ${partnerOpportunities.id})`,
    myApplicationId:
      scope.kind === 'enterprise'
        ? sql<string | null>`(select a.id::text from ${partnerApplications} a where a.opportunity_id = ${partnerOpportunities.id} and a.enterprise_id = ${scope.enterpriseId})`
        : sql<string | null>`null::text`,
  }
}
type OppRow = Awaited<ReturnType<typeof selectOpps>>[number]
function selectOpps(db: DbOrTx, scope: Scope, where: SQL | undefined) {
  return db
    .select(oppCols(scope))
    .from(partnerOpportunities)
    .leftJoin(regions, eq(regions.code, partnerOpportunities.regionCode))
    .leftJoin(collectives, eq(collectives.id, partnerOpportunities.collectiveId))
    .where(where)
}

async function oppViews(db: DbOrTx, rows: OppRow[]) {
  const codes = [...new Set(rows.flatMap((r) => r.bundledRegionCodes))]
  const names = new Map<string, string>()
  if (codes.length) for (const r of await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))) names.set(r.code, r.name)
  return rows.map(({ bundledRegionCodes, ...r }) => ({
    ...r,
    applications: Number(r.applications),
    bundledRegions: bundledRegionCodes.map((code) => ({ code, name: names.get(code) ?? null })),
    createdAt: iso(r.createdAt)!,
  }))
}

export async function listOpportunities(db: DbOrTx, scope: Scope, q: { page: number; pageSize: number; region?: string; kind?: string; status?: string; q?: string }) {
  const conds: (SQL | undefined)[] = [opportunityVisible(scope)]
  if (q.region) conds.push(like(partnerOpportunities.regionCode, `${q.region}%`))
  if (q.kind) conds.push(eq(partnerOpportunities.kind, q.kind))
  if (q.status) conds.push(eq(partnerOpportunities.status, q.status))
  if (q.q) conds.push(or(ilike(partnerOpportunities.title, `%${escapeLike(q.q)}%`), ilike(partnerOpportunities.description, `%${escapeLike(q.q)}%`)))
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    selectOpps(db, scope, where).orderBy(desc(partnerOpportunities.createdAt), asc(partnerOpportunities.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(partnerOpportunities).where(where),
  ])
  return { items: await oppViews(db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function getOpportunity(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await selectOpps(db, scope, and(eq(partnerOpportunities.id, id), opportunityVisible(scope)))
  if (!row) throw notFound(OPPORTUNITY)
  return (await oppViews(db, [row]))[0]!
}

export async function createOpportunity(tx: DbOrTx, scope: Scope, userId: string, input: OpportunityCreate) {
  let regionCode: string
  let collectiveId: string | null = null
  if (scope.kind === 'collective') {
    const c = await collectiveForWrite(tx, scope, input.collectiveId)
    if (input.regionCode && input.regionCode !== c.regionCode) throw fieldProblem('regionCode', '只能发布本村的项目', "Only your own village's opportunities")
    regionCode = c.regionCode
    collectiveId = c.id
  } else {
    if (!input.regionCode) throw fieldProblem('regionCode', '必填', 'Required')
    if (!regionInScope(scope, input.regionCode)) throw notFound({ zh: '行政区划', en: 'Region' })
    regionCode = input.regionCode
    if (input.collectiveId) {
      const c = await collectiveForWrite(tx, scope, input.collectiveId)
      if (!c.regionCode.startsWith(regionCode)) throw fieldProblem('collectiveId', '村集体不在该地区', 'The collective is not in this region')
      collectiveId = c.id
    }
  }
  const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, regionCode))
  if (!region) throw fieldProblem('regionCode', '行政区划不存在', 'No such region')
  const bundled = [...new Set(input.bundledRegionCodes)].filter((c) => c !== regionCode)
  if (bundled.length) {
    const found = await tx.select({ code: regions.code }).from(regions).where(inArray(regions.code, bundled))
    const known = new Set(found.map((f) => f.code))
    bundled.forEach((code, i) => {
      if (!known.has(code)) throw fieldProblem(`bundledRegionCodes.${i}`, '村不存在', 'No such village')
      // Bundled recruitment joins neighbouring villages: the same county.
      if (code.slice(0, 6) !== regionCode.slice(0, 6)) throw fieldProblem(`bundledRegionCodes.${i}`, '联建村须在同一县（市、区）', 'Bundled villages must be in the same county')
    })
  }
  const [row] = await tx
    .insert(partnerOpportunities)
    .values({
      regionCode,
      collectiveId,
      title: input.title,
      kind: input.kind,
      description: input.description,
      areaM2: input.areaM2 ?? null,
      annualRentFen: input.annualRentFen ?? null,
      laborAvailable: input.laborAvailable ?? null,
      bundledRegionCodes: bundled,
      contactName: input.contactName || null,
      contactPhone: input.contactPhone || null,
      createdBy: userId,
    })
    .returning({ id: partnerOpportunities.id })
  return getOpportunity(tx, scope, row!.id)
}

/** Close or reopen: the publishing collective or staff in scope (an enterprise's view does not allow writes). */
export async function setOpportunityStatus(tx: DbOrTx, scope: Scope, id: string, status: 'open' | 'closed') {
  const [row] = await tx
    .select({ id: partnerOpportunities.id, regionCode: partnerOpportunities.regionCode })
    .from(partnerOpportunities)
    .where(and(eq(partnerOpportunities.id, id), scopeFilter(scope, { regionCode: partnerOpportunities.regionCode, collectiveId: partnerOpportunities.collectiveId })))
  if (!row) throw notFound(OPPORTUNITY)
  await tx.update(partnerOpportunities).set({ status, updatedAt: new Date() }).where(eq(partnerOpportunities.id, id))
  return getOpportunity(tx, scope, id)
}

// ---- applications ----------------------------------------------------------------------------

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
const appView = (r: Awaited<ReturnType<typeof selectApps>>[number]) => ({ ...r, stage: r.stage as ApplicationStage, createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)! })

export async function listApplications(db: DbOrTx, scope: Scope, q: { page: number; pageSize: number; region?: string; stage?: string; opportunityId?: string }) {
  const base: (SQL | undefined)[] = [applicationVisible(scope)]
  if (q.region) base.push(like(partnerApplications.regionCode, `${q.region}%`))
  if (q.opportunityId) base.push(eq(partnerApplications.opportunityId, q.opportunityId))
  const where = and(...base, q.stage ? eq(partnerApplications.stage, q.stage) : undefined)
  const { limit, offset } = pageWindow(q)
  const [rows, [total], stages] = await Promise.all([
    selectApps(db, where).orderBy(desc(partnerApplications.updatedAt), asc(partnerApplications.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(partnerApplications).where(where),
    db
      .select({ stage: partnerApplications.stage, n: count() })
      .from(partnerApplications)
      .where(and(...base)) // counts per stage ignore the stage filter (tabs)
      .groupBy(partnerApplications.stage),
  ])
  return { items: rows.map(appView), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, byStage: Object.fromEntries(stages.map((s) => [s.stage, s.n])) }
}

export async function getApplication(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await selectApps(db, and(eq(partnerApplications.id, id), applicationVisible(scope)))
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
    events: events.map((e) => ({ ...e, fromStage: e.fromStage as ApplicationStage | null, toStage: e.toStage as ApplicationStage, at: iso(e.at)! })),
  }
}

export async function applyTo(
  tx: DbOrTx,
  scope: Scope,
  user: AuthUser,
  opportunityId: string,
  input: { proposal: string; plannedJobs?: number; plannedInvestmentFen?: number; enterpriseId?: string },
  today: string,
) {
  let enterpriseId: string
  if (scope.kind === 'enterprise') {
    if (input.enterpriseId && input.enterpriseId !== scope.enterpriseId) throw notFound({ zh: '企业', en: 'Enterprise' })
    enterpriseId = scope.enterpriseId
  } else {
    if (!input.enterpriseId) throw fieldProblem('enterpriseId', '必填', 'Required')
    const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId))
    if (!e) throw fieldProblem('enterpriseId', '企业不存在', 'Enterprise not found')
    enterpriseId = e.id
  }
  const opp = await getOpportunity(tx, scope, opportunityId)
  if (opp.status !== 'open') throw new ProblemError(409, 'opportunity-closed', { zh: '该项目已停止招商', en: 'This opportunity is closed' })
  const [dup] = await tx
    .select({ id: partnerApplications.id })
    .from(partnerApplications)
    .where(and(eq(partnerApplications.opportunityId, opportunityId), eq(partnerApplications.enterpriseId, enterpriseId)))
  if (dup) throw new ProblemError(409, 'application-exists', { zh: '该企业已申请过此项目', en: 'This enterprise has already applied' }, undefined, undefined, { existingId: dup.id })
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
  await tx.insert(partnerApplicationEvents).values({ applicationId: row!.id, fromStage: null, toStage: 'applied', eventDate: today, byUserId: user.id, byName: user.displayName })
  // The applicant may not see the application through its region (an enterprise elsewhere): read it by its own scope rule.
  return getApplication(tx, scope, row!.id)
}

/**
 * A dated note and/or a stage move. Staff (and admin) move any open application; the enterprise may only
 * withdraw its own; the collective may add notes. Signing links the enterprise to a workshop.
 */
export async function changeStage(tx: DbOrTx, scope: Scope, user: AuthUser, id: string, change: StageChange, today: string) {
  const app = await getApplication(tx, scope, id)
  if (change.eventDate > today) throw fieldProblem('eventDate', '日期不能晚于今天', 'Date is in the future')
  const to = change.toStage
  if (to) {
    const staff = user.role === 'staff' || user.role === 'admin'
    if (!staff && !(user.role === 'enterprise' && to === 'withdrawn'))
      throw new ProblemError(403, 'forbidden', { zh: '当前角色不能变更申请阶段', en: 'Your role may not change the stage' })
    if (!canMoveStage(app.stage, to))
      throw new ProblemError(409, 'stage-move', { zh: `不能从「${app.stage}」变更为「${to}」`, en: `Cannot move from "${app.stage}" to "${to}"` })
  } else if (user.role !== 'staff' && user.role !== 'admin' && user.role !== 'collective' && user.role !== 'enterprise') {
    throw new ProblemError(403, 'forbidden', { zh: '当前角色无权执行此操作', en: 'Your role may not do this' })
  }
  let workshopId: string | null = app.workshopId
  let createdWorkshop: { id: string; regionCode: string } | null = null
  if (to === 'signed') {
    const [opp] = await tx
      .select({ regionCode: partnerOpportunities.regionCode, collectiveId: partnerOpportunities.collectiveId, bundled: partnerOpportunities.bundledRegionCodes })
      .from(partnerOpportunities)
      .where(eq(partnerOpportunities.id, app.opportunityId))
    const inPlace = (code: string) => code.startsWith(opp!.regionCode) || opp!.bundled.includes(code)
    const sign = change.sign!
    if (sign.workshopId) {
      const [w] = await tx
        .select({ id: workshops.id, regionCode: workshops.regionCode })
        .from(workshops)
        .where(and(eq(workshops.id, sign.workshopId), scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId })))
      if (!w) throw fieldProblem('sign.workshopId', '工坊不存在或无权使用', 'Workshop not found')
      if (!inPlace(w.regionCode)) throw fieldProblem('sign.workshopId', '工坊不在该项目的村', "The workshop is not in the opportunity's villages")
      workshopId = w.id
    } else {
      const nw = sign.newWorkshop!
      if (!inPlace(nw.regionCode) || !regionInScope(scope, nw.regionCode))
        throw fieldProblem('sign.newWorkshop.regionCode', '须为该项目的村或联建村', "Must be the opportunity's village or a bundled village")
      const [village] = await tx.select({ code: regions.code }).from(regions).where(and(eq(regions.code, nw.regionCode), eq(regions.level, 5)))
      if (!village) throw fieldProblem('sign.newWorkshop.regionCode', '村不存在', 'No such village')
      const [c] = opp!.collectiveId
        ? await tx.select({ id: collectives.id, regionCode: collectives.regionCode }).from(collectives).where(eq(collectives.id, opp!.collectiveId))
        : []
      const [w] = await tx
        .insert(workshops)
        .values({ name: nw.name, type: nw.type, regionCode: nw.regionCode, collectiveId: c && c.regionCode === nw.regionCode ? c.id : null, status: 'planned' })
        .returning({ id: workshops.id, regionCode: workshops.regionCode })
      await tx.insert(workshopStatusHistory).values({ workshopId: w!.id, status: 'planned', effectiveOn: change.eventDate, note: '我在浙丽有个村：签约新建', byUserId: user.id })
      workshopId = w!.id
      createdWorkshop = w!
    }
    await tx.insert(workshopEnterprises).values({ workshopId: workshopId!, enterpriseId: app.enterpriseId, since: change.eventDate }).onConflictDoNothing()
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
    .set({ stage: to ?? app.stage, updatedAt: new Date(), ...(to === 'signed' ? { signedOn: change.eventDate, workshopId } : {}) })
    .where(eq(partnerApplications.id, id))
  return { application: await getApplication(tx, scope, id), from: app.stage, createdWorkshop }
}
