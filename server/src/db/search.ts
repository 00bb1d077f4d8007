import { ilike, or, type AnyColumn, type SQL } from 'drizzle-orm'
import { containsPattern } from './like.ts'

/** Rows where any of the columns contains `text` anywhere, case-insensitively: a list's free-text search box. */
export function anyContains(text: string, ...columns: AnyColumn[]): SQL {
  const pattern = containsPattern(text)
  return or(...columns.map((column) => ilike(column, pattern)))!
}
