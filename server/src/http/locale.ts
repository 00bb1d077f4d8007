import type { Context } from 'hono'

export type Locale = 'zh-CN' | 'en'

/** zh-CN unless the caller prefers English (Accept-Language or ?lang=en). */
export function localeOf(c: Context): Locale {
  const q = c.req.query('lang')
  if (q) return q.startsWith('en') ? 'en' : 'zh-CN'
  const al = c.req.header('accept-language') ?? ''
  const first = al.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'zh-CN'
}
