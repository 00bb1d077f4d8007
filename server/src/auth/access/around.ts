import type { PermissionTable } from './rules.ts'

/** Who may do what in the around modules (role × action); the scope filters decide which rows. */
export const aroundPermissions = {} as const satisfies PermissionTable
