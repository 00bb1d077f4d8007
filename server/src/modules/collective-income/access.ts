import { and, eq } from 'drizzle-orm'
import { scopeFilter, type Scope } from '../../auth/scope.ts'
import type { DbOrTx } from '../../db/client.ts'
import { collectives } from '../../db/schema/index.ts'
import { ProblemError, notFound } from '../../http/problem.ts'

export const COLLECTIVE = { zh: '村集体', en: 'Village collective' }

/**
 * The collective a write is for: a collective account always writes for its own (naming another is a
 * 404); staff and admin name one inside their scope. Shared by income booking, members and profit sharing.
 */
export async function collectiveForWrite(db: DbOrTx, scope: Scope, id: string | undefined) {
  if (scope.kind === 'collective') {
    if (id && id !== scope.collectiveId) throw notFound(COLLECTIVE)
    id = scope.collectiveId
  }
  if (!id)
    throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: 'collectiveId: 必填', en: 'collectiveId: required' }, [
      { path: 'collectiveId', message: { zh: '必填', en: 'Required' } },
    ])
  const [row] = await db
    .select({ id: collectives.id, name: collectives.name, regionCode: collectives.regionCode })
    .from(collectives)
    .where(and(eq(collectives.id, id), scopeFilter(scope, { regionCode: collectives.regionCode, collectiveId: collectives.id })))
  if (!row) throw notFound(COLLECTIVE)
  return row
}

/** Fields the caller may not use (e.g. a source workshop outside their scope) as a 422 with one field error. */
export function fieldProblem(path: string, zh: string, en: string) {
  return new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: `${path}: ${zh}`, en: `${path}: ${en}` }, [
    { path, message: { zh, en } },
  ])
}

export const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString())
