import { z } from 'zod'
import { MonthSchema, PageQuerySchema, monthRangeFields, pageOf, regionRefFields, searchText, component } from './common.ts'

import { WORKSHOP_TYPES, type WorkshopType } from './workshop-types.ts'
export { WORKSHOP_TYPES, type WorkshopType }

const int = z.number().int()
const fen = z.number().int().describe('Amount in integer fen (1 yuan = 100 fen)')

/**
 * The programme's figures for one place and period (definitions in PRODUCT.md, one meaning everywhere):
 * employed = earnings > 0 in the period; active month = a month with earnings > 0; low-income / disabled =
 * flagged on the work line at the time of the work; average monthly increase = wages ÷ active worker-months;
 * average increase per worker = wages ÷ workers employed (for a calendar year: the average annual increase);
 * workshops operating and enterprises linked are counted at the end of the period.
 */
export const CockpitFiguresSchema = component('CockpitFigures', {
  workshopsOperating: int,
  workshopsByType: z.object(Object.fromEntries(WORKSHOP_TYPES.map((t) => [t, int])) as Record<WorkshopType, typeof int>),
  enterprisesLinked: int,
  workersEmployed: int,
  lowIncomeEmployed: int,
  disabledEmployed: int,
  activeWorkerMonths: int,
  wagesFen: fen,
  avgMonthlyIncreaseFen: fen.nullable().describe('wages ÷ active worker-months, rounded half-up to the fen; null when none'),
  avgIncreasePerWorkerFen: fen.nullable().describe('wages ÷ workers employed, rounded half-up; null when none'),
  goodQty: int.describe('Good pieces recorded'),
  deliveredQty: int.describe('Pieces accepted by enterprises'),
  collectiveIncomeFen: fen,
  salesFen: fen.describe('Online and livestream sales'),
  salesOrders: int,
  tourismVisitors: int,
  tourismRevenueFen: fen,
})
export type CockpitFigures = z.infer<typeof CockpitFiguresSchema>

/** Figures that can be charted month by month (and coloured on the map). */
export const TREND_FIGURES = [
  'workshopsOperating',
  'enterprisesLinked',
  'workersEmployed',
  'lowIncomeEmployed',
  'disabledEmployed',
  'wagesFen',
  'avgMonthlyIncreaseFen',
  'goodQty',
  'deliveredQty',
  'collectiveIncomeFen',
  'salesFen',
  'tourismVisitors',
  'tourismRevenueFen',
] as const
export type TrendFigure = (typeof TREND_FIGURES)[number]

/** Figures about persons: the public sees them only when computed from at least 5 persons. */
export const PERSON_FIGURES = [
  'workersEmployed',
  'lowIncomeEmployed',
  'disabledEmployed',
  'activeWorkerMonths',
  'wagesFen',
  'avgMonthlyIncreaseFen',
  'avgIncreasePerWorkerFen',
] as const
export type PersonFigure = (typeof PERSON_FIGURES)[number]
export const SMALL_CELL = 5

export const CockpitPlaceSchema = z.object({
  code: z.string().describe('Region code, or workshop id for level "workshop"'),
  name: z.string(),
  level: z.enum(['all', 'province', 'city', 'county', 'township', 'village', 'workshop']),
})
export type CockpitPlace = z.infer<typeof CockpitPlaceSchema>

export const CockpitPeriodSchema = z.object({ from: MonthSchema, to: MonthSchema })

export const CockpitTargetSchema = z.object({
  regionCode: z.string(),
  year: int,
  figure: z.string(),
  value: int,
  actual: int.nullable().describe('The current value of the figure in that region, when the cockpit computes it'),
  source: z.enum(['targets', 'default']),
})

/** What the cockpit and income monitoring are asked for: a region of any level, and the months. */
export const CockpitQuerySchema = z.object({
  region: z.string().regex(/^\d{2}(\d{2}|\d{4}|\d{7}|\d{10})?$/, 'region code (2, 4, 6, 9 or 12 digits)').optional(),
  ...monthRangeFields,
})

export const CockpitSummarySchema = component('CockpitSummary', {
  region: CockpitPlaceSchema,
  path: z.array(CockpitPlaceSchema).describe('Ancestors from the caller’s root down to the region, for the breadcrumb'),
  period: CockpitPeriodSchema,
  figures: CockpitFiguresSchema,
  targets: z.array(CockpitTargetSchema),
})
export type CockpitSummary = z.infer<typeof CockpitSummarySchema>

export const CockpitChildSchema = CockpitPlaceSchema.extend({ figures: CockpitFiguresSchema })
export const CockpitChildrenSchema = component('CockpitChildren', {
  region: CockpitPlaceSchema,
  period: CockpitPeriodSchema,
  childLevel: CockpitPlaceSchema.shape.level,
  items: z.array(CockpitChildSchema),
})
export type CockpitChildren = z.infer<typeof CockpitChildrenSchema>

