import { asc, eq } from 'drizzle-orm'
import {
  COMPUTED_CRITERIA,
  DEFAULT_RATING_CRITERIA,
  type CriteriaSet,
  type CriteriaUpdate,
  type CriterionDef,
} from '@gongfang/shared/programme'
import { audit } from '../../audit/audit.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { countyCriteriaVisible, countyCriteriaWritable } from '../../auth/access/programme.ts'
import type { DbOrTx } from '../../db/client.ts'
import { ratingCriteria } from '../../db/schema/index.ts'
import { notFound, ProblemError } from '../../http/problem.ts'

const COUNTY = { zh: '县', en: 'County' }

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

/** A county's criteria for staff who overlap it (a township's staff: their own county's). */
export async function getCriteria(db: DbOrTx, caller: Caller, county: string): Promise<CriteriaSet> {
  authorize(caller, 'ratings.criteria.read')
  if (!countyCriteriaVisible(caller, county)) throw notFound(COUNTY)
  return criteriaFor(db, county)
}

export async function putCriteria(
  db: DbOrTx,
  caller: Caller,
  county: string,
  body: CriteriaUpdate,
): Promise<CriteriaSet> {
  const user = authorize(caller, 'ratings.criteria.write')
  if (!countyCriteriaWritable(caller, county)) throw notFound(COUNTY)
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
  await db.transaction(async (tx) => {
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
          updatedBy: user.id,
        }
      }),
    )
    await audit(tx, caller, {
      action: 'rating-criteria.update',
      targetType: 'region',
      targetId: county,
      regionCode: county,
      detail: { criteria: body.criteria },
    })
  })
  return criteriaFor(db, county)
}
