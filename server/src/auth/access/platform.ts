import { auditLog, staffNotices } from '../../db/schema/index.ts'
import { scopeFilter, type Scope } from '../scope.ts'
import { ANY_USER, STAFF, type PermissionTable } from './rules.ts'

/** Who may do what in the platform modules (role × action); the scope filters decide which rows. */
export const platformPermissions = {
  'workbench.read': STAFF,
  // Notices to a region's staff (someone past the reveal limit): county staff and above see their counties'.
  'notices.read': STAFF,
  // A worker sees who looked at their record.
  'me.views': ['worker'],
  // The audit log: admin all of it, staff what happened to the data of their region.
  'audit.read': STAFF,
  // The global search: each kind then needs its own read permission and row rule; workers have their own pages.
  'search.read': ['admin', 'staff', 'operator', 'enterprise', 'collective'],
  // Accounts: the administrator lists them, resets a password (a forced change follows) and disables one.
  'users.manage': ['admin'],
  // Everyone sees and ends their own sessions (devices where they are logged in).
  'sessions.own': ANY_USER,
} as const satisfies PermissionTable

/** Notices a staff member sees: those addressed to their region or a region below it. */
export const noticeRows = (scope: Scope) => scopeFilter(scope, { regionCode: staffNotices.regionCode })

/** Audit rows a staff member sees: those about their region or a region below it (admin: all). */
export const auditRows = (scope: Scope) => scopeFilter(scope, { regionCode: auditLog.regionCode })

/** The region an audited read is filed under when the data has none of its own: the reader's (so their superiors see it). */
export const readerRegionOf = (caller: { user: { regionCode: string | null } | null }): string | null => caller.user?.regionCode ?? null
