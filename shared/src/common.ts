import { z } from 'zod'

/**
 * An object schema that the API document names: `id` becomes its component name (`#/components/schemas/<id>`),
 * so every route that uses it refers to one component.
 */
export function component<S extends z.ZodRawShape>(id: string, shape: S) {
  return z.object(shape).meta({ id })
}

/** RFC 9457 problem details, as every error of the API is answered. */
export const ProblemSchema = component('Problem', {
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** The request's id, also in the X-Request-Id header and on every log line of the request. */
  requestId: z.string().optional(),
})
export type Problem = z.infer<typeof ProblemSchema>

export const PAGE_SIZE_MAX = 200

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
})
export type PageQuery = z.infer<typeof PageQuerySchema>

/** The fields of every page of a list: pageOf adds the capped flag, a list with sums adds its sums. */
export const pageFields = <T extends z.ZodTypeAny>(item: T) => ({
  items: z.array(item),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
})

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    ...pageFields(item),
    /** The list counts no further than `total` (millions of rows): there are more. */
    totalCapped: z.boolean().optional(),
  })
}
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
  totalCapped?: boolean
}

/** Money is integer fen (1 yuan = 100 fen); never a float. */
export const FenSchema = z.number().int().describe('Amount in integer fen (1 yuan = 100 fen)')

/** An amount someone enters, in integer fen: at most 1e14 (a trillion yuan), so that sums stay exact. */
export const enteredFen = (min: 0 | 1 = 0) => z.number().int().min(min).max(1e14)

/** A boolean query flag: "true"/"1" or "false"/"0". */
export const QueryBoolSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')

/** A row's region: its code and, where the code is known, its name. */
export const regionRefFields = { regionCode: z.string(), regionName: z.string().nullable() }

/** A row's workshop: its id and name. */
export const workshopNameFields = { workshopId: z.string(), workshopName: z.string() }
/** A row's workshop: its id, name and region code. */
export const workshopRefFields = { ...workshopNameFields, regionCode: z.string() }
/** A row's worker: id and name. */
export const workerRefFields = { workerId: z.uuid(), workerName: z.string() }
/** A row's enterprise: id and name. */
export const enterpriseRefFields = { enterpriseId: z.string(), enterpriseName: z.string() }
/** A change in a record's history: who made it, as people know them (the account's display name), and when. */
export const changedByFields = { byName: z.string().nullable(), at: z.string() }
/** When an editable record was created and last changed. */
export const editedAtFields = { createdAt: z.string(), updatedAt: z.string() }

/** A required text field: trimmed, 1 to `max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max)

/** An optional text field: trimmed, at most `max` characters (an empty string stays allowed). */
export const optionalText = (max: number) => z.string().trim().max(max).optional()

/** A list's search text: trimmed, 1 to `max` characters. */
export const searchText = (max = 50) => requiredText(max)

/** A sorted list's query fields: one of its sort keys (`by` unless asked) and the direction, ascending unless asked. */
export function sortFields<S extends string>(sorts: readonly [S, ...S[]], by: S) {
  return { sort: z.enum(sorts).default(by), dir: z.enum(['asc', 'desc']).default('asc') }
}

/** A region code of any level (2 to 12 digits), standing for the region and everything below it. */
export const RegionPrefixSchema = z.string().regex(/^\d{2,12}$/)

/** A longitude and a latitude within China's bounds (a swapped or mistyped pair fails). */
export const LngSchema = z.number().min(73).max(136)
export const LatSchema = z.number().min(3).max(54)

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
export const DateSchema = z.iso.date()

/**
 * A list's query: the page, the region to narrow to (a code prefix: the region and everything below it;
 * any region code schema, RegionPrefixSchema unless given), then the list's own filters.
 */
export function regionPageQuery<S extends z.ZodRawShape>(filters: S, region: z.ZodString = RegionPrefixSchema) {
  return PageQuerySchema.extend({ region: region.optional(), ...filters })
}

/** A list's optional from/to filter on China dates (YYYY-MM-DD). */
export const dateRangeFields = { from: DateSchema.optional(), to: DateSchema.optional() }
/** A figure's optional from/to months (YYYY-MM). */
export const monthRangeFields = { from: MonthSchema.optional(), to: MonthSchema.optional() }

/** A zod enum of a code list's keys (a `{ code: labels }` table), keeping the keys' literal type. */
export function keysEnum<K extends string>(codes: Record<K, unknown>) {
  return z.enum(Object.keys(codes) as [K, ...K[]])
}
