import type { PermissionTable } from './rules.ts'

/** Who may do what in the registry modules (role × action); the scope filters decide which rows. */
export const registryPermissions = {} as const satisfies PermissionTable
