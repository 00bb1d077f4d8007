/** Field schemas shared by the programme's schema files. */
import { z } from 'zod'
import { RegionCodeSchema } from '../regions.ts'
import { regionPageQuery, requiredText } from '../common.ts'

export const Code = RegionCodeSchema
export const Year = z.coerce.number().int().min(2018).max(2100)
export const Text = requiredText
/** A skill as the programme keys it (training sessions, experts, technical problems): a lower-case code. */
export const SkillKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{1,39}$/, 'skill key: lower-case letters, digits, _ or -')
/** A list's skill filter. */
export const SkillFilter = z.string().max(40).optional()

/** A place of a coverage table: its region code and name. */
export const placeFields = { code: z.string(), name: z.string() }

/** Townships below a place, and those of them with an operating workshop. */
export const townshipCoverageFields = { townships: z.number().int(), coveredTownships: z.number().int() }
/** Villages below a place, and those of them with an operating workshop. */
export const villageCoverageFields = { villages: z.number().int(), coveredVillages: z.number().int() }

/** A figure by region: the region asked for (its own row as the total) and one row per region directly below it. */
export function regionBreakdownOf<R extends z.ZodTypeAny, E extends z.ZodRawShape>(row: R, extra: E) {
  return z.object({ region: z.string(), ...extra, total: row, children: z.array(row) })
}

/** A programme list's query: the page, a Zhejiang region to narrow to (Code), then the list's own filters. */
export const programmePageQuery = <S extends z.ZodRawShape>(filters: S) => regionPageQuery(filters, Code)
