import { withinRegion } from '../../auth/access/registry.ts'
import { and, asc, count, eq, like, sql } from 'drizzle-orm'
import { REGION_LEVELS, parentCode, type PageQuery } from '@gongfang/shared'
import type { DbOrTx } from '../../db/client.ts'
import { regions } from '../../db/schema/index.ts'
import { notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { containsPattern } from '../../db/like.ts'

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

/** Regions are public reference data (national division codes): no scope filter, only `within` to narrow. */
export async function listRegions(db: DbOrTx, query: RegionListQuery) {
  const conds = []
  if (query.parent) conds.push(eq(regions.parentCode, query.parent))
  else if (!query.q) conds.push(eq(regions.code, query.within ?? '33'))
  if (query.q) conds.push(like(regions.name, containsPattern(query.q)))
  if (query.within) conds.push(withinRegion(regions.code, query.within))
  const where = and(...conds)
  const { limit, offset } = pageWindow(query)
  const [rows, [total]] = await Promise.all([
    db
      .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren })
      .from(regions)
      .where(where)
      .orderBy(asc(regions.level), asc(regions.code))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(regions).where(where),
  ])
  return { items: rows.map(view), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize }
}

export async function getRegion(db: DbOrTx, code: string) {
  const [r] = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren })
    .from(regions)
    .where(eq(regions.code, code))
  if (!r) throw notFound({ zh: '行政区划', en: 'Region' })
  const ancestors: string[] = []
  for (let p = parentCode(code); p; p = parentCode(p)) ancestors.unshift(p)
  const path = ancestors.length
    ? await db
        .select({ code: regions.code, name: regions.name, level: regions.level })
        .from(regions)
        .where(sql`${regions.code} in ${ancestors}`)
        .orderBy(asc(regions.level))
    : []
  return { ...view(r), path: [...path.map((p) => ({ ...p, level: levelName(p.level) })), { code: r.code, name: r.name, level: levelName(r.level) }] }
}
