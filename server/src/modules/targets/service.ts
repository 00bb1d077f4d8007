import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { PageQuery } from '@gongfang/shared'
import type { TargetFigure } from '@gongfang/shared/programme'
import { audit } from '../../audit/audit.ts'
import type { Caller } from '../../auth/caller.ts'
import {
  aggregateRegion,
  inRegion,
  inRegionOrAbove,
  listRegion,
  targetMayDelete,
  targetRows,
  targetWritableRows,
} from '../../auth/access/programme.ts'
import { authorize, regionInScope } from '../../auth/access/index.ts'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { regions, targets } from '../../db/schema/index.ts'
import { figuresOf } from '../cockpit/service.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'

const REGION = { zh: '行政区划', en: 'Region' }
const round1 = (x: number) => Math.round(x * 10) / 10

// ---------------------------------------------------------------- coverage

/** Levels of the region tree by code length. */
const LEVEL_LEN = { township: 9, village: 12 } as const
const CHILD_LEN: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12 }

async function requireRegion(db: DbOrTx, code: string) {
  const [r] = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.code, code))
  if (!r) throw notFound(REGION)
  return r
}

export interface CoverageQuery extends PageQuery {
  region: string
  level: 'township' | 'village'
  missingOnly?: boolean
  mountainOnly?: boolean
}

interface CoverageSqlRow {
  code: string
  name: string
  county_code: string
  county_name: string
  mountain: boolean
  operating: number
}

/**
 * Townships (or villages) of a region with the number of operating workshops in each; "covered" = at
 * least one workshop whose status is operating now. The one definition the list, export, map and targets use.
 */
function coverageSql(q: Omit<CoverageQuery, 'page' | 'pageSize'>, tail: SQL) {
  const len = LEVEL_LEN[q.level]
  const level = q.level === 'township' ? 4 : 5
  return sql`with ws as (
      select left(region_code, ${len}) as code, count(*)::int as n
      from workshops where status = 'operating' and ${inRegion(sql`region_code`, q.region)}
      group by 1),
    rows as (
      select r.code, r.name, left(r.code, 6) as county_code, c.name as county_name,
        (mc.region_code is not null) as mountain, coalesce(ws.n, 0)::int as operating
      from regions r
      join regions c on c.code = left(r.code, 6)
      left join mountain_counties mc on mc.region_code = left(r.code, 6)
      left join ws on ws.code = r.code
      where r.level = ${level} and ${inRegion(sql`r.code`, q.region)}
        ${q.mountainOnly ? sql`and mc.region_code is not null` : sql``})
    ${tail}`
}

const coverageView = (r: CoverageSqlRow) => ({
  code: r.code,
  name: r.name,
  countyCode: r.county_code,
  countyName: r.county_name,
  mountain: Boolean(r.mountain),
  operatingWorkshops: Number(r.operating),
  covered: Number(r.operating) > 0,
})

