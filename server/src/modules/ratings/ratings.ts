import { eq, sql, type SQL } from 'drizzle-orm'
import { systemClock, today } from '@gongfang/shared/clock'
import { DEFAULT_RATING_CRITERIA, type CriterionDef, type RatingCreate } from '@gongfang/shared/programme'
import type { PageQuery } from '@gongfang/shared'
import { audit } from '../../audit/audit.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize, type Scope } from '../../auth/access/index.ts'
import { inRegion, listRegion, ratingRows } from '../../auth/access/programme.ts'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { ratingScores, workshopRatings } from '../../db/schema/index.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { iso } from '../../db/iso.ts'
import { scopedWorkshop } from './common.ts'
import { criteriaFor } from './criteria.ts'
import { workshopMetrics } from './metrics.ts'
import { rateWorkshop } from './rating-score.ts'

const RATING = { zh: '评星记录', en: 'Rating' }

export async function rate(db: DbOrTx, caller: Caller, body: RatingCreate) {
  const user = authorize(caller, 'ratings.rate')
  const ws = await scopedWorkshop(db, caller.scope, body.workshopId)
  if (body.year > Number(callerToday(caller).slice(0, 4)))
    throw new ProblemError(422, 'future-year', { zh: '不能为未来年度评星', en: 'A future year cannot be rated' })
  const set = await criteriaFor(db, ws.regionCode.slice(0, 6))
  const manualDefs = set.criteria.filter((d) => d.kind === 'manual')
  const given = new Map(body.manual.map((m) => [m.key, m]))
  const errors: { path: string; message: { zh: string; en: string } }[] = []
  body.manual.forEach((m, i) => {
    if (!manualDefs.some((d) => d.key === m.key))
      errors.push({
        path: `json.manual.${i}.key`,
        message: { zh: '不是本县的人工评分指标', en: "Not one of the county's manual criteria" },
      })
  })
  manualDefs.forEach((d) => {
    if (d.weight > 0 && !given.has(d.key))
      errors.push({
        path: `json.manual`,
        message: { zh: `缺少“${d.labelZh}”的评分和说明`, en: `Score and note for "${d.labelEn}" missing` },
      })
  })
  if (errors.length)
    throw new ProblemError(422, 'validation', { zh: '评分有误', en: 'Invalid scores' }, undefined, errors)

  const id = await saveRating(db, caller, {
    ws,
    year: body.year,
    criteria: set.criteria,
    manual: given,
    note: body.note ?? null,
    userId: user.id,
  })
  return getRating(db, caller, id)
}

/** Computes a workshop's rating from its records and the entered manual scores, and saves it (replacing the year's). */
export async function saveRating(
  db: DbOrTx,
  caller: Caller | null,
  p: {
    ws: { id: string; regionCode: string }
    year: number
    criteria: CriterionDef[]
    manual: Map<string, { score: number; note: string }>
    note: string | null
    userId: string | null
  },
) {
  const metrics = await workshopMetrics(db, p.ws.id, p.year, today(caller?.clock ?? systemClock))
  const inputs = p.criteria.map((d) => ({
    key: d.key,
    kind: d.kind,
    direction: d.direction,
    weight: d.weight,
    fullMark: d.fullMark,
    value: d.kind === 'computed' ? metrics[d.key as keyof typeof metrics] : (p.manual.get(d.key)?.score ?? null),
  }))
  const result = rateWorkshop(inputs)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workshopRatings)
      .values({
        workshopId: p.ws.id,
        regionCode: p.ws.regionCode,
        year: p.year,
        score: result.score,
        stars: result.stars,
        note: p.note,
        ratedBy: p.userId,
      })
      .onConflictDoUpdate({
        target: [workshopRatings.workshopId, workshopRatings.year],
        set: {
          score: result.score,
          stars: result.stars,
          note: p.note,
          ratedBy: p.userId,
          ratedAt: sql`now()`,
          regionCode: p.ws.regionCode,
        },
      })
      .returning({ id: workshopRatings.id })
    await tx.delete(ratingScores).where(eq(ratingScores.ratingId, row!.id))
    await tx.insert(ratingScores).values(
      p.criteria.map((d, i) => ({
        ratingId: row!.id,
        key: d.key,
        kind: d.kind,
        weight: d.weight,
        rawValue: inputs[i]!.value,
        score: result.criteria[i]!.score,
        note: d.kind === 'manual' ? (p.manual.get(d.key)?.note ?? null) : null,
      })),
    )
    await audit(tx, caller, {
      action: 'rating.rate',
      targetType: 'workshop',
      targetId: p.ws.id,
      regionCode: p.ws.regionCode,
      detail: { year: p.year, score: result.score, stars: result.stars, metrics },
    })
    return row!.id
  })
}

