import { maskIdNumber, maskPhone } from '@gongfang/shared'
import type { AuthUser } from '../../auth/user.ts'
import type { Scope } from '../../auth/scope.ts'

/**
 * Who sees full ID numbers and phone numbers: administrators, staff bound to a county or above
 * (for their scope — scope already limits the rows), and operators (their scope is their own
 * workshops' workers). Everyone else gets masked values; POST /workers/{id}/reveal is audited.
 */
export function seesPersonalData(user: AuthUser | null, scope: Scope): boolean {
  if (!user) return false
  if (user.role === 'admin') return scope.kind === 'all'
  if (user.role === 'staff') return scope.kind === 'region' && scope.regionCode.length <= 6
  if (user.role === 'operator') return scope.kind === 'operator'
  return false
}

export function idNumberFor(full: boolean, id: string): string {
  return full ? id : maskIdNumber(id)
}

export function phoneFor(full: boolean, phone: string | null): string | null {
  return phone == null ? null : full ? phone : maskPhone(phone)
}
