import type { PermissionTable } from './rules.ts'

/** Who may do what in the wages modules (role × action); the scope filters decide which rows. */
export const wagesPermissions = {} as const satisfies PermissionTable
