/**
 * The programme's instruments around the workshop: ratings (百坊示范、千坊提升), training and skills,
 * policy targets and coverage, the shared-talent pool. Schemas used by the server and the web.
 */
import { z } from 'zod'
import { DateSchema, PageQuerySchema } from './common.ts'

const Code = z
  .string()
  .regex(/^33(\d{2}|\d{4}|\d{7}|\d{10})?$/, 'region code of Zhejiang (2, 4, 6, 9 or 12 digits starting 33)')
const Year = z.coerce.number().int().min(2018).max(2100)
const Text = (max: number) => z.string().trim().min(1).max(max)

// ---------------------------------------------------------------- ratings

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

export const CriterionSchema = z
  .object({
    key: z.string(),
    kind: z.enum(['computed', 'manual']),
    direction: z.enum(['higher', 'lower']),
    unit: z.enum(['people', 'percent', 'fen', 'months', 'count', 'score']),
    weight: z.number().int(),
    fullMark: z.number().nullable(),
    labelZh: z.string(),
    labelEn: z.string(),
  })
  .meta({ id: 'RatingCriterion' })

export const CriteriaSetSchema = z
  .object({
    county: z.string(),
    /** true when the county configured its own; false = province defaults. */
    configured: z.boolean(),
    criteria: z.array(CriterionSchema),
  })
  .meta({ id: 'RatingCriteriaSet' })
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

