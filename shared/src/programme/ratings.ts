/** Workshop ratings (百坊示范、千坊提升): criteria, ratings, demonstration nominations, improvement plans. */
import { z } from 'zod'
import { DateSchema, PageQuerySchema, QueryBoolSchema, regionRefFields, workshopNameFields, workshopRefFields, component, optionalText } from '../common.ts'
import { Code, Text, Year, programmePageQuery } from './fields.ts'

/** higher: raw ÷ fullMark earns the marks (capped at 100); lower: 100 at zero, falling to 0 at fullMark. */
export type Direction = 'higher' | 'lower'

export interface CriterionDef {
  key: string
  kind: 'computed' | 'manual'
  direction: Direction
  /** Unit of the raw value: people, percent, fen, months, count. */
  unit: 'people' | 'percent' | 'fen' | 'months' | 'count' | 'score'
  weight: number
  fullMark: number | null
  labelZh: string
  labelEn: string
}

/** The criteria computed from the platform's records, with the province defaults a county may change. */
export const COMPUTED_CRITERIA: readonly CriterionDef[] = [
  {
    key: 'employed',
    kind: 'computed',
    direction: 'higher',
    unit: 'people',
    weight: 15,
    fullMark: 30,
    labelZh: '带动就业人数',
    labelEn: 'People employed',
  },
  {
    key: 'low_income_share',
    kind: 'computed',
    direction: 'higher',
    unit: 'percent',
    weight: 15,
    fullMark: 20,
    labelZh: '低收入农户占比',
    labelEn: 'Low-income share',
  },
  {
    key: 'wages',
    kind: 'computed',
    direction: 'higher',
    unit: 'fen',
    weight: 15,
    fullMark: 50_000_000,
    labelZh: '发放工资总额',
    labelEn: 'Wages paid',
  },
  {
    key: 'months_active',
    kind: 'computed',
    direction: 'higher',
    unit: 'months',
    weight: 10,
    fullMark: 12,
    labelZh: '开工月数',
    labelEn: 'Months active',
  },
  {
    key: 'fulfilment',
    kind: 'computed',
    direction: 'higher',
    unit: 'percent',
    weight: 10,
    fullMark: 100,
    labelZh: '订单按期完成率',
    labelEn: 'Order fulfilment',
  },
  {
    key: 'reject_rate',
    kind: 'computed',
    direction: 'lower',
    unit: 'percent',
    weight: 5,
    fullMark: 5,
    labelZh: '次品率',
    labelEn: 'Reject rate',
  },
  {
    key: 'arrears',
    kind: 'computed',
    direction: 'lower',
    unit: 'fen',
    weight: 10,
    fullMark: 1_000_000,
    labelZh: '拖欠款项',
    labelEn: 'Arrears',
  },
  {
    key: 'training',
    kind: 'computed',
    direction: 'higher',
    unit: 'count',
    weight: 5,
    fullMark: 10,
    labelZh: '参训人次',
    labelEn: 'Training attendances',
  },
  {
    key: 'disputes',
    kind: 'computed',
    direction: 'lower',
    unit: 'count',
    weight: 5,
    fullMark: 3,
    labelZh: '纠纷次数',
    labelEn: 'Disputes',
  },
]

/** Entered by the reviewer (0–100) with a note. A county may add its own manual criteria. */
export const DEFAULT_MANUAL_CRITERIA: readonly CriterionDef[] = [
  {
    key: 'management',
    kind: 'manual',
    direction: 'higher',
    unit: 'score',
    weight: 5,
    fullMark: null,
    labelZh: '规范管理',
    labelEn: 'Management',
  },
  {
    key: 'social_benefit',
    kind: 'manual',
    direction: 'higher',
    unit: 'score',
    weight: 5,
    fullMark: null,
    labelZh: '社会效益',
    labelEn: 'Social benefit',
  },
]

export const DEFAULT_RATING_CRITERIA: readonly CriterionDef[] = [...COMPUTED_CRITERIA, ...DEFAULT_MANUAL_CRITERIA]
export const COMPUTED_KEYS = COMPUTED_CRITERIA.map((c) => c.key)

export const CriterionSchema = component('RatingCriterion', {
  key: z.string(),
  kind: z.enum(['computed', 'manual']),
  direction: z.enum(['higher', 'lower']),
  unit: z.enum(['people', 'percent', 'fen', 'months', 'count', 'score']),
  weight: z.number().int(),
  fullMark: z.number().nullable(),
  labelZh: z.string(),
  labelEn: z.string(),
})

export const CriteriaSetSchema = component('RatingCriteriaSet', {
  county: z.string(),
  /** true when the county configured its own; false = province defaults. */
  configured: z.boolean(),
  criteria: z.array(CriterionSchema),
})
export type CriteriaSet = z.infer<typeof CriteriaSetSchema>

const ManualKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case key: letters, digits, _')

