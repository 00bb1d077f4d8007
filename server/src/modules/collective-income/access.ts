import { ProblemError } from '../../http/problem.ts'

/** The collective a write is for is an access rule: it lives in auth/access/around.ts. */
export { COLLECTIVE, collectiveForWrite } from '../../auth/access/around.ts'

/** Fields the caller may not use (e.g. a source workshop outside their scope) as a 422 with one field error. */
export function fieldProblem(path: string, zh: string, en: string) {
  return new ProblemError(
    422,
    'validation',
    { zh: '输入有误', en: 'Invalid input' },
    { zh: `${path}: ${zh}`, en: `${path}: ${en}` },
    [{ path, message: { zh, en } }],
  )
}

export const iso = (d: Date | string | null) =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString()
