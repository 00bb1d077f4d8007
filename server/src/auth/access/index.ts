/**
 * THE access module: every visibility and permission rule of Gongfang lives under auth/ (this folder and
 * scope.ts). Services call authorize() as one line at the top and filter rows with the scope helpers;
 * no service compares roles, inspects scope kinds or builds region-prefix conditions itself.
 */
import { ProblemError } from '../../http/problem.ts'
import type { Caller } from '../caller.ts'
import type { AuthUser } from '../user.ts'
import { aroundPermissions } from './around.ts'
import { ordersPermissions } from './orders.ts'
import { paymentsPermissions } from './payments.ts'
import { platformPermissions } from './platform.ts'
import { programmePermissions } from './programme.ts'
import { registryPermissions } from './registry.ts'
import { wagesPermissions } from './wages.ts'

export const PERMISSIONS = {
  ...registryPermissions,
  ...ordersPermissions,
  ...wagesPermissions,
  ...programmePermissions,
  ...aroundPermissions,
  ...platformPermissions,
  ...paymentsPermissions,
} as const

export type Action = keyof typeof PERMISSIONS

const unauthenticated = () => new ProblemError(401, 'unauthenticated', { zh: '请先登录', en: 'Please log in' })
const forbiddenRole = () => new ProblemError(403, 'forbidden', { zh: '当前角色无权执行此操作', en: 'Your role may not do this' })

/** True when the caller's role may perform the action (no throw: for menus, optional fields, branches). */
export function can(caller: Pick<Caller, 'user'>, action: Action): boolean {
  const user = caller.user
  return !!user && (PERMISSIONS[action] as readonly string[]).includes(user.role)
}

/** Every operation a role may perform, for the web to show or hide actions without comparing roles itself. */
export function permissionsOf(user: Pick<AuthUser, 'role'>): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((a) => (PERMISSIONS[a] as readonly string[]).includes(user.role)).sort()
}

/** The one line at the top of a service: 401 without a login, 403 when the role may not act; returns the user. */
export function authorize(caller: Pick<Caller, 'user'>, action: Action): AuthUser {
  const user = caller.user
  if (!user) throw unauthenticated()
  if (!(PERMISSIONS[action] as readonly string[]).includes(user.role)) throw forbiddenRole()
  return user
}

/** A logged-in caller of any role (reads whose rows the scope filters decide). */
export function requireLogin(caller: Pick<Caller, 'user'>): AuthUser {
  if (!caller.user) throw unauthenticated()
  return caller.user
}

/** True when `code` lies in the subtree of `ancestor` (codes are prefixes of their descendants'). */
export const regionContains = (ancestor: string, code: string): boolean => code.startsWith(ancestor)

export { scopeFilter, regionInScope, scopeRootRegion, type Scope, type ScopeColumns } from '../scope.ts'
