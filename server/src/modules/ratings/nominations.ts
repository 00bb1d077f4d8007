import { and, eq, sql, type SQL } from 'drizzle-orm'
import { DEMONSTRATION_MIN_STARS } from '@gongfang/shared/programme'
import type { PageQuery } from '@gongfang/shared'
import { audit } from '../../audit/audit.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize, type Scope } from '../../auth/access/index.ts'
import { decidesDemonstrations, inRegion, listRegion, ratingRows } from '../../auth/access/programme.ts'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { demonstrationNominations, workshopRatings } from '../../db/schema/index.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { iso } from '../../db/iso.ts'
import { scopedWorkshop } from './common.ts'

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
  const visible = ratingRows(scope, 'n')
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

export async function listNominations(
  db: DbOrTx,
  caller: Caller,
  q: PageQuery & { year?: number; region?: string; status?: string },
) {
  authorize(caller, 'ratings.read')
  const conds: SQL[] = [sql`true`]
  if (q.year) conds.push(sql`n.year = ${q.year}`)
  const region = listRegion(caller, q.region)
  if (region) conds.push(inRegion(sql`n.region_code`, region))
  if (q.status) conds.push(sql`n.status = ${q.status}`)
  const rows = await nominationRows(db, caller.scope, sql.join(conds, sql` and `), pageWindow(q))
  return { items: rows.map(nominationView), total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize }
}

async function getNomination(db: DbOrTx, caller: Caller, id: string) {
  const [r] = await nominationRows(db, caller.scope, sql`n.id = ${id}`)
  if (!r) throw notFound({ zh: '示范工坊推荐', en: 'Nomination' })
  return nominationView(r)
}

export async function nominate(db: DbOrTx, caller: Caller, body: { workshopId: string; year: number; reason: string }) {
  const user = authorize(caller, 'ratings.nominate')
  const ws = await scopedWorkshop(db, caller.scope, body.workshopId)
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
        nominatedBy: user.id,
      })
      .returning({ id: demonstrationNominations.id })
    await audit(tx, caller, {
      action: 'demonstration.nominate',
      targetType: 'workshop',
      targetId: ws.id,
      regionCode: ws.regionCode,
      detail: { year: body.year },
    })
    return row!.id
  })
  return getNomination(db, caller, id)
}

/** City or province staff (or admin) decide; never the one who nominated. */
export async function decideNomination(
  db: DbOrTx,
  caller: Caller,
  id: string,
  body: { approve: boolean; note?: string },
) {
  const user = authorize(caller, 'ratings.decide')
  const nom = await getNomination(db, caller, id)
  if (!decidesDemonstrations(user))
    throw new ProblemError(403, 'approver-level', {
      zh: '示范工坊由市级或省级审定',
      en: 'Demonstration workshops are approved by city or province staff',
    })
  if (nom.status !== 'nominated')
    throw new ProblemError(409, 'already-decided', {
      zh: '该推荐已审定',
      en: 'This nomination has already been decided',
    })
  await db.transaction(async (tx) => {
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
    await audit(tx, caller, {
      action: body.approve ? 'demonstration.approve' : 'demonstration.reject',
      targetType: 'workshop',
      targetId: nom.workshopId,
      regionCode: nom.regionCode,
      detail: { year: nom.year, note: body.note },
    })
  })
  return getNomination(db, caller, id)
}
