import type { Role } from '@gongfang/shared'

/** Roles allowed to perform an action; row ownership is then decided by the scope filters. */
export type PermissionTable = Record<string, readonly Role[]>

export const STAFF = ['admin', 'staff'] as const satisfies readonly Role[]
/**
 * Those who run a workshop's day: its operator, staff of its region, admin. They keep its books, record its
 * facts and pay its wages; each module names what they may do with it.
 */
export const STAFF_OR_OPERATOR = ['admin', 'staff', 'operator'] as const satisfies readonly Role[]
export const ANY_USER = ['admin', 'staff', 'operator', 'enterprise', 'collective', 'worker'] as const satisfies readonly Role[]
