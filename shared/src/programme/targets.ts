/** Policy targets and township/village coverage. */
import { z } from 'zod'
import { PageQuerySchema, QueryBoolSchema, regionRefFields, component, optionalText } from '../common.ts'
import { Code, Year, placeFields, regionBreakdownOf, townshipCoverageFields, villageCoverageFields, programmePageQuery } from './fields.ts'

/** Figures a target can be set on; the live value is computed from the platform's records. */
export const TARGET_FIGURES = [
  'operating_workshops',
  'workers_employed',
  'low_income_employed',
  'trained_workers',
  'township_coverage_pct',
  'mountain_township_coverage_pct',
] as const
export const TargetFigureSchema = z.enum(TARGET_FIGURES)
export type TargetFigure = z.infer<typeof TargetFigureSchema>

export const TargetSchema = component('Target', {
  id: z.string(),
  ...regionRefFields,
  year: z.number().int(),
  figure: TargetFigureSchema,
  value: z.number().int(),
  note: z.string().nullable(),
  /** The live value now (for past years: as recorded for that year where the figure is yearly). */
  actual: z.number(),
  /** actual ÷ value in percent, one decimal. */
  progressPct: z.number(),
  /** Whether the caller may remove this target (the access module's answer, for showing the button). */
  canDelete: z.boolean(),
})
export type Target = z.infer<typeof TargetSchema>
export const TargetUpsertSchema = z.object({
  regionCode: Code,
  year: Year,
  figure: TargetFigureSchema,
  value: z.number().int().min(0).max(1e12),
  note: optionalText(500),
})
export const TargetListQuerySchema = programmePageQuery({ year: Year.optional() })

export const CoverageQuerySchema = PageQuerySchema.extend({
  /** Defaults to the caller's own region (the province for the public). */
  region: Code.optional(),
  level: z.enum(['township', 'village']).default('township'),
  /** Only the places without an operating workshop. */
  missingOnly: QueryBoolSchema.optional(),
  /** Only places in the 26 mountain counties. */
  mountainOnly: QueryBoolSchema.optional(),
})
export const CoverageRowSchema = component('CoverageRow', {
  ...placeFields,
  countyCode: z.string(),
  countyName: z.string(),
  mountain: z.boolean(),
  operatingWorkshops: z.number().int(),
  covered: z.boolean(),
})
export type CoverageRow = z.infer<typeof CoverageRowSchema>
export const CoverageMapRowSchema = component('CoverageMapRow', {
  ...placeFields,
  mountain: z.boolean(),
  ...townshipCoverageFields,
  ...villageCoverageFields,
  operatingWorkshops: z.number().int(),
  /** Covered townships in percent, one decimal: what the cockpit map colours. */
  townshipCoveragePct: z.number(),
})
export type CoverageMapRow = z.infer<typeof CoverageMapRowSchema>
export const CoverageMapSchema = regionBreakdownOf(CoverageMapRowSchema, {})
export const MountainCountySchema = component('MountainCounty', {
  ...placeFields,
  cityName: z.string().nullable(),
  ...townshipCoverageFields,
})
