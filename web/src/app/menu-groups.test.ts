import { expect, test } from 'vitest'
import { MENU, menuFor } from './menu'
import { MENU_GROUPS, sectionMenu } from './menu-groups'

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
