/**
 * A timestamp read from the database as an ISO string: drizzle and PGlite give a Date, raw SQL over `pg`
 * may give a string (passed through unchanged), a missing value stays null.
 */
export function iso(v: Date | string): string
export function iso(v: unknown): string | null
export function iso(v: unknown): string | null {
  return v instanceof Date ? v.toISOString() : v == null ? null : String(v)
}
