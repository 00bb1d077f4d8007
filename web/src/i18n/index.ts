import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

/**
 * Translations live in one file per language and namespace: `i18n/<language>/<namespace>.ts`,
 * each `export default { key: 'text', nested: { key: 'text' } }`.
 * To add a namespace, add `zh-CN/<ns>.ts` and `en/<ns>.ts` (same keys; i18n.test.ts checks) —
 * they are picked up by the glob below, nothing else to edit. Use it with
 * `useTranslation('<ns>')` or `t('<ns>:key')`. Chinese is the default and the fallback.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'zh-CN'
const STORAGE_KEY = 'gf.locale'

type Messages = { [key: string]: string | Messages }
const files = import.meta.glob<{ default: Messages }>('./*/*.ts', { eager: true })

export const resources: Record<string, Record<string, Messages>> = {}
for (const [file, mod] of Object.entries(files)) {
  const [, lng, ns] = file.match(/^\.\/([^/]+)\/([^/]+)\.ts$/) ?? []
  if (!lng || !ns || !(LANGUAGES as readonly string[]).includes(lng)) continue
  ;(resources[lng] ??= {})[ns] = mod.default
}

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v)
}

/** The language chosen on this device, if any (set by the language switch). */
export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return isLanguage(v) ? v : null
  } catch {
    return null
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
}

/** Switches the UI language on this device; the server copy is saved by useSetLanguage(). */
export async function applyLanguage(lng: Language, persist = true): Promise<void> {
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, lng)
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }
  if (i18n.language !== lng) await i18n.changeLanguage(lng)
}

i18n.on('languageChanged', (lng) => {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn')
  document.documentElement.lang = lng
})

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  defaultNS: 'common',
  ns: Object.keys(resources[DEFAULT_LANGUAGE] ?? {}),
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
})

export default i18n
