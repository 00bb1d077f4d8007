import { z } from 'zod'
import { requiredText, component } from './common.ts'

export const ROLES = ['admin', 'staff', 'collective', 'operator', 'enterprise', 'worker'] as const
export type Role = z.infer<typeof RoleSchema>
export const RoleSchema = z.enum(ROLES)

export const LoginSchema = z.object({
  username: requiredText(64),
  password: z.string().min(1).max(256),
})

export const UserSchema = component('User', {
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  /** Root of what the user may see: staff's region; the region of an operator's, collective's or worker's place. */
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  staffLevel: z.enum(['province', 'city', 'county', 'township']).nullable(),
  enterpriseId: z.string().nullable(),
  collectiveId: z.string().nullable(),
  workerId: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  mustChangePassword: z.boolean().describe('Only POST /auth/password (and me, logout) is allowed until the password is changed'),
  /** The operations the user's role may perform (the access module's table; rows are still filtered by scope). */
  permissions: z.array(z.string()),
})
export type User = z.infer<typeof UserSchema>

export const LoginResultSchema = z.object({ token: z.string(), user: UserSchema })

/** The policy itself (length, not the username, not common) is checked on the server, in the caller's language. */
export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
})
export type PasswordChange = z.infer<typeof PasswordChangeSchema>
