import { expect, test } from 'vitest'

// Every namespace exists in both languages with the same keys (loaded the way i18n/index.ts does).
const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true })

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  ).sort()
}

test('zh-CN and en namespaces have the same keys', () => {
  const byLng: Record<string, Record<string, string[]>> = {}
  for (const [file, mod] of Object.entries(files)) {
    const [, lng, ns] = file.match(/^\.\/([^/]+)\/([^/]+)\.json$/) ?? []
    if (lng && ns) (byLng[lng] ??= {})[ns] = keys(mod.default)
  }
  expect(Object.keys(byLng['zh-CN'] ?? {}).sort()).toEqual(Object.keys(byLng.en ?? {}).sort())
  for (const ns of Object.keys(byLng['zh-CN'] ?? {})) expect(byLng.en?.[ns], ns).toEqual(byLng['zh-CN']?.[ns])
})

test('the two word chunks of each language hold every namespace once', async () => {
  for (const lng of ['zh-CN', 'en']) {
    const all = Object.keys(files).filter((f) => f.startsWith(`./${lng}/`)).map((f) => f.slice(lng.length + 3, -'.json'.length)).sort()
    const first = Object.keys((await import(`./bundle-${lng}-first.ts`)).default as object)
    const app = Object.keys((await import(`./bundle-${lng}.ts`)).default as object)
    expect(first.filter((ns) => app.includes(ns))).toEqual([])
    expect([...first, ...app].sort()).toEqual(all)
    expect(first.sort()).toEqual(['auth', 'cockpit', 'common'])
  }
})