export async function coverageList(db: DbOrTx, q: CoverageQuery) {
  await requireRegion(db, q.region)
  const { limit, offset } = pageWindow(q)
  const filter = q.missingOnly ? sql`where operating = 0` : sql``
  const [rows, [counts]] = await Promise.all([
    queryRows<CoverageSqlRow>(
      db,
      coverageSql(q, sql`select * from rows ${filter} order by code limit ${limit} offset ${offset}`),
    ),
    queryRows<{ total: number; covered: number; filtered: number }>(
      db,
      coverageSql(
        q,
        sql`select count(*)::int as total, count(*) filter (where operating > 0)::int as covered,
              count(*) filter (where ${q.missingOnly ? sql`operating = 0` : sql`true`})::int as filtered from rows`,
      ),
    ),
  ])
  return {
    items: rows.map(coverageView),
    total: Number(counts?.filtered ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    places: Number(counts?.total ?? 0),
    covered: Number(counts?.covered ?? 0),
    missing: Number(counts?.total ?? 0) - Number(counts?.covered ?? 0),
  }
}

/** The public coverage list; without a region, the caller's own (the province for the public). */
export async function listCoverage(db: DbOrTx, caller: Caller, q: Omit<CoverageQuery, 'region'> & { region?: string }) {
  return coverageList(db, { ...q, region: aggregateRegion(caller, q.region) })
}

/** Every row of the caller's region (or a region within it) for the export, no paging. */
export async function exportCoverage(
  db: DbOrTx,
  caller: Caller,
  q: Omit<CoverageQuery, 'page' | 'pageSize' | 'region'> & { region?: string },
) {
  authorize(caller, 'targets.coverage.export')
  const region = aggregateRegion(caller, q.region)
  if (!regionInScope(caller.scope, region)) throw notFound(REGION)
  return { region, rows: await coverageAll(db, { ...q, region }) }
}

/** Every row (for the export), no paging. */
export async function coverageAll(db: DbOrTx, q: Omit<CoverageQuery, 'page' | 'pageSize'>) {
  await requireRegion(db, q.region)
  const filter = q.missingOnly ? sql`where operating = 0` : sql``
  const rows = await queryRows<CoverageSqlRow>(db, coverageSql(q, sql`select * from rows ${filter} order by code`))
  return rows.map(coverageView)
}

/** Per child region: townships and villages covered, operating workshops; what the cockpit map colours. */
export async function coverageMap(db: DbOrTx, region: string) {
  const root = await requireRegion(db, region)
  const childLen = CHILD_LEN[region.length]
  const base = sql`with ws as (
        select region_code from workshops where status = 'operating' and ${inRegion(sql`region_code`, region)}),
      t as (
        select r.code, (x.code is not null) as covered from regions r
        left join (select distinct left(region_code, 9) as code from ws) x on x.code = r.code
        where r.level = 4 and ${inRegion(sql`r.code`, region)}),
      v as (
        select r.code, (x.code is not null) as covered from regions r
        left join (select distinct region_code as code from ws) x on x.code = r.code
        where r.level = 5 and ${inRegion(sql`r.code`, region)})`
  const total = (
    await queryRows<Record<string, number>>(
      db,
      sql`${base} select (select count(*) from t)::int as townships, (select count(*) from t where covered)::int as covered_t,
          (select count(*) from v)::int as villages, (select count(*) from v where covered)::int as covered_v,
          (select count(*) from ws)::int as operating`,
    )
  )[0]!
  const children = childLen
    ? await queryRows<Record<string, unknown>>(
        db,
        sql`${base},
            tt as (select left(code, ${childLen}) as code, count(*) as n, count(*) filter (where covered) as c from t group by 1),
            vv as (select left(code, ${childLen}) as code, count(*) as n, count(*) filter (where covered) as c from v group by 1),
            ww as (select left(region_code, ${childLen}) as code, count(*) as n from ws group by 1)
            select r.code, r.name, (length(r.code) >= 6 and mc.region_code is not null) as mountain,
              coalesce(tt.n, 0)::int as townships, coalesce(tt.c, 0)::int as covered_t,
              coalesce(vv.n, 0)::int as villages, coalesce(vv.c, 0)::int as covered_v, coalesce(ww.n, 0)::int as operating
            from regions r
            left join mountain_counties mc on mc.region_code = left(r.code, 6)
            left join tt on tt.code = r.code left join vv on vv.code = r.code left join ww on ww.code = r.code
            where r.parent_code = ${region} order by r.code`,
      )
    : []
  const [m] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`mountain_counties`)
    .where(sql`region_code = left(${region}, 6) and length(${region}) >= 6`)
  const view = (code: string, name: string, mountain: boolean, r: Record<string, unknown>) => {
    const townships = Number(r.townships)
    const coveredTownships = Number(r.covered_t)
    return {
      code,
      name,
      mountain,
      townships,
      coveredTownships,
      villages: Number(r.villages),
      coveredVillages: Number(r.covered_v),
      operatingWorkshops: Number(r.operating),
      townshipCoveragePct: townships ? round1((coveredTownships / townships) * 100) : 0,
    }
  }
  return {
    region,
    total: view(region, root.name, Number(m?.n) > 0, total),
    children: children.map((r) => view(String(r.code), String(r.name), Boolean(r.mountain), r)),
  }
}

