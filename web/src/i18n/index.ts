import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'

/**
 * Translations live in one JSON file per language and namespace: `i18n/<language>/<namespace>.json`,
 * each `{ "key": "text", "nested": { "key": "text" } }`. They are data, not code: plain JSON is what translation
 * tools read and write, and the two languages' files are meant to mirror each other key for key.
 * The `codes` namespace holds the words for the codes the API sends, one map per code list; a code not listed
 * shows as itself (components/code-labels.ts).
 * To add a namespace, add `zh-CN/<ns>.json` and `en/<ns>.json` (same keys; i18n.test.ts checks) —
 * they are picked up by the glob in bundle-<language>.ts, nothing else to edit. Use it with
 * `useTranslation('<ns>')` or `t('<ns>:key')`. Chinese is the default.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'zh-CN'
const STORAGE_KEY = 'gf.locale'

import type { Messages } from './namespaces'

// Each language's words come in two chunks, fetched when first needed: `first` (common, auth, cockpit) for the
// pages outside the shell, which load nothing else, and `app`, every other namespace, which the signed-in shell
// loads before it renders (app.tsx). A page carries one language's words, not both.
export type WordPart = 'first' | 'app'
const WORDS: Record<WordPart, Record<Language, () => Promise<{ default: Record<string, Messages> }>>> = {
  first: { 'zh-CN': () => import('./bundle-zh-CN-first'), en: () => import('./bundle-en-first') },
  app: { 'zh-CN': () => import('./bundle-zh-CN'), en: () => import('./bundle-en') },
}
const wanted = new Set<WordPart>(['first'])
const loaded = new Map<string, Promise<void>>()

function loadPart(lng: Language, part: WordPart): Promise<void> {
  const key = `${lng}/${part}`
  let done = loaded.get(key)
  if (!done) {
    done = WORDS[part][lng]().then(({ default: bundle }) => {
      // Fresh namespaces: a shallow add, no deep merge to walk.
      for (const [ns, messages] of Object.entries(bundle)) i18n.addResourceBundle(lng, ns, messages, false, true)
    })
    // A failed fetch (offline, a new release) may be tried again.
    done.catch(() => loaded.delete(key))
    loaded.set(key, done)
  }
  return done
}

/** Makes sure a language's words are loaded (once) before it is shown: every part asked for so far. */
export async function loadLanguage(lng: Language): Promise<void> {
  await Promise.all([...wanted].map((part) => loadPart(lng, part)))
}

/** Loads a part of the current language's words (and of any language switched to later). */
export async function loadWords(part: WordPart): Promise<void> {
  wanted.add(part)
  // Before init has set the language, the one it is setting.
  await loadPart(isLanguage(i18n.language) ? i18n.language : initial, part)
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
  await loadLanguage(lng)
  if (i18n.language !== lng) await i18n.changeLanguage(lng)
}

// dayjs's locale follows in dayjs-locale.ts, loaded by the pages that show dates.
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng
})

const initial = storedLanguage() ?? DEFAULT_LANGUAGE

/** Resolves once the first language's words are in; main.tsx renders after it. */
export const i18nReady: Promise<unknown> = i18n
  .use(initReactI18next)
  .init({
    resources: {},
    partialBundledLanguages: true,
    lng: initial,
    // No fallback language: both have the same keys (i18n.test.ts), so only the shown one is ever fetched.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  })
  .then(() => loadLanguage(initial))
// A signed-in page asks for the shell's words at once, beside the first ones (not after them).
if (!/^\/(login|public)(\/|$)/.test(location.pathname)) void loadWords('app')

export default i18n
