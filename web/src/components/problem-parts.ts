import type { TFunction } from 'i18next'
import { ApiError } from '../api/client'

/**
 * What an API error shows, in ProblemAlert and in the light homes' alert: the problem's title, its detail, and
 * the field errors. The detail of a validation problem repeats the field list, so it is left out then.
 */
export function problemParts(error: unknown, t: TFunction): { title: string; detail: string | undefined; fields: string[] } {
  const problem = error instanceof ApiError ? error.problem : undefined
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : []
  const title = problem?.title ?? t('errors.unknown')
  const detail = fieldErrors.length ? undefined : problem?.detail && problem.detail !== title ? problem.detail : undefined
  return { title, detail, fields: fieldErrors.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)) }
}