export async function mountainCountyList(db: DbOrTx) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with ws as (select distinct left(region_code, 9) as code from workshops where status = 'operating')
        select mc.region_code as code, mc.name, city.name as city_name,
          (select count(*) from regions t where t.level = 4 and t.parent_code = mc.region_code)::int as townships,
          (select count(*) from regions t join ws on ws.code = t.code where t.level = 4 and t.parent_code = mc.region_code)::int as covered
        from mountain_counties mc left join regions city on city.code = left(mc.region_code, 4)
        order by mc.region_code`,
  )
  return rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    cityName: (r.city_name as string | null) ?? null,
    townships: Number(r.townships),
    coveredTownships: Number(r.covered),
  }))
}

// ---------------------------------------------------------------- targets

/** The live value of a figure in a region: operating workshops and coverage now, people in the target's year. */
export async function actualValue(db: DbOrTx, region: string, year: number, figure: TargetFigure): Promise<number> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const one = async (q: SQL) => Number((await queryRows<{ v: unknown }>(db, q))[0]?.v ?? 0)
  switch (figure) {
    case 'operating_workshops':
      return one(
        sql`select count(*)::int as v from workshops where status = 'operating' and ${inRegion(sql`region_code`, region)}`,
      )
    case 'workers_employed':
    case 'low_income_employed': {
      // The cockpit's person counts for the year, from its roll-ups (a province year is tens of millions of lines).
      const f = await figuresOf(db, region, { from: `${year}-01`, to: `${year}-12`, a: year * 12, b: year * 12 + 11 })
      return figure === 'workers_employed' ? f.workersEmployed : f.lowIncomeEmployed
    }
    case 'trained_workers':
      return one(sql`select count(distinct worker_id)::int as v from training_attendances
          where ${inRegion(sql`region_code`, region)} and attended_on between ${from} and ${to}`)
    case 'township_coverage_pct':
    case 'mountain_township_coverage_pct': {
      const c = await coverageList(db, {
        region,
        level: 'township',
        page: 1,
        pageSize: 1,
        mountainOnly: figure === 'mountain_township_coverage_pct',
      })
      return c.places ? round1((c.covered / c.places) * 100) : 0
    }
  }
}

export async function listTargets(db: DbOrTx, caller: Caller, q: PageQuery & { region?: string; year?: number }) {
  authorize(caller, 'targets.read')
  const conds: SQL[] = [targetRows(caller.scope)]
  const region = listRegion(caller, q.region)
  if (region) conds.push(inRegionOrAbove(targets.regionCode, region))
  if (q.year) conds.push(eq(targets.year, q.year))
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [rows, [n]] = await Promise.all([
    db
      .select({ t: targets, regionName: regions.name })
      .from(targets)
      .leftJoin(regions, eq(regions.code, targets.regionCode))
      .where(where)
      .orderBy(sql`${targets.year} desc`, sql`length(${targets.regionCode})`, targets.regionCode, targets.figure)
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(targets)
      .where(where),
  ])
  const items = []
  for (const r of rows) items.push(await targetView(db, caller, r.t, r.regionName))
  return { items, total: Number(n?.n ?? 0), page: q.page, pageSize: q.pageSize }
}

async function targetView(db: DbOrTx, caller: Caller, t: typeof targets.$inferSelect, regionName: string | null) {
  const actual = await actualValue(db, t.regionCode, t.year, t.figure as TargetFigure)
  return {
    id: t.id,
    regionCode: t.regionCode,
    regionName,
    year: t.year,
    figure: t.figure as TargetFigure,
    value: t.value,
    note: t.note,
    actual,
    progressPct: t.value > 0 ? round1((actual / t.value) * 100) : 100,
    canDelete: targetMayDelete(caller, t),
  }
}

export async function upsertTarget(
  db: DbOrTx,
  caller: Caller,
  body: { regionCode: string; year: number; figure: TargetFigure; value: number; note?: string },
) {
  const user = authorize(caller, 'targets.write')
  if (!regionInScope(caller.scope, body.regionCode)) throw notFound(REGION)
  const region = await requireRegion(db, body.regionCode)
  if (body.figure.endsWith('_pct') && body.value > 100)
    throw new ProblemError(
      422,
      'validation',
      { zh: '百分比不能超过 100', en: 'A percentage cannot exceed 100' },
      undefined,
      [{ path: 'json.value', message: { zh: '不能超过 100', en: 'At most 100' } }],
    )
  const row = await db.transaction(async (tx) => {
    const [t] = await tx
      .insert(targets)
      .values({ ...body, note: body.note ?? null, createdBy: user.id })
      .onConflictDoUpdate({
        target: [targets.regionCode, targets.year, targets.figure],
        set: { value: body.value, note: body.note ?? null, updatedAt: sql`now()`, createdBy: user.id },
      })
      .returning()
    await audit(tx, caller, {
      action: 'target.upsert',
      targetType: 'target',
      targetId: t!.id,
      regionCode: body.regionCode,
      detail: body,
    })
    return t!
  })
  return targetView(db, caller, row, region.name)
}

export async function deleteTarget(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'targets.delete')
  const [t] = await db
    .select()
    .from(targets)
    .where(and(eq(targets.id, id), targetWritableRows(caller.scope)))
  if (!t) throw notFound({ zh: '目标', en: 'Target' })
  if (!targetMayDelete(caller, t))
    throw new ProblemError(403, 'forbidden', {
      zh: '乡镇（街道）工作人员不能删除目标，请联系县级工作专班',
      en: 'Township staff may not remove a target; ask the county team',
    })
  await db.transaction(async (tx) => {
    await tx.delete(targets).where(eq(targets.id, id))
    await audit(tx, caller, {
      action: 'target.delete',
      targetType: 'target',
      targetId: id,
      regionCode: t.regionCode,
      detail: { figure: t.figure, year: t.year, value: t.value },
    })
  })
}
