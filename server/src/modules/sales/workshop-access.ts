import { and, asc, eq, ilike } from 'drizzle-orm'
import { scopeFilter, type Scope } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { workshops } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  ecommerce: { zh: '电商直播', en: 'e-commerce/livestream' },
  agritourism: { zh: '农旅融合', en: 'agri-tourism' },
}

const workshopScope = (scope: Scope) =>
  scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId })

/**
 * The workshop a sales or tourism record is written for: visible to the caller (an operator: their own)
 * and of the right type. Shared by the sales and tourism modules.
 */
export async function workshopForFacts(db: DbOrTx, scope: Scope, id: string, type: 'ecommerce' | 'agritourism') {
  const [w] = await db
    .select({ id: workshops.id, name: workshops.name, regionCode: workshops.regionCode, type: workshops.type })
    .from(workshops)
    .where(and(eq(workshops.id, id), workshopScope(scope)))
  if (!w) throw notFound({ zh: '工坊', en: 'Workshop' })
  if (w.type !== type) {
    const t = TYPE_NAMES[type]!
    throw new ProblemError(422, 'workshop-type', { zh: `只有${t.zh}类工坊可以记录`, en: `Only ${t.en} workshops record this` }, undefined, [
      { path: 'workshopId', message: { zh: `不是${t.zh}类工坊`, en: `Not an ${t.en} workshop` } },
    ])
  }
  return w
}

/** Workshops of a type the caller may record for (pickers, up to 200). */
export async function workshopOptions(db: DbOrTx, scope: Scope, type: 'ecommerce' | 'agritourism', q?: string) {
  const conds = [workshopScope(scope), eq(workshops.type, type)]
  if (q) conds.push(ilike(workshops.name, `%${q.replace(/[\\%_]/g, (m) => '\\' + m)}%`))
  return db
    .select({ id: workshops.id, name: workshops.name, regionCode: workshops.regionCode, type: workshops.type })
    .from(workshops)
    .where(and(...conds))
    .orderBy(asc(workshops.regionCode), asc(workshops.name))
    .limit(200)
}
