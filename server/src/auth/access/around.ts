/**
 * Access rules of the around modules (collective income, profit sharing, sales, tourism, partners): who
 * may act (the permission table) and which rows they see (the named helpers below). Services call these;
 * they never compare roles, inspect scope kinds or build region-prefix conditions themselves.
 */
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import {
  collectiveIncomes,
  collectiveMembers,
  collectives,
  partnerApplications,
  partnerOpportunities,
  profitSharingRuns,
  salesSessions,
  tourismRecords,
  workshops,
} from '../../db/schema/index.ts'
import { containsPattern } from '../../db/like.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import type { DbOrTx } from '../../db/client.ts'
import { scopeFilter, type Scope } from '../scope.ts'
import { ANY_USER, STAFF, STAFF_OR_OPERATOR, type PermissionTable } from './rules.ts'
import type { Caller } from '../caller.ts'

const COLLECTIVE_WRITERS = ['admin', 'staff', 'collective'] as const

/** Who may do what in the around modules (role × action); the scope filters decide which rows. */
export const aroundPermissions = {
  'around.workshop-options': ANY_USER,
  'collective-income.read': ANY_USER,
  'collective-income.book': COLLECTIVE_WRITERS,
  'collective-income.sources': COLLECTIVE_WRITERS,
  'profit-sharing.read': ANY_USER,
  'profit-sharing.write': COLLECTIVE_WRITERS,
  'sales.read': ANY_USER,
  'sales.write': STAFF_OR_OPERATOR,
  'tourism.read': ANY_USER,
  'tourism.write': STAFF_OR_OPERATOR,
  'partners.read': ANY_USER,
  'partners.publish': COLLECTIVE_WRITERS,
  'partners.apply': ['admin', 'staff', 'enterprise'],
  /** Moving an application to another stage; the enterprise may only withdraw (partnerStageAllowed). */
  'partners.stage': STAFF,
  'partners.note': ['admin', 'staff', 'collective', 'enterprise'],
} as const satisfies PermissionTable

export const COLLECTIVE = { zh: '村集体', en: 'Village collective' }

// ---------------------------------------------------------------- scoped tables

export const collectiveRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: collectives.regionCode, collectiveId: collectives.id })

export const collectiveIncomeRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: collectiveIncomes.regionCode, collectiveId: collectiveIncomes.collectiveId })

export const collectiveMemberRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: collectiveMembers.regionCode, collectiveId: collectiveMembers.collectiveId })

export const profitSharingRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: profitSharingRuns.regionCode, collectiveId: profitSharingRuns.collectiveId })

export const tourismRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: tourismRecords.regionCode, workshopId: tourismRecords.workshopId })

export const salesRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: salesSessions.regionCode, workshopId: salesSessions.workshopId })

/** Workshops for the collective economy: staff by region, operators their own, a collective its workshops. */
export const collectiveWorkshopRows = (scope: Scope) =>
  scopeFilter(scope, {
    regionCode: workshops.regionCode,
    workshopId: workshops.id,
    collectiveId: workshops.collectiveId,
  })

/** A name search for pickers (LIKE metacharacters escaped). */
export const nameContains = (col: Parameters<typeof ilike>[0], q: string): SQL => ilike(col, containsPattern(q))

// ---------------------------------------------------------------- the collective a write is for

/** The collective a collective account is bound to (null for every other scope). */
export const ownCollective = (scope: Scope): string | null => (scope.kind === 'collective' ? scope.collectiveId : null)

/**
 * The collective a write is for: a collective account always writes for its own (naming another is a
 * 404); staff and admin name one inside their scope. Shared by income booking, members and profit sharing.
 */
