import { asc, sql } from 'drizzle-orm'
import { REGION_LEVELS, parentCode, type PageQuery } from '@gongfang/shared'
import type { DbOrTx } from '../../db/client.ts'
import { regions } from '../../db/schema/index.ts'
import { notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'

const levelName = (n: number) => REGION_LEVELS[n - 1]!

// Qualified by hand: inside the subquery a bare "code" would mean the child's.
const hasChildren = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`

function view(r: { code: string; name: string; level: number; parentCode: string | null; hasChildren: boolean }) {
  return { code: r.code, name: r.name, level: levelName(r.level), parentCode: r.parentCode, hasChildren: Boolean(r.hasChildren) }
}

export interface RegionListQuery extends PageQuery {
  parent?: string
  q?: string
  within?: string
}

interface RegionRow {
  code: string
  name: string
  level: number
  parentCode: string | null
  hasChildren: boolean
}

/**
 * The division tree in memory (27,036 rows, loaded once per database from the table bootstrap fills): pickers and
 * searches answer without waiting on the database, which may be busy with a long report (embedded PGlite runs one
 * statement at a time). Not kept while the table is still empty.
 */
interface RegionTree {
  rows: RegionRow[]
  byCode: Map<string, RegionRow>
}
const trees = new WeakMap<object, Promise<RegionTree>>()
async function regionTree(db: DbOrTx): Promise<RegionTree> {
  let tree = trees.get(db)
  if (!tree) {
    tree = db
      .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren })
      .from(regions)
      .orderBy(asc(regions.level), asc(regions.code))
      .then((found) => {
        const rows = found.map((r) => ({ ...r, hasChildren: Boolean(r.hasChildren) }))
        return { rows, byCode: new Map(rows.map((r) => [r.code, r])) }
      })
    trees.set(db, tree)
    tree.then(
      (t) => t.rows.length || trees.delete(db),
      () => trees.delete(db),
    )
  }
  return tree
}

/** Reads the division tree into memory ahead of the first request, so the first region picker does not wait for it. */
export async function warmRegionTree(db: DbOrTx): Promise<number> {
  return (await regionTree(db)).rows.length
}

/** Regions are public reference data (national division codes): no scope filter, only `within` to narrow. */
export async function listRegions(db: DbOrTx, query: RegionListQuery) {
  const tree = (await regionTree(db)).rows
  const root = query.within ?? '33'
  // As the SQL it replaces: children of `parent`, else the root alone unless searching; a name contains `q`
  // (case-sensitive, like LIKE); `within` is a code prefix. Ordered by level, then code.
  const hits = tree.filter(
    (r) =>
      (query.parent ? r.parentCode === query.parent : query.q ? true : r.code === root) &&
      (!query.q || r.name.includes(query.q)) &&
      (!query.within || r.code.startsWith(query.within)),
  )
  const { limit, offset } = pageWindow(query)
  return { items: hits.slice(offset, offset + limit).map(view), total: hits.length, page: query.page, pageSize: query.pageSize }
}

export async function getRegion(db: DbOrTx, code: string) {
  const tree = await regionTree(db)
  const byCode = (c: string) => tree.byCode.get(c)
  const r = byCode(code)
  if (!r) throw notFound({ zh: '行政区划', en: 'Region' })
  const path: { code: string; name: string; level: ReturnType<typeof levelName> }[] = []
  for (let c: string | null = code; c; c = parentCode(c)) {
    const p = byCode(c)
    if (p) path.unshift({ code: p.code, name: p.name, level: levelName(p.level) })
  }
  return { ...view(r), path }
}