export const CriteriaUpdateSchema = z.object({
  criteria: z
    .array(
      z.object({
        key: ManualKey,
        weight: z.number().int().min(0).max(100),
        /** Computed criteria: the value for full marks (higher-better) or zero marks (lower-better). */
        fullMark: z.number().positive().max(1e12).nullable().optional(),
        labelZh: Text(40).optional(),
        labelEn: Text(60).optional(),
      }),
    )
    .min(1)
    .max(30),
})
export type CriteriaUpdate = z.infer<typeof CriteriaUpdateSchema>

export const RatingScoreSchema = component('RatingScore', {
  key: z.string(),
  kind: z.enum(['computed', 'manual']),
  labelZh: z.string(),
  labelEn: z.string(),
  unit: z.string(),
  weight: z.number().int(),
  /** The measured value (fen for money, percent 0–100 for shares), null when not applicable (e.g. no orders). */
  rawValue: z.number().nullable(),
  /** 0–100. */
  score: z.number(),
  note: z.string().nullable(),
})

export const RatingSchema = component('Rating', {
  id: z.string(),
  ...workshopNameFields,
  ...regionRefFields,
  year: z.number().int(),
  score: z.number(),
  stars: z.number().int().min(1).max(5),
  note: z.string().nullable(),
  ratedAt: z.string(),
  ratedByName: z.string().nullable(),
  /** Rank among the year's rated workshops of the same county, city, province (1 = best). */
  countyRank: z.number().int(),
  cityRank: z.number().int(),
  provinceRank: z.number().int(),
  demonstration: z.enum(['nominated', 'approved', 'rejected']).nullable(),
})
export type Rating = z.infer<typeof RatingSchema>
export const RatingDetailSchema = RatingSchema.extend({ scores: z.array(RatingScoreSchema) }).meta({
  id: 'RatingDetail',
})
export type RatingDetail = z.infer<typeof RatingDetailSchema>

export const RatingCreateSchema = z.object({
  workshopId: z.uuid(),
  year: Year,
  /** Scores of the manual criteria, 0–100 each, with the reviewer's note (required). */
  manual: z
    .array(z.object({ key: ManualKey, score: z.number().min(0).max(100), note: Text(500) }))
    .max(30)
    .default([]),
  note: optionalText(1000),
})
export type RatingCreate = z.infer<typeof RatingCreateSchema>

export const RatingListQuerySchema = PageQuerySchema.extend({
  year: Year,
  region: Code.optional(),
  stars: z.coerce.number().int().min(1).max(5).optional(),
  /** Stars at most (e.g. 2: the workshops to improve). */
  maxStars: z.coerce.number().int().min(1).max(5).optional(),
})

/** A workshop singled out for a rating year (nominated as a demonstration, or put on an improvement plan), and why. */
const workshopCaseFields = { id: z.string(), ...workshopRefFields, year: z.number().int(), reason: z.string() }
/** The same, as staff enter it. */
const workshopCaseInput = { workshopId: z.uuid(), year: Year, reason: Text(1000) }

export const NominationSchema = component('DemonstrationNomination', {
  ...workshopCaseFields,
  status: z.enum(['nominated', 'approved', 'rejected']),
  stars: z.number().int().nullable(),
  score: z.number().nullable(),
  nominatedAt: z.string(),
  nominatedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
})
export type Nomination = z.infer<typeof NominationSchema>
export const NominationCreateSchema = z.object(workshopCaseInput)
export const NominationDecisionSchema = z.object({ approve: z.boolean(), note: optionalText(1000) })
export const NominationListQuerySchema = PageQuerySchema.extend({
  year: Year.optional(),
  region: Code.optional(),
  status: z.enum(['nominated', 'approved', 'rejected']).optional(),
})

/** A demonstration workshop needs a rating of at least this many stars for the year. */
export const DEMONSTRATION_MIN_STARS = 4
/** Workshops rated at most this many stars are the ones to improve. */
export const IMPROVE_MAX_STARS = 2

export const FollowUpSchema = component('ImprovementFollowUp', {
  id: z.number().int(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
  result: z.string().nullable(),
  overdue: z.boolean(),
})
export const ImprovementPlanSchema = component('ImprovementPlan', {
  ...workshopCaseFields,
  plan: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closingNote: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  followUps: z.array(FollowUpSchema),
})
export type ImprovementPlan = z.infer<typeof ImprovementPlanSchema>
export const ImprovementPlanCreateSchema = z.object({
  ...workshopCaseInput,
  plan: Text(4000),
  /** First follow-up dates. */
  followUps: z.array(DateSchema).max(12).default([]),
})
export const FollowUpCreateSchema = z.object({ dueOn: DateSchema, note: optionalText(1000) })
export const FollowUpDoneSchema = z.object({ doneOn: DateSchema, result: Text(2000) })
export const PlanCloseSchema = z.object({ note: Text(2000) })
export const PlanListQuerySchema = programmePageQuery({
  status: z.enum(['open', 'closed']).optional(),
  /** Only plans with a follow-up due on or before today and not done. */
  overdue: QueryBoolSchema.optional(),
})
