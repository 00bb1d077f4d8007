/**
 * Access rules of the programme modules (ratings, training, targets, talent): who may act (the permission
 * table) and which rows they see (the named visibility rules below). Services call these; they never
 * compare roles, inspect scope kinds or build region-prefix conditions themselves.
 */
import { and, eq, gte, like, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { Caller } from '../caller.ts'
import {
  experts,
  improvementPlans,
  targets,
  techProblems,
  trainingSessions,
  workers,
  workshops,
} from '../../db/schema/index.ts'
import { escapeLike } from '../../db/like.ts'
import { regionInScope, scopeFilter, scopeRootRegion, type Scope } from '../scope.ts'
import type { AuthUser } from '../user.ts'
import { ANY_USER, STAFF, type PermissionTable } from './rules.ts'

const RATING_READERS = ['admin', 'staff', 'operator', 'collective'] as const

/** Who may do what in the programme modules (role × action); the scope filters decide which rows. */
export const programmePermissions = {
  'ratings.criteria.read': STAFF,
  'ratings.criteria.write': STAFF,
  'ratings.rate': STAFF,
  'ratings.read': RATING_READERS,
  'ratings.nominate': STAFF,
  'ratings.decide': STAFF,
  'ratings.plans.read': RATING_READERS,
  'ratings.plans.write': STAFF,
  'training.read': ANY_USER,
  'training.sessions.create': ['admin', 'staff', 'operator'],
  'training.sessions.manage': ['admin', 'staff', 'operator'],
  'training.enrol': ['admin', 'staff', 'operator', 'worker'],
  'targets.read': STAFF,
  'targets.write': STAFF,
  /** Staff of a county or above, within their subtree (targetMayDelete). */
  'targets.delete': STAFF,
  'targets.coverage.export': STAFF,
  'talent.read': ANY_USER,
  'talent.experts.create': STAFF,
  /** Staff of the expert's area; the expert themself is allowed by ownership (expertMayEdit). */
  'talent.experts.manage': STAFF,
  /** Unmasked expert phone numbers. */
  'talent.experts.phone': STAFF,
  'talent.problems.post': ['admin', 'staff', 'operator', 'collective'],
  /** Staff of the problem's area name an expert or record an outcome; experts act for themselves. */
  'talent.problems.assign': STAFF,
} as const satisfies PermissionTable

const isStaff = (user: AuthUser | null) => user?.role === 'staff' || user?.role === 'admin'

// ---------------------------------------------------------------- region filters the caller asks for

/** Rows whose region lies in `region`'s subtree (a filter the caller chose, not a visibility rule). */
export function inRegion(col: AnyColumn | SQL, region: string): SQL {
  return like(col as AnyColumn, `${escapeLike(region)}%`)
}

/** Rows of `region`'s subtree or of a region above it (targets and experts of higher levels apply below). */
export function inRegionOrAbove(col: AnyColumn | SQL, region: string): SQL {
  return or(inRegion(col, region), sql`${region} like ${col} || '%'`)!
}

/**
 * The region a list shows when the caller names none: the caller's own (every list defaults to it). Only
 * region-bound scopes (staff, admin) have one; operators, workers, enterprises and collectives are bound to
 * their workshops or themselves, which may lie outside their account's region (a township's sessions).
 */
export function listRegion(caller: Pick<Caller, 'scope' | 'user'>, region: string | undefined): string | undefined {
  if (region) return region
  const kind = caller.scope.kind
  return kind === 'all' || kind === 'region' ? (scopeRootRegion(caller.scope, caller.user) ?? undefined) : undefined
}

/**
 * The filters a dated list of region-coded rows takes (sales, tourism, collective incomes, training):
 * the asked region (by default the staff member's own) and a from/to range on the row's own date.
 */
export function regionAndDates(
  caller: Pick<Caller, 'scope' | 'user'>,
  cols: { region: AnyColumn; date: AnyColumn },
  q: { region?: string; from?: string; to?: string },
): SQL[] {
  const conds: SQL[] = []
  const region = listRegion(caller, q.region)
  if (region) conds.push(inRegion(cols.region, region))
  if (q.from) conds.push(gte(cols.date, q.from))
  if (q.to) conds.push(lte(cols.date, q.to))
  return conds
}

/** The region a public aggregate shows by default: a staff member's own, the province for everyone else. */
export const aggregateRegion = (caller: Pick<Caller, 'scope' | 'user'>, region: string | undefined): string =>
  listRegion(caller, region) ?? '33'

// ---------------------------------------------------------------- workshops and workers

/** Workshops a caller may see (partner enterprises see those they work with). */
export const workshopRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, partnerWorkshopId: workshops.id })

/** Workshops a caller may act for (no partner access). */
export const ownWorkshopRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id })

/** Workers a caller may act for: staff by region, operators their members, a worker themself. */
export const workerRows = (scope: Scope) => scopeFilter(scope, { regionCode: workers.regionCode, workerId: workers.id })

// ---------------------------------------------------------------- ratings

/** Ratings and nominations (raw SQL aliases carry region_code and workshop_id). */
export const ratingRows = (scope: Scope, alias: string) =>
  scopeFilter(scope, {
    regionCode: sql.raw(`${alias}.region_code`),
    workshopId: sql.raw(`${alias}.workshop_id`),
  })

export const planRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: improvementPlans.regionCode, workshopId: improvementPlans.workshopId })

/** Staff read the criteria of counties they overlap (a township's staff: their own county's). */
export function countyCriteriaVisible(caller: Pick<Caller, 'scope' | 'user'>, county: string): boolean {
  const user = caller.user
  if (user?.role !== 'staff') return regionInScope(caller.scope, county)
  const own = user.regionCode ?? ''
  return regionInScope(caller.scope, county) || (own !== '' && (county.startsWith(own) || own.startsWith(county)))
}

