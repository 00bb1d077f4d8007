import { STAFF, type PermissionTable } from './rules.ts'

/** Who may do what in the platform modules (role × action); the scope filters decide which rows. */
export const platformPermissions = {
  'workbench.read': STAFF,
} as const satisfies PermissionTable
