/**
 * Opportunities a collective publishes for enterprises: listed by scope, created, closed and reopened.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Opportunity, OpportunityCreate } from '@gongfang/shared/partners'
import { audit } from '../../audit/audit.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize, regionContains, regionInScope, type Scope } from '../../auth/access/index.ts'
import { opportunityRows, opportunityWritableRows, ownCollective, ownEnterprise } from '../../auth/access/around.ts'
import { inRegion, listRegion } from '../../auth/access/programme.ts'
import { containsPattern } from '../../db/like.ts'
import type { DbOrTx } from '../../db/client.ts'
import { collectives, partnerApplications, partnerOpportunities, regions } from '../../db/schema/index.ts'
import { pageWindow } from '../../http/pagination.ts'
import { notFound } from '../../http/problem.ts'
import { collectiveForWrite, fieldProblem, iso } from '../collective-income/access.ts'
import { FIELDS, activeVault, openContactPhone, sealContactPhone } from '../../vault/index.ts'
import type { z } from 'zod'
import type { OpportunityListQuerySchema } from '@gongfang/shared/partners'

const OPPORTUNITY = { zh: '招商项目', en: 'Opportunity' }

function oppCols(scope: Scope) {
  const enterpriseId = ownEnterprise(scope)
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
    contactPhoneEnc: partnerOpportunities.contactPhoneEnc,
    contactPhone: partnerOpportunities.contactPhone,
    status: partnerOpportunities.status,
    createdAt: partnerOpportunities.createdAt,
    applications: sql<number>`(select count(*)::int from ${partnerApplications} a where a.opportunity_id = ${partnerOpportunities.id})`,
    myApplicationId: enterpriseId
      ? sql<
          string | null
        >`(select a.id::text from ${partnerApplications} a where a.opportunity_id = ${partnerOpportunities.id} and a.enterprise_id = ${enterpriseId})`
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

async function oppViews(db: DbOrTx, rows: OppRow[]): Promise<Opportunity[]> {
  const codes = [...new Set(rows.flatMap((r) => r.bundledRegionCodes))]
  const names = new Map<string, string>()
  if (codes.length)
    for (const r of await db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(inArray(regions.code, codes)))
      names.set(r.code, r.name)
  return rows.map(({ bundledRegionCodes, contactPhoneEnc, ...r }) => ({
    ...r,
    // The contact phone is published with the opportunity (to enterprises): sealed at rest, shown in full.
    contactPhone: openContactPhone(activeVault(), FIELDS.partnerContactPhone, contactPhoneEnc, r.contactPhone),
    kind: r.kind as Opportunity['kind'],
    status: r.status as Opportunity['status'],
    applications: Number(r.applications),
    bundledRegions: bundledRegionCodes.map((code) => ({ code, name: names.get(code) ?? null })),
    createdAt: iso(r.createdAt)!,
  }))
}

export async function listOpportunities(
  db: DbOrTx,
  caller: Caller,
  q: z.output<typeof OpportunityListQuerySchema>,
): Promise<{ items: Opportunity[]; total: number; page: number; pageSize: number }> {
  authorize(caller, 'partners.read')
  const scope = caller.scope
  const conds: (SQL | undefined)[] = [opportunityRows(scope)]
  // Enterprises browse the whole province's open opportunities: no default region for them.
  const region = ownEnterprise(scope) ? q.region : listRegion(caller, q.region)
  if (region) conds.push(inRegion(partnerOpportunities.regionCode, region))
  if (q.kind) conds.push(eq(partnerOpportunities.kind, q.kind))
  if (q.status) conds.push(eq(partnerOpportunities.status, q.status))
  if (q.q)
    conds.push(
      or(
        ilike(partnerOpportunities.title, containsPattern(q.q)),
        ilike(partnerOpportunities.description, containsPattern(q.q)),
      ),
    )
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [total]] = await Promise.all([
    selectOpps(db, scope, where)
      .orderBy(desc(partnerOpportunities.createdAt), asc(partnerOpportunities.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(partnerOpportunities).where(where),
  ])
  return { items: await oppViews(db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function getOpportunity(db: DbOrTx, caller: Caller, id: string): Promise<Opportunity> {
  authorize(caller, 'partners.read')
  return loadOpportunity(db, caller.scope, id)
}

export async function loadOpportunity(db: DbOrTx, scope: Scope, id: string): Promise<Opportunity> {
  const [row] = await selectOpps(db, scope, and(eq(partnerOpportunities.id, id), opportunityRows(scope)))
  if (!row) throw notFound(OPPORTUNITY)
  return (await oppViews(db, [row]))[0]!
}

export async function createOpportunity(db: DbOrTx, caller: Caller, input: OpportunityCreate): Promise<Opportunity> {
  const user = authorize(caller, 'partners.publish')
  const scope = caller.scope
  return db.transaction(async (tx) => {
    let regionCode: string
    let collectiveId: string | null = null
    if (ownCollective(scope)) {
      const c = await collectiveForWrite(tx, scope, input.collectiveId)
      if (input.regionCode && input.regionCode !== c.regionCode)
        throw fieldProblem('regionCode', '只能发布本村的项目', "Only your own village's opportunities")
      regionCode = c.regionCode
      collectiveId = c.id
    } else {
      if (!input.regionCode) throw fieldProblem('regionCode', '必填', 'Required')
      if (!regionInScope(scope, input.regionCode)) throw notFound({ zh: '行政区划', en: 'Region' })
      regionCode = input.regionCode
      if (input.collectiveId) {
        const c = await collectiveForWrite(tx, scope, input.collectiveId)
        if (!regionContains(regionCode, c.regionCode))
          throw fieldProblem('collectiveId', '村集体不在该地区', 'The collective is not in this region')
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
        if (code.slice(0, 6) !== regionCode.slice(0, 6))
          throw fieldProblem(
            `bundledRegionCodes.${i}`,
            '联建村须在同一县（市、区）',
            'Bundled villages must be in the same county',
          )
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
        contactPhoneEnc: sealContactPhone(activeVault(), FIELDS.partnerContactPhone, input.contactPhone || null),
        createdBy: user.id,
      })
      .returning({ id: partnerOpportunities.id })
    const opp = await loadOpportunity(tx, scope, row!.id)
    await audit(tx, caller, {
      action: 'partners.publish',
      targetType: 'partner_opportunity',
      targetId: opp.id,
      regionCode: opp.regionCode,
      detail: { title: opp.title, kind: opp.kind },
    })
    return opp
  })
}

/** Close or reopen: the publishing collective or staff in scope (an enterprise's view does not allow writes). */
export async function setOpportunityStatus(
  db: DbOrTx,
  caller: Caller,
  id: string,
  status: 'open' | 'closed',
): Promise<Opportunity> {
  authorize(caller, 'partners.publish')
  const scope = caller.scope
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: partnerOpportunities.id, regionCode: partnerOpportunities.regionCode })
      .from(partnerOpportunities)
      .where(and(eq(partnerOpportunities.id, id), opportunityWritableRows(scope)))
    if (!row) throw notFound(OPPORTUNITY)
    await tx
      .update(partnerOpportunities)
      .set({ status, updatedAt: caller.clock.now() })
      .where(eq(partnerOpportunities.id, id))
    await audit(tx, caller, {
      action: `partners.${status === 'open' ? 'reopen' : 'close'}`,
      targetType: 'partner_opportunity',
      targetId: id,
      regionCode: row.regionCode,
    })
    return loadOpportunity(tx, scope, id)
  })
}

