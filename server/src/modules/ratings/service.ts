import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import {
  COMPUTED_CRITERIA,
  DEFAULT_RATING_CRITERIA,
  DEMONSTRATION_MIN_STARS,
  type CriteriaSet,
  type CriteriaUpdate,
  type CriterionDef,
  type RatingCreate,
} from '@gongfang/shared/programme'
import type { PageQuery } from '@gongfang/shared'
import { audit } from '../../audit/audit.ts'
import { regionInScope, scopeFilter, type Scope } from '../../auth/scope.ts'
import { requireRole } from '../../auth/middleware.ts'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import {
  demonstrationNominations,
  improvementFollowUps,
  improvementPlans,
  ratingCriteria,
  ratingScores,
  workshopRatings,
  workshops,
} from '../../db/schema/index.ts'
import type { AppEnv } from '../../http/env.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { workshopMetrics } from './metrics.ts'
import { rateWorkshop } from './rating-score.ts'

type C = Context<AppEnv>

export const today = () => new Date().toISOString().slice(0, 10)
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v))
const WORKSHOP = { zh: '工坊', en: 'Workshop' }
const RATING = { zh: '评星记录', en: 'Rating' }

/** A workshop the caller may see (404 otherwise — same as missing). */
export async function scopedWorkshop(db: DbOrTx, scope: Scope, id: string) {
  const [w] = await db
    .select({
      id: workshops.id,
      name: workshops.name,
      regionCode: workshops.regionCode,
      status: workshops.status,
      operatorUserId: workshops.operatorUserId,
    })
    .from(workshops)
    .where(
      and(
        eq(workshops.id, id),
        scopeFilter(scope, {
          regionCode: workshops.regionCode,
          workshopId: workshops.id,
          partnerWorkshopId: workshops.id,
        }),
      ),
    )
  if (!w) throw notFound(WORKSHOP)
  return w
}

// ---------------------------------------------------------------- criteria

export async function criteriaFor(db: DbOrTx, county: string): Promise<CriteriaSet> {
  const rows = await db
    .select()
    .from(ratingCriteria)
    .where(eq(ratingCriteria.regionCode, county))
    .orderBy(asc(ratingCriteria.key))
  if (rows.length === 0) return { county, configured: false, criteria: DEFAULT_RATING_CRITERIA.map((c) => ({ ...c })) }
  const byKey = new Map(rows.map((r) => [r.key, r]))
  // Computed criteria first, in their canonical order; then the county's manual ones.
  const criteria: CriterionDef[] = []
  for (const def of COMPUTED_CRITERIA) {
    const r = byKey.get(def.key)
    criteria.push(
      r
        ? { ...def, weight: r.weight, fullMark: r.fullMark ?? def.fullMark, labelZh: r.labelZh, labelEn: r.labelEn }
        : { ...def, weight: 0 },
    )
  }
  for (const r of rows)
    if (r.kind === 'manual')
      criteria.push({
        key: r.key,
        kind: 'manual',
        direction: 'higher',
        unit: 'score',
        weight: r.weight,
        fullMark: null,
        labelZh: r.labelZh,
        labelEn: r.labelEn,
      })
  return { county, configured: true, criteria }
}

function requireCountyInScope(c: C, county: string) {
  const user = requireRole(c, 'staff', 'admin')
  // A township's staff may not change their county's criteria: the scope must cover the whole county.
  if (!regionInScope(c.var.scope, county) || (user.role === 'staff' && (user.regionCode?.length ?? 99) > 6))
    throw notFound({ zh: '县', en: 'County' })
}

