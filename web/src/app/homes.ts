import type { Role } from '@gongfang/shared'

/**
 * The one place the web looks at a role itself: to choose a home page and the shape of a screen (a worker's
 * elder-friendly pages, the staff desk). Whether someone may do or see something is never decided here but by
 * `useCan(action)`, from the server's access table; the server checks every request again.
 */
type Who = { role: Role } | null | undefined

export type Home = 'worker' | 'operator' | 'enterprise' | 'staff'

/** The home page a person lands on: their own work. */
export function homeOf(user: { role: Role }): Home {
  return user.role === 'worker' || user.role === 'operator' || user.role === 'enterprise' ? user.role : 'staff'
}

/**
 * Workers and operators open their home on a phone, every day, to see pay or fill the day sheet: it comes in the
 * light shell (a plain header, their pages as links), not the staff shell with its menu.
 */
export const hasLightShell = (user: Who): boolean => user?.role === 'worker' || user?.role === 'operator'

/** Workers get their own simple pages (large text, their own records) instead of the desk screens. */
export const seesWorkerPages = (user: Who): boolean => user?.role === 'worker'

/**
 * The staff desk: bulk exports of the registers. The server lets any reader export the rows they see (audited);
 * the desk offers it to staff, whose work it is.
 */
export const hasStaffDesk = (user: Who): boolean => user?.role === 'staff' || user?.role === 'admin'

/** An operator hosts training at one of their own workshops: the form asks which. */
export const hostsAtOwnWorkshop = (user: Who): boolean => user?.role === 'operator'

/**
 * Expert logins are technicians of an enterprise or a village (enterprise and worker accounts): their problem list
 * offers "take it". Whether the person is an expert of the problem's area the API decides.
 */
export const mayBeExpert = (user: Who): boolean => user?.role === 'worker' || user?.role === 'enterprise'