export async function collectiveForWrite(db: DbOrTx, scope: Scope, id: string | undefined) {
  const own = ownCollective(scope)
  if (own) {
    if (id && id !== own) throw notFound(COLLECTIVE)
    id = own
  }
  if (!id)
    throw new ProblemError(
      422,
      'validation',
      { zh: '输入有误', en: 'Invalid input' },
      { zh: 'collectiveId: 必填', en: 'collectiveId: required' },
      [{ path: 'collectiveId', message: { zh: '必填', en: 'Required' } }],
    )
  const [row] = await db
    .select({ id: collectives.id, name: collectives.name, regionCode: collectives.regionCode })
    .from(collectives)
    .where(and(eq(collectives.id, id), collectiveRows(scope)))
  if (!row) throw notFound(COLLECTIVE)
  return row
}

// ---------------------------------------------------------------- the workshop a sales or tourism record is for

const FACT_TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  ecommerce: { zh: '电商直播', en: 'e-commerce/livestream' },
  agritourism: { zh: '农旅融合', en: 'agri-tourism' },
}

/**
 * The workshop a sales or tourism record is written for: visible to the caller (an operator: their own)
 * and of the right type. Shared by the sales and tourism modules.
 */
export async function workshopForFacts(db: DbOrTx, scope: Scope, id: string, type: 'ecommerce' | 'agritourism') {
  const [w] = await db
    .select({ id: workshops.id, name: workshops.name, regionCode: workshops.regionCode, type: workshops.type })
    .from(workshops)
    .where(and(eq(workshops.id, id), collectiveWorkshopRows(scope)))
  if (!w) throw notFound({ zh: '工坊', en: 'Workshop' })
  if (w.type !== type) {
    const t = FACT_TYPE_NAMES[type]!
    throw new ProblemError(
      422,
      'workshop-type',
      { zh: `只有${t.zh}类工坊可以记录`, en: `Only ${t.en} workshops record this` },
      undefined,
      [{ path: 'workshopId', message: { zh: `不是${t.zh}类工坊`, en: `Not an ${t.en} workshop` } }],
    )
  }
  return w
}

/** Workshops of a type the caller may record for (pickers, up to 200). */
export async function workshopOptions(db: DbOrTx, scope: Scope, type: 'ecommerce' | 'agritourism', q?: string) {
  const conds = [collectiveWorkshopRows(scope), eq(workshops.type, type)]
  if (q) conds.push(nameContains(workshops.name, q))
  return db
    .select({ id: workshops.id, name: workshops.name, regionCode: workshops.regionCode, type: workshops.type })
    .from(workshops)
    .where(and(...conds))
    .orderBy(asc(workshops.regionCode), asc(workshops.name))
    .limit(200)
}

// ---------------------------------------------------------------- partners (我在浙丽有个村)

/** The enterprise an enterprise account is bound to (null for every other scope). */
export const ownEnterprise = (scope: Scope): string | null => (scope.kind === 'enterprise' ? scope.enterpriseId : null)

/**
 * Opportunities are public within the programme: any logged-in enterprise sees the open ones (and those it
 * applied to); everyone else sees what their scope covers.
 */
export function opportunityRows(scope: Scope): SQL {
  const enterpriseId = ownEnterprise(scope)
  if (enterpriseId)
    return or(
      eq(partnerOpportunities.status, 'open'),
      sql`exists (select 1 from ${partnerApplications} a where a.opportunity_id = ${partnerOpportunities.id} and a.enterprise_id = ${enterpriseId})`,
    )!
  return opportunityWritableRows(scope)
}

/** Opportunities a caller may change: the publishing collective or staff in scope (never an enterprise). */
export const opportunityWritableRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: partnerOpportunities.regionCode, collectiveId: partnerOpportunities.collectiveId })

export const applicationRows = (scope: Scope) =>
  scopeFilter(scope, {
    regionCode: partnerApplications.regionCode,
    enterpriseId: partnerApplications.enterpriseId,
    collectiveId: partnerApplications.collectiveId,
  })

/** Staff (and admin) move any open application to another stage; the enterprise may only withdraw its own. */
export const partnerStageAllowed = (caller: Pick<Caller, 'user'>, to: string) => {
  const role = caller.user?.role
  return (
    (role !== undefined && (aroundPermissions['partners.stage'] as readonly string[]).includes(role)) ||
    (role === 'enterprise' && to === 'withdrawn')
  )
}