export async function putCriteria(c: C, county: string, body: CriteriaUpdate): Promise<CriteriaSet> {
  requireCountyInScope(c, county)
  const errors: { path: string; message: { zh: string; en: string } }[] = []
  const seen = new Set<string>()
  const defs = new Map(DEFAULT_RATING_CRITERIA.map((d) => [d.key, d]))
  body.criteria.forEach((cr, i) => {
    if (seen.has(cr.key))
      errors.push({ path: `json.criteria.${i}.key`, message: { zh: '重复的指标', en: 'Duplicate criterion' } })
    seen.add(cr.key)
    const def = defs.get(cr.key)
    if (def?.kind === 'computed' && !(cr.fullMark ?? def.fullMark))
      errors.push({
        path: `json.criteria.${i}.fullMark`,
        message: { zh: '自动计算指标需要满分值', en: 'A computed criterion needs a full mark' },
      })
    if (!def && (!cr.labelZh || !cr.labelEn))
      errors.push({
        path: `json.criteria.${i}.labelZh`,
        message: { zh: '自定义指标需要中英文名称', en: 'A custom criterion needs Chinese and English labels' },
      })
  })
  if (body.criteria.reduce((a, cr) => a + cr.weight, 0) <= 0)
    errors.push({
      path: 'json.criteria',
      message: { zh: '权重之和必须大于 0', en: 'The weights must add up to more than 0' },
    })
  if (errors.length)
    throw new ProblemError(422, 'validation', { zh: '评星指标有误', en: 'Invalid rating criteria' }, undefined, errors)
  await c.var.db.transaction(async (tx) => {
    await tx.delete(ratingCriteria).where(eq(ratingCriteria.regionCode, county))
    await tx.insert(ratingCriteria).values(
      body.criteria.map((cr) => {
        const def = defs.get(cr.key)
        return {
          regionCode: county,
          key: cr.key,
          kind: def?.kind ?? 'manual',
          weight: cr.weight,
          fullMark: def?.kind === 'computed' ? (cr.fullMark ?? def.fullMark) : null,
          labelZh: cr.labelZh ?? def!.labelZh,
          labelEn: cr.labelEn ?? def!.labelEn,
          updatedBy: c.var.user!.id,
        }
      }),
    )
    await audit(tx, c.var.caller, {
      action: 'rating-criteria.update',
      targetType: 'region',
      targetId: county,
      regionCode: county,
      detail: { criteria: body.criteria },
    })
  })
  return criteriaFor(c.var.db, county)
}

// ---------------------------------------------------------------- rating

export async function rate(c: C, body: RatingCreate) {
  requireRole(c, 'staff', 'admin')
  const db = c.var.db
  const ws = await scopedWorkshop(db, c.var.scope, body.workshopId)
  if (body.year > Number(today().slice(0, 4)))
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

  const id = await saveRating(db, c, {
    ws,
    year: body.year,
    criteria: set.criteria,
    manual: given,
    note: body.note ?? null,
    userId: c.var.user!.id,
  })
  return getRating(c, id)
}

