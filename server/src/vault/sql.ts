import { sql, type SQL } from 'drizzle-orm'

/**
 * "Has a disability" on a workers row (alias `w`) without opening the sealed grade: a sealed grade is present,
 * or — a row written before the vault and not yet sealed (bootstrap seals and empties those) — a plain one.
 */
export const hasDisability = (alias: string): SQL => sql.raw(`(${alias}.disability_grade_enc is not null or ${alias}.disability_grade is not null)`)
