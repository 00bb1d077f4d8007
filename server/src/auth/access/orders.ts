import type { PermissionTable } from './rules.ts'

/** Who may do what in the orders modules (role × action); the scope filters decide which rows. */
export const ordersPermissions = {} as const satisfies PermissionTable
