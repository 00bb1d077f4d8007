import { and, inArray, like, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { collectives, enterprises, workers, workshops } from '../../db/schema/index.ts'
import type { Caller } from '../caller.ts'
import { regionInScope, scopeFilter, type Scope } from '../scope.ts'
import { ANY_USER, STAFF, STAFF_OR_OPERATOR, type PermissionTable } from './rules.ts'

/** Who may do what in the registry modules (role × action); the scope filters decide which rows. */
export const registryPermissions = {
  'workshops.read': ANY_USER,
  'workshops.create': STAFF,
  'workshops.update': STAFF_OR_OPERATOR,
  'workshops.status': STAFF,
  'workshops.roster': STAFF_OR_OPERATOR,
  'workers.read': ANY_USER,
  'workers.create': STAFF,
  'workers.update': STAFF_OR_OPERATOR,
  'workers.low-income': STAFF_OR_OPERATOR,
  // Anyone who can see the worker (the scope decides; others get 404); audited with a reason.
  'workers.reveal': ANY_USER,
  'enterprises.read': ANY_USER,
  'enterprises.create': STAFF,
  'enterprises.update': ['admin', 'staff', 'enterprise'],
  'collectives.read': ANY_USER,
  'collectives.create': STAFF,
  'collectives.update': STAFF,
  'imports.run': STAFF,
  'jobs.read': ANY_USER,
  // Everyone else reads their own jobs only.
  'jobs.read-any': ['admin'],
} as const satisfies PermissionTable

// ---------------------------------------------------------------------------------------------
// Scope columns of the registry tables, declared once
// ---------------------------------------------------------------------------------------------

/**
 * The workshops table: its region, itself (operator; a worker through membership), its collective, and
 * the enterprises that partner with it. Every registry module filters workshops with this.
 */
export const workshopRows = (scope: Scope) =>
  scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId, partnerWorkshopId: workshops.id })

/** Workers: by village, or themself; operators see the members of their workshops. */
export const workerRows = (scope: Scope) => scopeFilter(scope, { regionCode: workers.regionCode, workerId: workers.id })

export const enterpriseRows = (scope: Scope) => scopeFilter(scope, { regionCode: enterprises.regionCode, enterpriseId: enterprises.id })

export const collectiveRows = (scope: Scope) => scopeFilter(scope, { regionCode: collectives.regionCode, collectiveId: collectives.id })

/** A list filter "in this region's subtree" (`?region=`); codes are digits, anything else matches nothing. */
export const withinRegion = (column: AnyColumn, code: string): SQL => (/^\d+$/.test(code) ? like(column, `${code}%`) : sql`false`)

/** Collectives a workshop may be attached to: those in the caller's region (no own-record rule). */
export const collectivesAssignable = (scope: Scope) => scopeFilter(scope, { regionCode: collectives.regionCode })

// ---------------------------------------------------------------------------------------------
// Where a caller may place a record
// ---------------------------------------------------------------------------------------------

/** Township of a 12-digit village code (省2 市2 县2 乡镇3 村3). */
const townshipOf = (villageCode: string) => villageCode.slice(0, 9)

/**
 * Whether the caller may put a worker in this village. Staff and admin: anywhere in their region.
 * An operator: only in the township of one of their own workshops (people join a workshop near home;
 * an operator must not move a worker into another county's books).
 */
export async function workerVillageAllowed(db: DbOrTx, caller: Pick<Caller, 'scope'>, villageCode: string): Promise<boolean> {
  const scope = caller.scope
  if (scope.kind !== 'operator') return regionInScope(scope, villageCode)
  if (scope.workshopIds.length === 0 || !/^\d{12}$/.test(villageCode)) return false
  const [hit] = await db
    .select({ id: workshops.id })
    .from(workshops)
    .where(and(inArray(workshops.id, scope.workshopIds), like(workshops.regionCode, `${townshipOf(villageCode)}%`)))
    .limit(1)
  return !!hit
}