interface RatingRow {
  id: string
  workshop_id: string
  workshop_name: string
  region_code: string
  region_name: string | null
  year: number
  score: number
  stars: number
  note: string | null
  rated_at: unknown
  rated_by_name: string | null
  county_rank: number
  city_rank: number
  province_rank: number
  demonstration: string | null
  total?: number
}

function ratingView(r: RatingRow) {
  return {
    id: r.id,
    workshopId: r.workshop_id,
    workshopName: r.workshop_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    year: Number(r.year),
    score: Number(r.score),
    stars: Number(r.stars),
    note: r.note,
    ratedAt: iso(r.rated_at)!,
    ratedByName: r.rated_by_name,
    countyRank: Number(r.county_rank),
    cityRank: Number(r.city_rank),
    provinceRank: Number(r.province_rank),
    demonstration: (r.demonstration as 'nominated' | 'approved' | 'rejected' | null) ?? null,
  }
}

/** Ratings with their ranks among the year's ratings of the county, city and province, filtered by scope. */
async function rankedRatings(db: DbOrTx, scope: Scope, where: SQL, page?: { limit: number; offset: number }) {
  const visible = ratingRows(scope, 'ranked')
  return queryRows<RatingRow>(
    db,
    sql`with ranked as (
          select r.*,
            rank() over (partition by r.year, left(r.region_code, 6) order by r.score desc) as county_rank,
            rank() over (partition by r.year, left(r.region_code, 4) order by r.score desc) as city_rank,
            rank() over (partition by r.year order by r.score desc) as province_rank
          from workshop_ratings r)
        select ranked.id, ranked.workshop_id, w.name as workshop_name, ranked.region_code, rg.name as region_name,
          ranked.year, ranked.score, ranked.stars, ranked.note, to_char(ranked.rated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as rated_at, u.display_name as rated_by_name,
          ranked.county_rank, ranked.city_rank, ranked.province_rank,
          (select n.status from demonstration_nominations n where n.workshop_id = ranked.workshop_id and n.year = ranked.year) as demonstration,
          count(*) over ()::int as total
        from ranked
        join workshops w on w.id = ranked.workshop_id
        left join regions rg on rg.code = ranked.region_code
        left join users u on u.id = ranked.rated_by
        where ${visible} and ${where}
        order by ranked.score desc, w.name
        ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`,
  )
}

export async function listRatings(
  db: DbOrTx,
  caller: Caller,
  q: PageQuery & { year: number; region?: string; stars?: number; maxStars?: number },
) {
  authorize(caller, 'ratings.read')
  const conds: SQL[] = [sql`ranked.year = ${q.year}`]
  const region = listRegion(caller, q.region)
  if (region) conds.push(inRegion(sql`ranked.region_code`, region))
  if (q.stars) conds.push(sql`ranked.stars = ${q.stars}`)
  if (q.maxStars) conds.push(sql`ranked.stars <= ${q.maxStars}`)
  const rows = await rankedRatings(db, caller.scope, sql.join(conds, sql` and `), pageWindow(q))
  let total = rows[0]?.total ?? 0
  if (rows.length === 0 && q.page > 1) {
    const all = await rankedRatings(db, caller.scope, sql.join(conds, sql` and `), { limit: 1, offset: 0 })
    total = all[0]?.total ?? 0
  }
  return { items: rows.map(ratingView), total: Number(total), page: q.page, pageSize: q.pageSize }
}

export async function getRating(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'ratings.read')
  const [r] = await rankedRatings(db, caller.scope, sql`ranked.id = ${id}`)
  if (!r) throw notFound(RATING)
  const county = r.region_code.slice(0, 6)
  const set = await criteriaFor(db, county)
  const defs = new Map([...DEFAULT_RATING_CRITERIA, ...set.criteria].map((d) => [d.key, d]))
  const scores = await db.select().from(ratingScores).where(eq(ratingScores.ratingId, id))
  const order = (k: string) => {
    const i = set.criteria.findIndex((d) => d.key === k)
    return i === -1 ? 999 : i
  }
  return {
    ...ratingView(r),
    scores: scores
      .sort((a, b) => order(a.key) - order(b.key))
      .map((s) => {
        const d = defs.get(s.key)
        return {
          key: s.key,
          kind: s.kind as 'computed' | 'manual',
          labelZh: d?.labelZh ?? s.key,
          labelEn: d?.labelEn ?? s.key,
          unit: d?.unit ?? 'score',
          weight: s.weight,
          rawValue: s.rawValue,
          score: s.score,
          note: s.note,
        }
      }),
  }
}
