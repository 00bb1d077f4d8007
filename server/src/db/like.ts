import { and, ilike, sql, type AnyColumn, type SQL } from 'drizzle-orm'

/** Escapes LIKE/ILIKE metacharacters (backslash is PostgreSQL's default escape). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (m) => '\\' + m)

/** A pattern matching text that contains `text` anywhere. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`

/** The characters of a text, lower-cased, as an array: what a name's character index (GIN) holds. */
export const charsOf = (text: SQL | AnyColumn): SQL => sql`string_to_array(lower(${text}), null)`

/**
 * `column` contains `text` anywhere, case-insensitively. Names are two or three Chinese characters, too short for
 * trigrams; an index of each name's characters (`charsOf`, GIN) finds the rows holding every character of the
 * query, and ILIKE keeps those that hold them in order. Without it a province-wide search read all 500,000 names.
 */
export const nameContains = (column: AnyColumn, text: string): SQL =>
  and(sql`${charsOf(column)} @> ${charsOf(sql`${text}::text`)}`, ilike(column, containsPattern(text)))!
