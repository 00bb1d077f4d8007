import type { PermissionTable } from './rules.ts'

/** Who may do what in the platform modules (role × action); the scope filters decide which rows. */
export const platformPermissions = {} as const satisfies PermissionTable
