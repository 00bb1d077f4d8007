import { expect, test } from 'vitest'
import { MENU, menuFor } from './menu'
import { MENU_ICONS } from './menu-icons'
import { breadcrumbTrail, MENU_GROUPS, sectionMenu } from './menu-groups'

test('every menu entry of every role appears exactly once, home first; long menus are grouped', () => {
  for (const role of ['admin', 'staff', 'operator', 'worker', 'enterprise', 'collective'] as const) {
    const entries = menuFor({ role })
    const sections = sectionMenu(entries)
    const keys = sections.flatMap((s) => s.entries.map((e) => e.key))
    expect(keys.sort()).toEqual(entries.map((e) => e.key).sort())
    expect(sections[0]!.entries[0]!.key).toBe('home')
    if (entries.length >= 7) expect(sections.filter((s) => s.group).length).toBeGreaterThanOrEqual(3)
  }
  // Group lists name real entries only (a renamed key would silently drop out of its group).
  const all = new Set(MENU.map((e) => e.key))
  expect(MENU_GROUPS.flatMap((g) => g.entries).filter((k) => !all.has(k))).toEqual([])
})

test('breadcrumbs come from the menu: home, group, and the list a detail page belongs to', () => {
  const staff = { role: 'staff' } as const
  expect(breadcrumbTrail('/', staff)).toEqual([{ label: 'common:menu.home' }])
  expect(breadcrumbTrail('/workers', staff)).toEqual([
    { label: 'common:menu.home', path: '/' },
    { label: 'common:menuGroups.registry' },
  ])
  expect(breadcrumbTrail('/workers/0b6c', staff)).toEqual([
    { label: 'common:menu.home', path: '/' },
    { label: 'common:menuGroups.registry' },
    { label: 'registry:menu.workers', path: '/workers' },
  ])
  expect(breadcrumbTrail('/orders/1/plan', staff).at(-1)).toEqual({ label: 'orders:menu.orders', path: '/orders' })
  // A worker's short menu has no groups, and no worker list to link back to.
  expect(breadcrumbTrail('/workers/0b6c', { role: 'worker' })).toEqual([{ label: 'common:menu.home', path: '/' }])
  expect(breadcrumbTrail('/my-wages', { role: 'worker' })).toEqual([{ label: 'common:menu.home', path: '/' }])
})

test('every entry shown in a menu has its icon, and every icon names a menu entry', () => {
  const shown = MENU.filter((e) => e.inMenu !== false).map((e) => e.key)
  expect(shown.filter((k) => !MENU_ICONS[k])).toEqual([])
  expect(Object.keys(MENU_ICONS).filter((k) => !shown.includes(k))).toEqual([])
})
