import type { PermissionTable } from './rules.ts'

/** Who may do what in the programme modules (role × action); the scope filters decide which rows. */
export const programmePermissions = {} as const satisfies PermissionTable