export const RatingScoreSchema = z
  .object({
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
  .meta({ id: 'RatingScore' })

export const RatingSchema = z
  .object({
    id: z.string(),
    workshopId: z.string(),
    workshopName: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
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
  .meta({ id: 'Rating' })
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
  note: z.string().trim().max(1000).optional(),
})
export type RatingCreate = z.infer<typeof RatingCreateSchema>

export const RatingListQuerySchema = PageQuerySchema.extend({
  year: Year,
  region: Code.optional(),
  stars: z.coerce.number().int().min(1).max(5).optional(),
  /** Stars at most (e.g. 2: the workshops to improve). */
  maxStars: z.coerce.number().int().min(1).max(5).optional(),
})

export const NominationSchema = z
  .object({
    id: z.string(),
    workshopId: z.string(),
    workshopName: z.string(),
    regionCode: z.string(),
    year: z.number().int(),
    reason: z.string(),
    status: z.enum(['nominated', 'approved', 'rejected']),
    stars: z.number().int().nullable(),
    score: z.number().nullable(),
    nominatedAt: z.string(),
    nominatedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'DemonstrationNomination' })
export type Nomination = z.infer<typeof NominationSchema>
export const NominationCreateSchema = z.object({ workshopId: z.uuid(), year: Year, reason: Text(1000) })
export const NominationDecisionSchema = z.object({ approve: z.boolean(), note: z.string().trim().max(1000).optional() })
export const NominationListQuerySchema = PageQuerySchema.extend({
  year: Year.optional(),
  region: Code.optional(),
  status: z.enum(['nominated', 'approved', 'rejected']).optional(),
})

/** A demonstration workshop needs a rating of at least this many stars for the year. */
export const DEMONSTRATION_MIN_STARS = 4
/** Workshops rated at most this many stars are the ones to improve. */
export const IMPROVE_MAX_STARS = 2

export const FollowUpSchema = z
  .object({
    id: z.number().int(),
    dueOn: z.string(),
    doneOn: z.string().nullable(),
    note: z.string().nullable(),
    result: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'ImprovementFollowUp' })
export const ImprovementPlanSchema = z
  .object({
    id: z.string(),
    workshopId: z.string(),
    workshopName: z.string(),
    regionCode: z.string(),
    year: z.number().int(),
    reason: z.string(),
    plan: z.string(),
    status: z.enum(['open', 'closed']),
    createdAt: z.string(),
    closingNote: z.string().nullable(),
    nextDueOn: z.string().nullable(),
    followUps: z.array(FollowUpSchema),
  })
  .meta({ id: 'ImprovementPlan' })
export type ImprovementPlan = z.infer<typeof ImprovementPlanSchema>
export const ImprovementPlanCreateSchema = z.object({
  workshopId: z.uuid(),
  year: Year,
  reason: Text(1000),
  plan: Text(4000),
  /** First follow-up dates. */
  followUps: z.array(DateSchema).max(12).default([]),
})
export const FollowUpCreateSchema = z.object({ dueOn: DateSchema, note: z.string().trim().max(1000).optional() })
export const FollowUpDoneSchema = z.object({ doneOn: DateSchema, result: Text(2000) })
export const PlanCloseSchema = z.object({ note: Text(2000) })
export const PlanListQuerySchema = PageQuerySchema.extend({
  region: Code.optional(),
  status: z.enum(['open', 'closed']).optional(),
  /** Only plans with a follow-up due on or before today and not done. */
  overdue: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
})

// ---------------------------------------------------------------- training

export const TrainingSessionSchema = z
  .object({
    id: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    workshopId: z.string().nullable(),
    topic: z.string(),
    skill: z.string(),
    trainer: z.string(),
    place: z.string(),
    sessionDate: z.string(),
    capacity: z.number().int(),
    enrolled: z.number().int(),
    attended: z.number().int(),
    /** For a worker: whether they are enrolled themselves. */
    mine: z.boolean(),
  })
  .meta({ id: 'TrainingSession' })
export type TrainingSession = z.infer<typeof TrainingSessionSchema>
export const TrainingSessionCreateSchema = z.object({
  regionCode: Code.refine((c) => c.length >= 9, 'township or village code'),
  workshopId: z.uuid().optional(),
  topic: Text(200),
  skill: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, 'skill key: lower-case letters, digits, _ or -'),
  trainer: Text(100),
  place: Text(200),
  sessionDate: DateSchema,
  capacity: z.number().int().min(1).max(10_000),
})
export const TrainingSessionListQuerySchema = PageQuerySchema.extend({
  region: Code.optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  skill: z.string().max(40).optional(),
})
export const EnrolmentSchema = z
  .object({
    workerId: z.string(),
    workerName: z.string(),
    regionCode: z.string(),
    enrolledAt: z.string(),
    attended: z.boolean(),
    attendedOn: z.string().nullable(),
  })
  .meta({ id: 'TrainingEnrolment' })
export const EnrolSchema = z.object({ workerId: z.uuid() })
export const AttendanceCreateSchema = z.object({ workerIds: z.array(z.uuid()).min(1).max(500) })
export const AttendanceResultSchema = z.object({
  recorded: z.number().int(),
  /** Workers already marked as attended (left unchanged). */
  already: z.number().int(),
  skillsAdded: z.number().int(),
})
export const WorkerSkillSchema = z
  .object({
    skill: z.string(),
    acquiredOn: z.string(),
    source: z.string(),
    sessionId: z.string().nullable(),
    topic: z.string().nullable(),
  })
  .meta({ id: 'WorkerSkill' })
export const HeadcountQuerySchema = z.object({
  region: Code.default('33'),
  year: Year.optional(),
})
export const HeadcountRowSchema = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    /** Distinct workers who attended at least one session. */
    trainedWorkers: z.number().int(),
    attendances: z.number().int(),
    sessions: z.number().int(),
  })
  .meta({ id: 'TrainingHeadcountRow' })
export const HeadcountSchema = z.object({
  region: z.string(),
  year: z.number().int().nullable(),
  total: HeadcountRowSchema,
  children: z.array(HeadcountRowSchema),
})

// ---------------------------------------------------------------- targets and coverage

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

export const TargetSchema = z
  .object({
    id: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    year: z.number().int(),
    figure: TargetFigureSchema,
    value: z.number().int(),
    note: z.string().nullable(),
    /** The live value now (for past years: as recorded for that year where the figure is yearly). */
    actual: z.number(),
    /** actual ÷ value in percent, one decimal. */
    progressPct: z.number(),
  })
  .meta({ id: 'Target' })
export type Target = z.infer<typeof TargetSchema>
export const TargetUpsertSchema = z.object({
  regionCode: Code,
  year: Year,
  figure: TargetFigureSchema,
  value: z.number().int().min(0).max(1e12),
  note: z.string().trim().max(500).optional(),
})
export const TargetListQuerySchema = PageQuerySchema.extend({ region: Code.optional(), year: Year.optional() })

