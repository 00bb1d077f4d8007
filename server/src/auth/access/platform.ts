import { STAFF, type PermissionTable } from './rules.ts'

/** Who may do what in the platform modules (role × action); the scope filters decide which rows. */
export const platformPermissions = {
  'workbench.read': STAFF,
  // The global search: each kind then needs its own read permission and row rule; workers have their own pages.
  'search.read': ['admin', 'staff', 'operator', 'enterprise', 'collective'],
} as const satisfies PermissionTable
