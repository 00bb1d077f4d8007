/** Escapes LIKE/ILIKE metacharacters (backslash is PostgreSQL's default escape). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (m) => '\\' + m)

/** A pattern matching text that contains `text` anywhere. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`
