/**
 * Villages by name for imports: county staff know 松源街道/东门村, not 331126001200. A cell may hold the code,
 * the village's name alone, or its name after its township and/or county (separated by / ／ · > - or spaces).
 * 村委会/居委会 endings are optional on both sides. A name that fits several villages is an error listing them.
 */

export interface RegionName {
  code: string
  name: string
  level: number
  parentCode: string | null
}

export type VillageMatch = { code: string } | { candidates: string[] } | null

/**
 * The part of a village's name people always write: 东门村委会 → 东门, 城东社区居委会 → 城东社区, 新村村委会 → 新村.
 * Names are looked up with and without a trailing 村, so 东门村, 东门 and 东门村委会 are one village.
 */
export const shortName = (name: string) => name.trim().replace(/(村民委员会|村委会|居民委员会|居委会)$/, '')
const keysOf = (name: string) => [...new Set([shortName(name), shortName(name).replace(/(.)村$/, '$1')])]

const SEPARATORS = /[\s/／\\·•>＞|-]+/

export interface VillageIndex {
  resolve(text: string, inScope: (code: string) => boolean): VillageMatch
}

export function villageIndex(regions: readonly RegionName[]): VillageIndex {
  const byCode = new Map(regions.map((r) => [r.code, r]))
  const byName = new Map<string, RegionName[]>()
  for (const r of regions) {
    if (r.level !== 5) continue
    for (const k of keysOf(r.name)) {
      const list = byName.get(k)
      if (list) list.push(r)
      else byName.set(k, [r])
    }
  }
  const ancestors = (r: RegionName): RegionName[] => {
    const out: RegionName[] = []
    for (let p = r.parentCode ? byCode.get(r.parentCode) : undefined; p; p = p.parentCode ? byCode.get(p.parentCode) : undefined) out.push(p)
    return out
  }
  /** 县/乡镇/村 as people read it, with the code: what an ambiguous cell's message lists. */
  const label = (r: RegionName) => `${ancestors(r).filter((a) => a.level >= 3).reverse().map((a) => a.name).join('/')}/${r.name}（${r.code}）`
  return {
    resolve(text, inScope) {
      const parts = text.split(SEPARATORS).map((p) => p.trim()).filter(Boolean)
      const village = parts.pop()
      if (!village) return null
      const fits = (v: RegionName) => inScope(v.code) && parts.every((p) => ancestors(v).some((a) => a.name === p || shortName(a.name) === shortName(p)))
      // The exact short name first (新村 is the village 新村, not 新村村), then without a trailing 村.
      let found: RegionName[] = []
      for (const k of keysOf(village)) {
        found = [...new Set(byName.get(k) ?? [])].filter(fits)
        if (found.length) break
      }
      if (found.length === 1) return { code: found[0]!.code }
      if (found.length === 0) return null
      return { candidates: found.slice(0, 5).map(label).concat(found.length > 5 ? [`…共 ${found.length} 个`] : []) }
    },
  }
}
