import { sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { paysheets, workRecords, workshops } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import type { Caller } from '../caller.ts'
import { regionInScope, scopeFilter, scopeRootRegion, type Scope } from '../scope.ts'
import type { PermissionTable } from './rules.ts'
import { ANY_USER, STAFF, STAFF_OR_OPERATOR } from './rules.ts'

/** Who may do what in the wages modules (role × action); the scope filters decide which rows. */
export const wagesPermissions = {
  // work-records
  'work-records.read': ANY_USER,
  'work-records.write': STAFF_OR_OPERATOR,
  // paysheets: rows hidden from workers and enterprises by paysheetRows()
  'paysheets.read': ANY_USER,
  'paysheets.write': STAFF_OR_OPERATOR,
  'paysheets.approve': STAFF,
  'paysheets.approval-rules': STAFF,
  // deductions: bookkeepers enter them on an open sheet; only staff approve, and never their own entry
  'paysheets.deductions.write': STAFF_OR_OPERATOR,
  'paysheets.deductions.approve': STAFF,
  // cockpit and income monitoring: staff of a region (or admin)
  'cockpit.read': STAFF,
  'income.read': STAFF,
} as const satisfies PermissionTable

type Col = AnyColumn | SQL

// ---------------------------------------------------------------------------------------------------------
// Scope columns of the wages tables, declared once.

/** Workshops the caller may see or keep books for (operator: own; staff: region; worker: where they work …). */
export const workshopRows = (scope: Scope) => scopeFilter(scope, { workshopId: workshops.id, regionCode: workshops.regionCode })

/** Work records: by workshop, village (region of the workshop) and worker. */
export const workRecordRows = (scope: Scope) =>
  scopeFilter(scope, { workshopId: workRecords.workshopId, regionCode: workRecords.regionCode, workerId: workRecords.workerId })

/** Work records as a writer sees them (corrections): by workshop and village, not by worker. */
export const workRecordWriterRows = (scope: Scope) => scopeFilter(scope, { workshopId: workRecords.workshopId, regionCode: workRecords.regionCode })

/** True when the scope may see workshop money (pay sheets, income): never workers or enterprises, even of their own workshop. */
export const seesWorkshopPay = (scope: Scope) => scope.kind !== 'worker' && scope.kind !== 'enterprise'

/** Pay sheets show every worker's pay: never to workers or enterprises. */
export const paysheetRows = (scope: Scope): SQL =>
  seesWorkshopPay(scope) ? scopeFilter(scope, { workshopId: paysheets.workshopId, regionCode: paysheets.regionCode }) : sql`false`

/** The worker a worker's scope is bound to (a worker sees their own earnings), or null for other scopes. */
export const ownWorkerId = (scope: Scope): string | null => (scope.kind === 'worker' ? scope.workerId : null)

// ---------------------------------------------------------------------------------------------------------
// Regions.

/** Rows whose region lies in the subtree of `code` (a region the caller asked about, already checked against the scope). */
export const inRegion = (col: Col, code: string): SQL => scopeFilter({ kind: 'region', regionCode: code }, { regionCode: col })

/** Rows keyed by a region that is `code` itself or one of its ancestors (rules set above a village bind it). */
export const regionOrAncestor = (col: Col, code: string): SQL => sql`${code} like ${col} || '%'`

/**
 * Approval rules a staff member sees: those in their region, and those above it that bind it.
 * Admin (scope all) sees every rule.
 */
export function approvalRuleRows(scope: Scope, col: Col): SQL {
  const own = scope.kind === 'region' ? regionOrAncestor(col, scope.regionCode) : sql`false`
  return sql`(${scopeFilter(scope, { regionCode: col })} or ${own})`
}

/** A region a staff member may configure (approval rules): inside their scope, or 404 like a missing one. */
export function ownRegion(scope: Scope, regionCode: string): string {
  if (!regionInScope(scope, regionCode)) throw notFound({ zh: '区域', en: 'Region' })
  return regionCode
}

const regionWhat = { zh: '地区', en: 'Region' }

/**
 * The region a cockpit or income reader asks about, and their root (breadcrumb top): defaults to the root;
 * only region-bound scopes browse regions; outside the scope is the same as missing (404).
 */
export function figuresRegion(caller: Pick<Caller, 'scope' | 'user'>, asked: string | undefined): { root: string; code: string } {
  const { scope } = caller
  const root = scopeRootRegion(scope, caller.user)
  if (!root || (scope.kind !== 'all' && scope.kind !== 'region')) throw notFound(regionWhat)
  const code = asked ?? root
  if (!regionInScope(scope, code)) throw notFound(regionWhat)
  return { root, code }
}

/** A deduction is approved by someone other than who entered it (four eyes on money taken from a wage). */
export function requireOtherApprover(caller: Pick<Caller, 'user'>, enteredBy: string | null): void {
  if (caller.user && enteredBy === caller.user.id)
    throw new ProblemError(403, 'self-approval', { zh: '扣款须由录入人以外的工作人员审批', en: 'A deduction must be approved by someone other than who entered it' })
}
