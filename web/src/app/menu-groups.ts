import type { User } from '@gongfang/shared'
import { entryForPath, MENU, menuFor, type MenuEntry } from './menu'

/**
 * The side menu's sections, by menu entry key (the entries themselves stay in menu.tsx). Entries not listed
 * here go last, ungrouped, so a new page is never lost from the menu.
 */
export const MENU_GROUPS: readonly { key: string; label: string; entries: readonly string[] }[] = [
  {
    key: 'registry',
    label: 'common:menuGroups.registry',
    entries: ['workshops', 'roster', 'workers', 'enterprises', 'collectives', 'imports'],
  },
  { key: 'production', label: 'common:menuGroups.production', entries: ['orders', 'my-orders', 'day-sheet'] },
  { key: 'wages', label: 'common:menuGroups.wages', entries: ['paysheets', 'payments', 'my-wages', 'workshop-income'] },
  { key: 'monitoring', label: 'common:menuGroups.monitoring', entries: ['cockpit', 'income', 'targets', 'ratings', 'audit', 'users'] },
  {
    key: 'development',
    label: 'common:menuGroups.development',
    entries: ['training', 'talent', 'collective-income', 'profit-sharing', 'sales', 'partners'],
  },
]

/** Short menus (a worker's three pages) need no headings. */
export const GROUP_FROM = 7

export type MenuSection = { group: string | null; entries: MenuEntry[] }

/** The entries a user sees, in sections: the home first, then each group in order, then anything unlisted. */
export function sectionMenu(entries: readonly MenuEntry[]): MenuSection[] {
  if (entries.length < GROUP_FROM) return [{ group: null, entries: [...entries] }]
  const listed = new Set(MENU_GROUPS.flatMap((g) => g.entries))
  const home = entries.filter((e) => e.path === '/')
  const sections: MenuSection[] = home.length ? [{ group: null, entries: home }] : []
  for (const g of MENU_GROUPS) {
    const mine = g.entries.map((k) => entries.find((e) => e.key === k)).filter((e): e is MenuEntry => !!e)
    if (mine.length) sections.push({ group: g.label, entries: mine })
  }
  const rest = entries.filter((e) => e.path !== '/' && !listed.has(e.key))
  if (rest.length) sections.push({ group: null, entries: rest })
  return sections
}

/** One step of a breadcrumb: an i18n key, and where it leads (none for a group heading or the page itself). */
export type Crumb = { label: string; path?: string }

/**
 * A page's ancestors, from the menu's own structure: 工作台 › group › the list a detail page belongs to. The page's
 * own title is the h1 below, so a list page ends at its group and nothing is written twice. Only entries the user
 * may open become links (a worker on /workers/:id has no worker list to go back to).
 */
export function breadcrumbTrail(pathname: string, user: Pick<User, 'role'>): Crumb[] {
  const home = MENU.find((e) => e.path === '/')!
  if (pathname === '/') return [{ label: home.label }]
  const trail: Crumb[] = [{ label: home.label, path: '/' }]
  const entry = entryForPath(pathname, menuFor(user))
  if (!entry || entry.path === '/') return trail
  const group = MENU_GROUPS.find((g) => g.entries.includes(entry.key))
  if (group && menuFor(user).length >= GROUP_FROM) trail.push({ label: group.label })
  if (pathname.replace(/\/$/, '') !== entry.path) trail.push({ label: entry.label, path: entry.path })
  return trail
}
