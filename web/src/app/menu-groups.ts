import type { MenuEntry } from './menu'

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