export const CoverageQuerySchema = PageQuerySchema.extend({
  region: Code.default('33'),
  level: z.enum(['township', 'village']).default('township'),
  /** Only the places without an operating workshop. */
  missingOnly: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  /** Only places in the 26 mountain counties. */
  mountainOnly: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
})
export const CoverageRowSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    countyCode: z.string(),
    countyName: z.string(),
    mountain: z.boolean(),
    operatingWorkshops: z.number().int(),
    covered: z.boolean(),
  })
  .meta({ id: 'CoverageRow' })
export type CoverageRow = z.infer<typeof CoverageRowSchema>
export const CoverageMapRowSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    mountain: z.boolean(),
    townships: z.number().int(),
    coveredTownships: z.number().int(),
    villages: z.number().int(),
    coveredVillages: z.number().int(),
    operatingWorkshops: z.number().int(),
    /** Covered townships in percent, one decimal: what the cockpit map colours. */
    townshipCoveragePct: z.number(),
  })
  .meta({ id: 'CoverageMapRow' })
export type CoverageMapRow = z.infer<typeof CoverageMapRowSchema>
export const CoverageMapSchema = z.object({
  region: z.string(),
  total: CoverageMapRowSchema,
  children: z.array(CoverageMapRowSchema),
})
export const MountainCountySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    cityName: z.string().nullable(),
    townships: z.number().int(),
    coveredTownships: z.number().int(),
  })
  .meta({ id: 'MountainCounty' })

// ---------------------------------------------------------------- talent pool

export const AVAILABILITY = ['available', 'busy', 'unavailable'] as const
export const ExpertSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    /** Masked unless the caller is staff. */
    phone: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    skills: z.array(z.string()),
    availability: z.enum(AVAILABILITY),
    bio: z.string().nullable(),
    hasLogin: z.boolean(),
    openProblems: z.number().int(),
    resolvedProblems: z.number().int(),
  })
  .meta({ id: 'Expert' })
export type Expert = z.infer<typeof ExpertSchema>
const SkillList = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_-]{1,39}$/, 'skill key'),
  )
  .max(20)
export const ExpertCreateSchema = z.object({
  name: Text(60),
  title: z.string().trim().max(100).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, 'mobile number')
    .optional(),
  regionCode: Code,
  skills: SkillList.min(1),
  availability: z.enum(AVAILABILITY).default('available'),
  bio: z.string().trim().max(2000).optional(),
  /** Username of an existing account the expert logs in with. */
  username: z.string().trim().min(1).max(64).optional(),
})
export const ExpertUpdateSchema = z.object({
  title: z.string().trim().max(100).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, 'mobile number')
    .optional(),
  skills: SkillList.min(1).optional(),
  availability: z.enum(AVAILABILITY).optional(),
  bio: z.string().trim().max(2000).optional(),
})
export const ExpertListQuerySchema = PageQuerySchema.extend({
  region: Code.optional(),
  skill: z.string().max(40).optional(),
  availability: z.enum(AVAILABILITY).optional(),
})

export const PROBLEM_STATUSES = ['open', 'accepted', 'resolved', 'unresolved'] as const
export const TechProblemSchema = z
  .object({
    id: z.string(),
    workshopId: z.string(),
    workshopName: z.string(),
    regionCode: z.string(),
    title: z.string(),
    description: z.string(),
    skill: z.string().nullable(),
    status: z.enum(PROBLEM_STATUSES),
    postedAt: z.string(),
    expertId: z.string().nullable(),
    expertName: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    outcome: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'TechProblem' })
export type TechProblem = z.infer<typeof TechProblemSchema>
export const TechProblemCreateSchema = z.object({
  workshopId: z.uuid(),
  title: Text(200),
  description: Text(4000),
  skill: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, 'skill key')
    .optional(),
})
/** Staff name the expert; an expert accepting for themselves leaves it out. */
export const TechProblemAcceptSchema = z.object({ expertId: z.uuid().optional() })
export const TechProblemOutcomeSchema = z.object({ resolved: z.boolean(), outcome: Text(4000) })
export const TechProblemListQuerySchema = PageQuerySchema.extend({
  region: Code.optional(),
  status: z.enum(PROBLEM_STATUSES).optional(),
  workshopId: z.uuid().optional(),
  /** Only the problems of the expert linked to the caller's account. */
  mine: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
})