/** A township's staff may not change their county's criteria: the scope must cover the whole county. */
export function countyCriteriaWritable(caller: Pick<Caller, 'scope' | 'user'>, county: string): boolean {
  const user = caller.user
  if (!regionInScope(caller.scope, county)) return false
  return !(user?.role === 'staff' && (user.regionCode?.length ?? 99) > 6)
}

/** Demonstration workshops are decided at city or province level (or by an admin). */
export const decidesDemonstrations = (user: AuthUser) => !(user.role === 'staff' && (user.regionCode?.length ?? 99) > 4)

// ---------------------------------------------------------------- training

/** Same township: the 9-digit township code both regions start with. */
export function sameTownship(col: AnyColumn | SQL, regionCode: string): SQL {
  return sql`left(${col}, 9) = ${regionCode.slice(0, 9)}`
}

/**
 * Who sees a session: scope by its place or host workshop; operators and workers also see the sessions
 * held in their own township (so they can enrol).
 */
export function sessionRows(caller: Pick<Caller, 'scope' | 'user'>): SQL {
  const base = scopeFilter(caller.scope, {
    regionCode: trainingSessions.regionCode,
    workshopId: trainingSessions.workshopId,
  })
  const user = caller.user
  if (user && (user.role === 'operator' || user.role === 'worker') && user.regionCode && user.regionCode.length >= 9)
    return or(base, sameTownship(trainingSessions.regionCode, user.regionCode))!
  return base
}

/** Staff in whose scope the session lies, or the operator of its host workshop, manage it. */
export function sessionManageable(
  caller: Pick<Caller, 'scope' | 'user'>,
  s: { regionCode: string; workshopId: string | null },
): boolean {
  const scope = caller.scope
  if (caller.user?.role === 'operator')
    return scope.kind === 'operator' && !!s.workshopId && scope.workshopIds.includes(s.workshopId)
  return regionInScope(scope, s.regionCode)
}

/** Operators hold sessions only at a workshop they run; staff name a place in their region. */
export const sessionNeedsHostWorkshop = (user: AuthUser) => user.role === 'operator'

/** A session's place: inside the staff member's region (operators are bound by their workshop instead). */
export const sessionPlaceAllowed = (caller: Pick<Caller, 'scope' | 'user'>, regionCode: string) =>
  caller.user?.role === 'operator' || regionInScope(caller.scope, regionCode)

/** A session at a workshop must be in the workshop's township. */
export const inWorkshopTownship = (workshopRegion: string, regionCode: string) =>
  workshopRegion.startsWith(regionCode) || regionCode.startsWith(workshopRegion.slice(0, 9))

// ---------------------------------------------------------------- targets

/** Targets are policy, not personal data: staff see the targets of their region, below it and above it. */
export function targetRows(scope: Scope): SQL {
  const within = scopeFilter(scope, { regionCode: targets.regionCode })
  if (scope.kind !== 'region') return within
  return or(within, sql`${scope.regionCode} like ${targets.regionCode} || '%'`)!
}

/** Targets a caller may change or remove: those of their own subtree only. */
export const targetWritableRows = (scope: Scope) => scopeFilter(scope, { regionCode: targets.regionCode })

/**
 * Removing a target erases a commitment the county (or a level above) answers for, so it is for staff of a
 * county or above, within their own subtree; township staff see their targets and set figures but never remove one.
 * The list sends the answer per row (`canDelete`), so the page shows the button exactly when the API would allow it.
 */
export function targetMayDelete(caller: Pick<Caller, 'scope' | 'user'>, target: { regionCode: string }): boolean {
  if (!isStaff(caller.user)) return false
  if (caller.scope.kind === 'all') return true
  return caller.scope.kind === 'region' && caller.scope.regionCode.length <= 6 && regionInScope(caller.scope, target.regionCode)
}

// ---------------------------------------------------------------- talent

/**
 * The expert pool is shared: anyone logged in sees the experts serving their area — those based within
 * their scope and those based above it (a city's experts serve its counties).
 */
export function expertRows(caller: Pick<Caller, 'scope' | 'user'>): SQL {
  const within = scopeFilter(caller.scope, { regionCode: experts.regionCode })
  const root = scopeRootRegion(caller.scope, caller.user)
  if (!root) return within
  return or(within, sql`${root} like ${experts.regionCode} || '%'`)!
}

/** An expert's area: the region they are based in and everything below it. */
export const inExpertArea = (expert: { regionCode: string }, regionCode: string) =>
  regionCode.startsWith(expert.regionCode)

/** Scope by the workshop; an expert with a login also sees the open problems of their area and their own. */
export function problemRows(scope: Scope, me: { id: string; regionCode: string } | null): SQL {
  const base = scopeFilter(scope, { regionCode: techProblems.regionCode, workshopId: techProblems.workshopId })
  if (!me) return base
  return or(
    base,
    eq(techProblems.expertId, me.id),
    and(eq(techProblems.status, 'open'), inRegion(techProblems.regionCode, me.regionCode)),
  )!
}

/** Staff (or admin) whose scope covers the region: they manage experts and problems there. */
export const staffOfArea = (caller: Pick<Caller, 'scope' | 'user'>, regionCode: string) =>
  isStaff(caller.user) && regionInScope(caller.scope, regionCode)

/** Staff of the expert's area, or the expert themself (e.g. to set availability). */
export const expertMayEdit = (
  caller: Pick<Caller, 'scope' | 'user'>,
  expert: { userId: string | null; regionCode: string },
) => (!!caller.user && expert.userId === caller.user.id) || staffOfArea(caller, expert.regionCode)