export const CockpitTrendSchema = component('CockpitTrend', {
  region: CockpitPlaceSchema,
  period: CockpitPeriodSchema,
  figure: z.enum(TREND_FIGURES),
  series: z.array(z.object({ month: MonthSchema, value: int.nullable() })),
})
export type CockpitTrend = z.infer<typeof CockpitTrendSchema>

// ---------------------------------------------------------------- public (no login)

const maybe = int.nullable()
export const PublicFiguresSchema = CockpitFiguresSchema.extend({
  workersEmployed: maybe,
  lowIncomeEmployed: maybe,
  disabledEmployed: maybe,
  activeWorkerMonths: maybe,
  wagesFen: maybe,
  avgMonthlyIncreaseFen: maybe,
  avgIncreasePerWorkerFen: maybe,
  suppressed: z.array(z.enum(PERSON_FIGURES)).describe('Person figures withheld: computed from fewer than 5 persons (shown as "<5")'),
}).meta({ id: 'PublicFigures' })
export type PublicFigures = z.infer<typeof PublicFiguresSchema>

export const PublicSummarySchema = component('PublicSummary', {
  region: CockpitPlaceSchema,
  path: z.array(CockpitPlaceSchema),
  period: CockpitPeriodSchema,
  figures: PublicFiguresSchema,
  children: z.array(CockpitPlaceSchema.extend({ figures: PublicFiguresSchema })),
})
export type PublicSummary = z.infer<typeof PublicSummarySchema>

// ---------------------------------------------------------------- income monitoring

export const COHORTS = ['all', 'low_income', 'disabled', 'aged60', 'women'] as const
export type Cohort = (typeof COHORTS)[number]

export const IncomeQuerySchema = CockpitQuerySchema

export const IncomeWorkerListQuerySchema = PageQuerySchema.extend(IncomeQuerySchema.shape).extend({
  cohort: z.enum(COHORTS).default('all'),
  q: searchText().optional(),
})

export const IncomeWorkerSchema = component('IncomeWorker', {
  id: z.string(),
  name: z.string(),
  ...regionRefFields,
  sex: z.string(),
  age: int,
  lowIncome: z.boolean().describe('Registered low-income household now, or low-income on any work line in the period'),
  disabled: z.boolean(),
  baselineMonthlyFen: fen,
  earningsFen: fen.describe('Earnings from the platform in the period'),
  activeMonths: int,
  avgMonthlyEarningsFen: fen.nullable().describe('Earnings ÷ active months: the monthly increase'),
  lastMonthFen: fen.describe('Earnings in the last month of the period'),
  increasePct: z.number().nullable().describe('Average monthly earnings as a percentage of the baseline (1 decimal)'),
})
export type IncomeWorker = z.infer<typeof IncomeWorkerSchema>
export const IncomeWorkerPageSchema = pageOf(IncomeWorkerSchema)

export const IncomeCohortSchema = z.object({
  cohort: z.enum(COHORTS),
  workersEmployed: int,
  activeWorkerMonths: int,
  wagesFen: fen,
  avgMonthlyIncreaseFen: fen.nullable(),
  avgIncreasePerWorkerFen: fen.nullable(),
  avgBaselineMonthlyFen: fen.nullable().describe('Average baseline monthly income of the employed workers'),
})
export const IncomeSummarySchema = z
  .object({ region: CockpitPlaceSchema, period: CockpitPeriodSchema, cohorts: z.array(IncomeCohortSchema) })
  .meta({ id: 'IncomeSummary' })
export type IncomeSummary = z.infer<typeof IncomeSummarySchema>

export const ALERT_KINDS = ['below_baseline', 'no_work_2m'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]
export const IncomeAlertQuerySchema = PageQuerySchema.extend({
  region: IncomeQuerySchema.shape.region,
  month: MonthSchema.optional(),
  kind: z.enum(ALERT_KINDS).optional(),
})
export const IncomeAlertSchema = component('IncomeAlert', {
  kind: z.enum(ALERT_KINDS),
  workerId: z.string(),
  name: z.string(),
  ...regionRefFields,
  phone: z.string().nullable().describe('Masked'),
  lowIncome: z.boolean(),
  disabled: z.boolean(),
  baselineMonthlyFen: fen,
  monthFen: fen.describe('Earnings in the alert month'),
  lastActiveMonth: MonthSchema.nullable(),
})
export type IncomeAlert = z.infer<typeof IncomeAlertSchema>
export const IncomeAlertPageSchema = pageOf(IncomeAlertSchema)