/** Computes a workshop's rating from its records and the entered manual scores, and saves it (replacing the year's). */
export async function saveRating(
  db: DbOrTx,
  c: C | null,
  p: {
    ws: { id: string; regionCode: string }
    year: number
    criteria: CriterionDef[]
    manual: Map<string, { score: number; note: string }>
    note: string | null
    userId: string | null
  },
) {
  const metrics = await workshopMetrics(db, p.ws.id, p.year, today())
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
    await audit(tx, c?.var.caller ?? null, {
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
  const visible = scopeFilter(scope, { regionCode: sql`ranked.region_code`, workshopId: sql`ranked.workshop_id` })
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
  c: C,
  q: PageQuery & { year: number; region?: string; stars?: number; maxStars?: number },
) {
  requireRole(c, 'staff', 'admin', 'operator', 'collective')
  const conds: SQL[] = [sql`ranked.year = ${q.year}`]
  if (q.region) conds.push(sql`ranked.region_code like ${q.region + '%'}`)
  if (q.stars) conds.push(sql`ranked.stars = ${q.stars}`)
  if (q.maxStars) conds.push(sql`ranked.stars <= ${q.maxStars}`)
  const rows = await rankedRatings(c.var.db, c.var.scope, sql.join(conds, sql` and `), pageWindow(q))
  let total = rows[0]?.total ?? 0
  if (rows.length === 0 && q.page > 1) {
    const all = await rankedRatings(c.var.db, c.var.scope, sql.join(conds, sql` and `), { limit: 1, offset: 0 })
    total = all[0]?.total ?? 0
  }
  return { items: rows.map(ratingView), total: Number(total), page: q.page, pageSize: q.pageSize }
}

export async function getRating(c: C, id: string) {
  requireRole(c, 'staff', 'admin', 'operator', 'collective')
  const [r] = await rankedRatings(c.var.db, c.var.scope, sql`ranked.id = ${id}`)
  if (!r) throw notFound(RATING)
  const county = r.region_code.slice(0, 6)
  const set = await criteriaFor(c.var.db, county)
  const defs = new Map([...DEFAULT_RATING_CRITERIA, ...set.criteria].map((d) => [d.key, d]))
  const scores = await c.var.db.select().from(ratingScores).where(eq(ratingScores.ratingId, id))
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

// ---------------------------------------------------------------- demonstration workshops

interface NominationRow {
  id: string
  workshop_id: string
  workshop_name: string
  region_code: string
  year: number
  reason: string
  status: string
  stars: number | null
  score: number | null
  nominated_at: unknown
  nominated_by_name: string | null
  decided_at: unknown
  decided_by_name: string | null
  decision_note: string | null
  total?: number
}

async function nominationRows(db: DbOrTx, scope: Scope, where: SQL, page?: { limit: number; offset: number }) {
  const visible = scopeFilter(scope, { regionCode: sql`n.region_code`, workshopId: sql`n.workshop_id` })
  return queryRows<NominationRow>(
    db,
    sql`select n.id, n.workshop_id, w.name as workshop_name, n.region_code, n.year, n.reason, n.status,
          r.stars, r.score, to_char(n.nominated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as nominated_at, nu.display_name as nominated_by_name, to_char(n.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as decided_at,
          du.display_name as decided_by_name, n.decision_note, count(*) over ()::int as total
        from demonstration_nominations n
        join workshops w on w.id = n.workshop_id
        left join workshop_ratings r on r.workshop_id = n.workshop_id and r.year = n.year
        left join users nu on nu.id = n.nominated_by
        left join users du on du.id = n.decided_by
        where ${visible} and ${where}
        order by n.year desc, r.score desc nulls last, w.name
        ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`,
  )
}

const nominationView = (r: NominationRow) => ({
  id: r.id,
  workshopId: r.workshop_id,
  workshopName: r.workshop_name,
  regionCode: r.region_code,
  year: Number(r.year),
  reason: r.reason,
  status: r.status as 'nominated' | 'approved' | 'rejected',
  stars: r.stars == null ? null : Number(r.stars),
  score: r.score == null ? null : Number(r.score),
  nominatedAt: iso(r.nominated_at)!,
  nominatedByName: r.nominated_by_name,
  decidedAt: iso(r.decided_at),
  decidedByName: r.decided_by_name,
  decisionNote: r.decision_note,
})

export async function listNominations(c: C, q: PageQuery & { year?: number; region?: string; status?: string }) {
  requireRole(c, 'staff', 'admin', 'operator', 'collective')
  const conds: SQL[] = [sql`true`]
  if (q.year) conds.push(sql`n.year = ${q.year}`)
  if (q.region) conds.push(sql`n.region_code like ${q.region + '%'}`)
  if (q.status) conds.push(sql`n.status = ${q.status}`)
  const rows = await nominationRows(c.var.db, c.var.scope, sql.join(conds, sql` and `), pageWindow(q))
  return { items: rows.map(nominationView), total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize }
}

async function getNomination(c: C, id: string) {
  const [r] = await nominationRows(c.var.db, c.var.scope, sql`n.id = ${id}`)
  if (!r) throw notFound({ zh: '示范工坊推荐', en: 'Nomination' })
  return nominationView(r)
}

export async function nominate(c: C, body: { workshopId: string; year: number; reason: string }) {
  requireRole(c, 'staff', 'admin')
  const db = c.var.db
  const ws = await scopedWorkshop(db, c.var.scope, body.workshopId)
  const [rating] = await db
    .select({ stars: workshopRatings.stars })
    .from(workshopRatings)
    .where(and(eq(workshopRatings.workshopId, ws.id), eq(workshopRatings.year, body.year)))
  if (!rating || rating.stars < DEMONSTRATION_MIN_STARS)
    throw new ProblemError(422, 'not-eligible', {
      zh: `推荐示范工坊需当年评星不低于 ${DEMONSTRATION_MIN_STARS} 星`,
      en: `A demonstration workshop needs a rating of at least ${DEMONSTRATION_MIN_STARS} stars for the year`,
    })
  const [existing] = await db
    .select({ id: demonstrationNominations.id })
    .from(demonstrationNominations)
    .where(and(eq(demonstrationNominations.workshopId, ws.id), eq(demonstrationNominations.year, body.year)))
  if (existing)
    throw new ProblemError(409, 'already-nominated', {
      zh: '该工坊本年度已被推荐',
      en: 'This workshop is already nominated for the year',
    })
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(demonstrationNominations)
      .values({
        workshopId: ws.id,
        regionCode: ws.regionCode,
        year: body.year,
        reason: body.reason,
        nominatedBy: c.var.user!.id,
      })
      .returning({ id: demonstrationNominations.id })
    await audit(tx, c.var.caller, {
      action: 'demonstration.nominate',
      targetType: 'workshop',
      targetId: ws.id,
      regionCode: ws.regionCode,
      detail: { year: body.year },
    })
    return row!.id
  })
  return getNomination(c, id)
}

/** City or province staff (or admin) decide; never the one who nominated. */
export async function decideNomination(c: C, id: string, body: { approve: boolean; note?: string }) {
  const user = requireRole(c, 'staff', 'admin')
  const nom = await getNomination(c, id)
  if (user.role === 'staff' && (user.regionCode?.length ?? 99) > 4)
    throw new ProblemError(403, 'approver-level', {
      zh: '示范工坊由市级或省级审定',
      en: 'Demonstration workshops are approved by city or province staff',
    })
  if (nom.status !== 'nominated')
    throw new ProblemError(409, 'already-decided', {
      zh: '该推荐已审定',
      en: 'This nomination has already been decided',
    })
  await c.var.db.transaction(async (tx) => {
    const [row] = await tx
      .update(demonstrationNominations)
      .set({
        status: body.approve ? 'approved' : 'rejected',
        decidedBy: user.id,
        decidedAt: sql`now()`,
        decisionNote: body.note ?? null,
      })
      .where(and(eq(demonstrationNominations.id, id), eq(demonstrationNominations.status, 'nominated')))
      .returning({ nominatedBy: demonstrationNominations.nominatedBy })
    if (!row)
      throw new ProblemError(409, 'already-decided', {
        zh: '该推荐已审定',
        en: 'This nomination has already been decided',
      })
    if (row.nominatedBy === user.id)
      throw new ProblemError(403, 'own-nomination', {
        zh: '不能审定自己的推荐',
        en: 'You may not decide your own nomination',
      })
    await audit(tx, c.var.caller, {
      action: body.approve ? 'demonstration.approve' : 'demonstration.reject',
      targetType: 'workshop',
      targetId: nom.workshopId,
      regionCode: nom.regionCode,
      detail: { year: nom.year, note: body.note },
    })
  })
  return getNomination(c, id)
}

// ---------------------------------------------------------------- workshops to improve

async function planRows(db: DbOrTx, scope: Scope, where: SQL, page?: { limit: number; offset: number }) {
  const visible = scopeFilter(scope, {
    regionCode: improvementPlans.regionCode,
    workshopId: improvementPlans.workshopId,
  })
  const base = db
    .select({
      id: improvementPlans.id,
      workshopId: improvementPlans.workshopId,
      workshopName: workshops.name,
      regionCode: improvementPlans.regionCode,
      year: improvementPlans.year,
      reason: improvementPlans.reason,
      plan: improvementPlans.plan,
      status: improvementPlans.status,
      createdAt: improvementPlans.createdAt,
      closingNote: improvementPlans.closingNote,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(improvementPlans)
    .innerJoin(workshops, eq(workshops.id, improvementPlans.workshopId))
    .where(and(visible, where))
    .orderBy(asc(improvementPlans.status), asc(workshops.name))
  const rows = page ? await base.limit(page.limit).offset(page.offset) : await base
  const ids = rows.map((r) => r.id)
  const fus = ids.length
    ? await db
        .select({
          id: improvementFollowUps.id,
          planId: improvementFollowUps.planId,
          dueOn: improvementFollowUps.dueOn,
          doneOn: improvementFollowUps.doneOn,
          note: improvementFollowUps.note,
          result: improvementFollowUps.result,
        })
        .from(improvementFollowUps)
        .where(sql`${improvementFollowUps.planId} in ${ids}`)
        .orderBy(asc(improvementFollowUps.dueOn), asc(improvementFollowUps.id))
    : []
  const now = today()
  return rows.map((r) => {
    const followUps = fus
      .filter((f) => f.planId === r.id)
      .map((f) => ({
        id: f.id,
        dueOn: f.dueOn,
        doneOn: f.doneOn,
        note: f.note,
        result: f.result,
        overdue: !f.doneOn && f.dueOn < now,
      }))
    return {
      id: r.id,
      workshopId: r.workshopId,
      workshopName: r.workshopName,
      regionCode: r.regionCode,
      year: r.year,
      reason: r.reason,
      plan: r.plan,
      status: r.status as 'open' | 'closed',
      createdAt: iso(r.createdAt)!,
      closingNote: r.closingNote,
      nextDueOn: followUps.find((f) => !f.doneOn)?.dueOn ?? null,
      followUps,
      total: Number(r.total),
    }
  })
}

export async function listPlans(c: C, q: PageQuery & { region?: string; status?: string; overdue?: boolean }) {
  requireRole(c, 'staff', 'admin', 'operator', 'collective')
  const conds: SQL[] = [sql`true`]
  if (q.region) conds.push(sql`${improvementPlans.regionCode} like ${q.region + '%'}`)
  if (q.status) conds.push(eq(improvementPlans.status, q.status))
  if (q.overdue)
    conds.push(
      sql`exists (select 1 from improvement_follow_ups f where f.plan_id = ${improvementPlans.id} and f.done_on is null and f.due_on < ${today()})`,
    )
  const rows = await planRows(c.var.db, c.var.scope, and(...conds)!, pageWindow(q))
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize }
}

export async function getPlan(c: C, id: string) {
  requireRole(c, 'staff', 'admin', 'operator', 'collective')
  const [r] = await planRows(c.var.db, c.var.scope, eq(improvementPlans.id, id))
  if (!r) throw notFound({ zh: '提升计划', en: 'Improvement plan' })
  const { total: _t, ...plan } = r
  return plan
}

export async function createPlan(
  c: C,
  body: { workshopId: string; year: number; reason: string; plan: string; followUps: string[] },
) {
  requireRole(c, 'staff', 'admin')
  const ws = await scopedWorkshop(c.var.db, c.var.scope, body.workshopId)
  const [open] = await c.var.db
    .select({ id: improvementPlans.id })
    .from(improvementPlans)
    .where(and(eq(improvementPlans.workshopId, ws.id), eq(improvementPlans.status, 'open')))
  if (open)
    throw new ProblemError(409, 'plan-open', {
      zh: '该工坊已有未结束的提升计划',
      en: 'This workshop already has an open improvement plan',
    })
  const id = await c.var.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(improvementPlans)
      .values({
        workshopId: ws.id,
        regionCode: ws.regionCode,
        year: body.year,
        reason: body.reason,
        plan: body.plan,
        createdBy: c.var.user!.id,
      })
      .returning({ id: improvementPlans.id })
    if (body.followUps.length)
      await tx
        .insert(improvementFollowUps)
        .values([...new Set(body.followUps)].map((d) => ({ planId: row!.id, dueOn: d, createdBy: c.var.user!.id })))
    await audit(tx, c.var.caller, {
      action: 'improvement-plan.create',
      targetType: 'workshop',
      targetId: ws.id,
      regionCode: ws.regionCode,
      detail: { year: body.year },
    })
    return row!.id
  })
  return getPlan(c, id)
}

