import { useMutation } from '@tanstack/react-query'
import type { User } from '@gongfang/shared'
import { applyLanguage, isLanguage, storedLanguage, type Language } from '../i18n'
import { ME_KEY, api, ok, queryClient } from './client'

export const fetchHealth = () => api.GET('/health').then(ok)
export type Health = Awaited<ReturnType<typeof fetchHealth>>

export function useLogin() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api.POST('/auth/login', { body }).then(ok),
    onSuccess: async ({ user }) => {
      // A language picked on the login page wins and is saved to the account; otherwise the account's.
      const picked = storedLanguage()
      if (picked && picked !== user.locale) {
        user = { ...user, locale: picked }
        void api.PUT('/auth/me/locale', { body: { locale: picked } }).catch(() => undefined)
      }
      await applyLanguage(user.locale)
      queryClient.setQueryData(ME_KEY, user)
    },
  })
}

export async function logout(): Promise<void> {
  await api.POST('/auth/logout').catch(() => undefined)
  queryClient.clear()
  queryClient.setQueryData(ME_KEY, null)
}

/** Language switch: this device at once, and the account when logged in. */
export async function setLanguage(lng: Language): Promise<void> {
  await applyLanguage(lng)
  const me = queryClient.getQueryData<User | null>(ME_KEY)
  if (!me || me.locale === lng) return
  queryClient.setQueryData(ME_KEY, { ...me, locale: lng })
  await api.PUT('/auth/me/locale', { body: { locale: lng } }).catch(() => undefined)
}

/** After a reload the account's language applies (it was saved there by setLanguage). */
export function syncLanguageFromAccount(me: User | null | undefined): void {
  if (me && isLanguage(me.locale) && storedLanguage() !== me.locale) void applyLanguage(me.locale)
}