/** Regions where the caller may register a workshop, enterprise or collective. */
export const registryRegionAllowed = (caller: Pick<Caller, 'scope'>, regionCode: string) => regionInScope(caller.scope, regionCode)

// ---------------------------------------------------------------------------------------------
// Which fields a caller may change (the role may edit, but not everything)
// ---------------------------------------------------------------------------------------------

const OPERATOR_WORKSHOP_FIELDS: ReadonlySet<string> = new Set(['address', 'lng', 'lat', 'floorAreaM2', 'dailyCapacity', 'workerPlaces', 'skills', 'photos'])
const ENTERPRISE_OWN_FIELDS: ReadonlySet<string> = new Set(['contactName', 'contactPhone', 'industry'])

/** Fields of a workshop the caller may change: the operator the practical ones; staff/admin all (null). */
export const workshopFieldsEditable = (caller: Pick<Caller, 'scope'>): ReadonlySet<string> | null =>
  caller.scope.kind === 'operator' ? OPERATOR_WORKSHOP_FIELDS : null

/** Fields of an enterprise the caller may change: the enterprise its contact details; staff/admin all (null). */
export const enterpriseFieldsEditable = (caller: Pick<Caller, 'scope'>): ReadonlySet<string> | null =>
  caller.scope.kind === 'enterprise' ? ENTERPRISE_OWN_FIELDS : null

// ---------------------------------------------------------------------------------------------
// Personal numbers
// ---------------------------------------------------------------------------------------------

/**
 * Who sees an enterprise contact's phone in full: administrators, staff bound to a county or above (for their
 * scope) and operators. Workers' numbers are another matter: see workerNumbersInFull.
 */
export function seesPersonalData(caller: Pick<Caller, 'user' | 'scope'>): boolean {
  const { user, scope } = caller
  if (!user) return false
  if (user.role === 'admin') return scope.kind === 'all'
  if (user.role === 'staff') return scope.kind === 'region' && scope.regionCode.length <= 6
  if (user.role === 'operator') return scope.kind === 'operator'
  return false
}

/**
 * Workers' ID and phone numbers are masked for every role in every list, read, roster and export (PIPL:
 * sensitive personal information; GB/T 35273: de-identify what screens and files show): full numbers one person
 * at a time through the audited reveal, in bulk only in the bank file and wage ledger the wage law requires.
 */
export const workerNumbersInFull = (_caller: Pick<Caller, 'user' | 'scope'>): boolean => false

/**
 * Who may find a worker by a full or last-four number (exact, through the blind indexes; the answer stays
 * masked): the callers who hold the numbers on paper anyway: admin, county staff and above, operators. A
 * township member searching by number would confirm digits they were never shown.
 */
export const searchesWorkersByNumber = (caller: Pick<Caller, 'user' | 'scope'>): boolean => seesPersonalData(caller)

// ---------------------------------------------------------------------------------------------
// Sensitive facts (necessity)
// ---------------------------------------------------------------------------------------------

/** The person a view shows, and the workshop the view reaches them through (roster, day sheet, work line). */
export interface FactsSubject {
  workerId: string
  /** The person's own village. */
  regionCode: string
  workshopId?: string
}

/**
 * Who sees a person's disability grade and low-income status (PIPL: sensitive, shown only where needed):
 * administrators, staff whose region holds the person's village, the operator of the workshop the view reaches
 * the person through, and the person. Enterprises, collectives, fellow workers and staff of other regions get
 * null (counts and shares stay). Without a workshop the row came through workerRows, which gives an operator
 * only the members of their own workshops.
 */
export function seesSensitiveFacts(caller: Pick<Caller, 'scope'>, s: FactsSubject): boolean {
  const scope = caller.scope
  switch (scope.kind) {
    case 'all':
      return true
    case 'region':
      return regionInScope(scope, s.regionCode)
    case 'operator':
      return s.workshopId === undefined || scope.workshopIds.includes(s.workshopId)
    case 'worker':
      return scope.workerId === s.workerId
    default:
      return false
  }
}