async function openPlanForWrite(c: C, id: string) {
  requireRole(c, 'staff', 'admin')
  const plan = await getPlan(c, id)
  if (plan.status !== 'open')
    throw new ProblemError(409, 'plan-closed', { zh: '提升计划已结束', en: 'The improvement plan is closed' })
  return plan
}

export async function addFollowUp(c: C, id: string, body: { dueOn: string; note?: string }) {
  const plan = await openPlanForWrite(c, id)
  await c.var.db.transaction(async (tx) => {
    await tx
      .insert(improvementFollowUps)
      .values({ planId: id, dueOn: body.dueOn, note: body.note ?? null, createdBy: c.var.user!.id })
    await audit(tx, c.var.caller, {
      action: 'improvement-plan.follow-up',
      targetType: 'improvement_plan',
      targetId: id,
      regionCode: plan.regionCode,
      detail: body,
    })
  })
  return getPlan(c, id)
}

export async function completeFollowUp(c: C, id: string, followUpId: number, body: { doneOn: string; result: string }) {
  const plan = await openPlanForWrite(c, id)
  const fu = plan.followUps.find((f) => f.id === followUpId)
  if (!fu) throw notFound({ zh: '回访', en: 'Follow-up' })
  if (fu.doneOn)
    throw new ProblemError(409, 'follow-up-done', { zh: '该回访已记录', en: 'This follow-up is already recorded' })
  if (body.doneOn > today())
    throw new ProblemError(422, 'future-date', { zh: '完成日期不能晚于今天', en: 'The date cannot be in the future' })
  await c.var.db.transaction(async (tx) => {
    await tx
      .update(improvementFollowUps)
      .set({ doneOn: body.doneOn, result: body.result })
      .where(eq(improvementFollowUps.id, followUpId))
    await audit(tx, c.var.caller, {
      action: 'improvement-plan.follow-up-done',
      targetType: 'improvement_plan',
      targetId: id,
      regionCode: plan.regionCode,
      detail: { followUpId, ...body },
    })
  })
  return getPlan(c, id)
}

export async function closePlan(c: C, id: string, body: { note: string }) {
  const plan = await openPlanForWrite(c, id)
  await c.var.db.transaction(async (tx) => {
    await tx
      .update(improvementPlans)
      .set({ status: 'closed', closedAt: sql`now()`, closingNote: body.note })
      .where(eq(improvementPlans.id, id))
    await audit(tx, c.var.caller, {
      action: 'improvement-plan.close',
      targetType: 'improvement_plan',
      targetId: id,
      regionCode: plan.regionCode,
      detail: body,
    })
  })
  return getPlan(c, id)
}
