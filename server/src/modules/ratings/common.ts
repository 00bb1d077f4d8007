import { and, eq } from 'drizzle-orm'
import { workshopRows } from '../../auth/access/programme.ts'
import type { Scope } from '../../auth/access/index.ts'
import type { DbOrTx } from '../../db/client.ts'
import { workshops } from '../../db/schema/index.ts'
import { notFound } from '../../http/problem.ts'

export const WORKSHOP = { zh: '工坊', en: 'Workshop' }

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
    .where(and(eq(workshops.id, id), workshopRows(scope)))
  if (!w) throw notFound(WORKSHOP)
  return w
}
