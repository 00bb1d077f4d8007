import type { Role } from '@gongfang/shared'

export interface AuthUser {
  id: string
  username: string
  displayName: string
  role: Role
  regionCode: string | null
  enterpriseId: string | null
  collectiveId: string | null
  workerId: string | null
  locale: 'zh-CN' | 'en'
  /** A demo account outside the demo, or a reset password: only the password change (and me, logout) is allowed. */
  mustChangePassword?: boolean
}

/** Staff level follows from the length of the region code they are bound to. */
export function staffLevel(user: Pick<AuthUser, 'role' | 'regionCode'>) {
  if (user.role !== 'staff' || !user.regionCode) return null
  return ({ 2: 'province', 4: 'city', 6: 'county', 9: 'township' } as const)[user.regionCode.length as 2 | 4 | 6 | 9] ?? null
}
