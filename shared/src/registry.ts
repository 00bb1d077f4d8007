import { z } from 'zod'
import { DateSchema, PageQuerySchema, QueryBoolSchema, RegionPrefixSchema, keysEnum, regionRefFields, searchText, sortFields, editedAtFields, requiredText } from './common.ts'
import { isValidCreditCode, isValidPhone, parseIdNumber } from './validators.ts'

// ---------------------------------------------------------------------------------------------
// Code lists (stable codes in the API and database; Chinese labels for people and spreadsheets)
// ---------------------------------------------------------------------------------------------

import { WORKSHOP_TYPES, type WorkshopType } from './workshop-types.ts'
export { WORKSHOP_TYPES, type WorkshopType }
export const WorkshopTypeSchema = z.enum(WORKSHOP_TYPES)
export const WORKSHOP_TYPE_LABELS: Record<WorkshopType, { zh: string; en: string }> = {
  processing: { zh: '来料加工', en: 'Processing of supplied materials' },
  recruitment: { zh: '定向招工', en: 'Targeted recruitment' },
  ecommerce: { zh: '电商直播', en: 'E-commerce / livestream' },
  agritourism: { zh: '农旅融合', en: 'Agriculture-tourism' },
  brand: { zh: '品牌带动', en: 'Brand-led' },
  industry: { zh: '产业赋能', en: 'Industry empowerment' },
}

export const WORKSHOP_STATUSES = ['planned', 'operating', 'suspended', 'closed'] as const
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number]
export const WorkshopStatusSchema = z.enum(WORKSHOP_STATUSES)
export const WORKSHOP_STATUS_LABELS: Record<WorkshopStatus, { zh: string; en: string }> = {
  planned: { zh: '筹建中', en: 'Planned' },
  operating: { zh: '运营中', en: 'Operating' },
  suspended: { zh: '暂停', en: 'Suspended' },
  closed: { zh: '已关闭', en: 'Closed' },
}
/** Allowed status changes: planned → operating → suspended ⇄ operating; anything but closed → closed. */
export const WORKSHOP_STATUS_NEXT: Record<WorkshopStatus, readonly WorkshopStatus[]> = {
  planned: ['operating', 'closed'],
  operating: ['suspended', 'closed'],
  suspended: ['operating', 'closed'],
  closed: [],
}

export const COLLECTIVE_KINDS = ['collective', 'company', 'cooperative'] as const
export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number]
export const CollectiveKindSchema = z.enum(COLLECTIVE_KINDS)
export const COLLECTIVE_KIND_LABELS: Record<CollectiveKind, { zh: string; en: string }> = {
  collective: { zh: '村股份经济合作社', en: 'Village collective' },
  company: { zh: '强村公司', en: 'Strong-village company' },
  cooperative: { zh: '专业合作社', en: 'Cooperative' },
}

/** Skills as free codes; these are the common ones the UI offers (others are accepted). */
export const COMMON_SKILLS = ['sorting', 'packing', 'sewing', 'assembly', 'weaving', 'embroidery', 'livestream', 'cooking', 'farming', 'guiding', 'bamboo', 'woodwork'] as const
export const SKILL_LABELS: Record<string, { zh: string; en: string }> = {
  sorting: { zh: '分拣', en: 'Sorting' },
  packing: { zh: '包装', en: 'Packing' },
  sewing: { zh: '缝纫', en: 'Sewing' },
  assembly: { zh: '组装', en: 'Assembly' },
  weaving: { zh: '编织', en: 'Weaving' },
  embroidery: { zh: '刺绣', en: 'Embroidery' },
  livestream: { zh: '直播带货', en: 'Livestreaming' },
  cooking: { zh: '农家餐饮', en: 'Cooking' },
  farming: { zh: '种养殖', en: 'Farming' },
  guiding: { zh: '导游讲解', en: 'Guiding' },
  bamboo: { zh: '竹编', en: 'Bamboo craft' },
  woodwork: { zh: '木工', en: 'Woodwork' },
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

// ---------------------------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------------------------

const villageCode = z.string().regex(/^\d{12}$/, '应为 12 位村级行政区划代码 / 12-digit village code')
const regionCode = z.string().regex(/^\d{2,12}$/, '应为行政区划代码 / region code')
const skill = requiredText(30)
const name = requiredText(100)

export const IdNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => parseIdNumber(s) !== null, '身份证号无效（校验位或出生日期不符）/ invalid ID number')

export const PhoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .refine(isValidPhone, '手机号或电话号码无效 / invalid phone number')

export const CreditCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidCreditCode, '统一社会信用代码无效（校验位不符）/ invalid unified social credit code')

export const HistoryEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    action: z.string(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .meta({ id: 'HistoryEntry' })
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

// ---------------------------------------------------------------------------------------------
// Workshops
// ---------------------------------------------------------------------------------------------

export const WorkshopSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: WorkshopTypeSchema,
    ...regionRefFields,
    collectiveId: z.string().nullable(),
    collectiveName: z.string().nullable(),
    operatorUserId: z.string().nullable(),
    operatorName: z.string().nullable(),
    address: z.string().nullable(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    floorAreaM2: z.number().int().nullable(),
    dailyCapacity: z.number().int().describe('Pieces per working day'),
    workerPlaces: z.number().int(),
    skills: z.array(z.string()),
    status: WorkshopStatusSchema,
    openedOn: z.string().nullable(),
    photos: z.array(z.string()),
    enterprises: z.array(z.object({ id: z.string(), name: z.string(), since: z.string().nullable() })),
    memberCount: z.number().int().describe('Current members (no end date or ending in the future)'),
    ...editedAtFields,
  })
  .meta({ id: 'Workshop' })
export type Workshop = z.infer<typeof WorkshopSchema>

export const WorkshopCreateSchema = z
  .object({
    name,
    type: WorkshopTypeSchema,
    regionCode: villageCode,
    collectiveId: z.uuid().nullable().optional(),
    operatorUserId: z.uuid().nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    lng: z.number().min(73).max(136).nullable().optional(),
    lat: z.number().min(3).max(54).nullable().optional(),
    floorAreaM2: z.number().int().min(0).max(1_000_000).nullable().optional(),
    dailyCapacity: z.number().int().min(0).max(10_000_000).default(0),
    workerPlaces: z.number().int().min(0).max(100_000).default(0),
    skills: z.array(skill).max(50).default([]),
    status: WorkshopStatusSchema.default('planned'),
    openedOn: DateSchema.nullable().optional(),
    photos: z.array(z.string().max(500)).max(20).default([]),
    enterpriseIds: z.array(z.uuid()).max(100).default([]),
  })
  .meta({ id: 'WorkshopCreate' })
export type WorkshopCreate = z.input<typeof WorkshopCreateSchema>

/** Status is changed through POST /workshops/{id}/status (dated), not here. */
export const WorkshopUpdateSchema = WorkshopCreateSchema.omit({ status: true })
  .partial()
  .extend({
    dailyCapacity: z.number().int().min(0).max(10_000_000).optional(),
    workerPlaces: z.number().int().min(0).max(100_000).optional(),
    skills: z.array(skill).max(50).optional(),
    photos: z.array(z.string().max(500)).max(20).optional(),
    enterpriseIds: z.array(z.uuid()).max(100).optional(),
  })
  .meta({ id: 'WorkshopUpdate' })
export type WorkshopUpdate = z.input<typeof WorkshopUpdateSchema>

export const WorkshopStatusChangeSchema = z
  .object({
    status: WorkshopStatusSchema,
    effectiveOn: DateSchema,
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'WorkshopStatusChange' })

export const WorkshopStatusEntrySchema = z.object({
  status: WorkshopStatusSchema,
  effectiveOn: z.string(),
  note: z.string().nullable(),
  at: z.string(),
})

export const WORKSHOP_SORTS = ['name', 'regionCode', 'type', 'status', 'dailyCapacity', 'openedOn', 'createdAt'] as const
export const WorkshopListQuerySchema = PageQuerySchema.extend({
  region: RegionPrefixSchema.optional(),
  type: WorkshopTypeSchema.optional(),
  status: WorkshopStatusSchema.optional(),
  skill: skill.optional(),
  enterpriseId: z.uuid().optional(),
  collectiveId: z.uuid().optional(),
  q: searchText().optional(),
  ...sortFields(WORKSHOP_SORTS, 'name'),
})
export type WorkshopListQuery = z.infer<typeof WorkshopListQuerySchema>

// ---------------------------------------------------------------------------------------------
// Enterprises
// ---------------------------------------------------------------------------------------------

export const EnterpriseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string(),
    ...regionRefFields,
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable().describe('Masked (*******5678, last 4 only) unless the caller may see it').meta({ example: '*******1234' }),
    industry: z.string().nullable(),
    workshops: z.array(z.object({ id: z.string(), name: z.string() })),
    ...editedAtFields,
  })
  .meta({ id: 'Enterprise' })
export type Enterprise = z.infer<typeof EnterpriseSchema>

export const EnterpriseCreateSchema = z
  .object({
    name,
    creditCode: CreditCodeSchema,
    regionCode,
    contactName: z.string().trim().max(50).nullable().optional(),
    contactPhone: PhoneSchema.nullable().optional(),
    industry: z.string().trim().max(50).nullable().optional(),
  })
  .meta({ id: 'EnterpriseCreate' })
export type EnterpriseCreate = z.input<typeof EnterpriseCreateSchema>
export const EnterpriseUpdateSchema = EnterpriseCreateSchema.partial().meta({ id: 'EnterpriseUpdate' })

export const ENTERPRISE_SORTS = ['name', 'regionCode', 'industry', 'createdAt'] as const
export const EnterpriseListQuerySchema = PageQuerySchema.extend({
  region: RegionPrefixSchema.optional(),
  industry: requiredText(50).optional(),
  q: searchText().optional(),
  ...sortFields(ENTERPRISE_SORTS, 'name'),
})
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuerySchema>

// ---------------------------------------------------------------------------------------------
// Collectives
// ---------------------------------------------------------------------------------------------

export const CollectiveSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: CollectiveKindSchema,
    ...regionRefFields,
    creditCode: z.string().nullable(),
    workshopCount: z.number().int(),
    ...editedAtFields,
  })
  .meta({ id: 'Collective' })
export type Collective = z.infer<typeof CollectiveSchema>

export const CollectiveCreateSchema = z
  .object({
    name,
    kind: CollectiveKindSchema,
    regionCode,
    creditCode: CreditCodeSchema.nullable().optional(),
  })
  .meta({ id: 'CollectiveCreate' })
export const CollectiveUpdateSchema = CollectiveCreateSchema.partial().meta({ id: 'CollectiveUpdate' })

export const COLLECTIVE_SORTS = ['name', 'regionCode', 'kind', 'createdAt'] as const
export const CollectiveListQuerySchema = PageQuerySchema.extend({
  region: RegionPrefixSchema.optional(),
  kind: CollectiveKindSchema.optional(),
  q: searchText().optional(),
  ...sortFields(COLLECTIVE_SORTS, 'name'),
})
export type CollectiveListQuery = z.infer<typeof CollectiveListQuerySchema>

// ---------------------------------------------------------------------------------------------
// Workers
// ---------------------------------------------------------------------------------------------

export const AvailabilitySchema = z.object({
  days: z.array(z.enum(WEEKDAYS)).max(7).optional(),
  hoursPerDay: z.number().min(0).max(16).optional(),
})

/** What a worker agrees their disability grade is used for (a code list, with words). */
export const DISABILITY_CONSENT_PURPOSES = {
  'employment-support': { zh: '就业帮扶（优先派单、岗位适配）', en: 'Employment support (priority work, suitable tasks)' },
  'subsidy-claim': { zh: '申领残疾人就业补贴', en: 'Claiming disability employment subsidies' },
  statistics: { zh: '残联统计上报', en: "Statistics for the disabled persons' federation" },
  other: { zh: '其他（须说明）', en: 'Other (say what)' },
} as const
export type DisabilityConsentPurpose = keyof typeof DISABILITY_CONSENT_PURPOSES

export const DisabilityConsentInputSchema = z
  .object({
    givenOn: DateSchema,
    purpose: keysEnum(DISABILITY_CONSENT_PURPOSES),
    purposeNote: z.string().trim().min(2).max(200).optional(),
    /** Who saw the worker agree (a staff member, the village cadre, a family member). */
    witness: z.string().trim().min(2).max(50),
  })
  .refine((v) => v.purpose !== 'other' || !!v.purposeNote, { message: '用途为“其他”时须说明 / say what the purpose is', path: ['purposeNote'] })
  .meta({ id: 'DisabilityConsentInput' })
export type DisabilityConsentInput = z.input<typeof DisabilityConsentInputSchema>

export const DisabilityConsentSchema = z
  .object({
    id: z.number().int(),
    givenOn: z.string(),
    purpose: z.string(),
    purposeNote: z.string().nullable(),
    witness: z.string(),
    recordedAt: z.string(),
    withdrawnOn: z.string().nullable(),
  })
  .meta({ id: 'DisabilityConsent' })

export const WorkerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idNumber: z.string().describe('Masked (**************123X, last 4 only) for every caller; the full number one person at a time through POST /workers/{id}/reveal').meta({ example: '**************1287' }),
    idNumberMasked: z.boolean(),
    birthDate: z
      .string()
      .nullable()
      .describe('Derived from the ID number; null where the ID number is masked (with the last 4 it would rebuild the number: the age stays)')
      .meta({ example: null }),
    age: z.number().int().describe('Whole years on the China date'),
    sex: z.enum(['F', 'M']).describe('Derived from the ID number'),
    phone: z.string().nullable().describe('Masked (*******5678, last 4 only) for every caller; in full through reveal').meta({ example: '*******1234' }),
    ...regionRefFields,
    household: z.string().nullable(),
    lowIncome: z.boolean().nullable().describe('In a registered low-income household today; null: not shown to this caller (auth/access seesSensitiveFacts)'),
    lowIncomePeriods: z.array(z.object({ id: z.number().int(), startOn: z.string(), endOn: z.string().nullable() })),
    disabilityGrade: z.number().int().min(1).max(4).nullable(),
    /** The consent in force for the disability grade (null: none on record). */
    disabilityConsent: DisabilityConsentSchema.nullable(),
    skills: z.array(z.string()),
    availability: AvailabilitySchema.nullable(),
    baselineMonthlyIncomeFen: z.number().int().describe('Monthly income before joining, integer fen'),
    baselineSource: z.string().nullable(),
    memberships: z.array(
      z.object({ id: z.number().int(), workshopId: z.string(), workshopName: z.string(), startOn: z.string(), endOn: z.string().nullable() }),
    ),
    ...editedAtFields,
  })
  .meta({ id: 'Worker' })
export type Worker = z.infer<typeof WorkerSchema>
export const WorkerListItemSchema = WorkerSchema.omit({ lowIncomePeriods: true, memberships: true, disabilityConsent: true }).meta({ id: 'WorkerListItem' })
export type WorkerListItem = z.infer<typeof WorkerListItemSchema>

export const WorkerCreateSchema = z
  .object({
    name: requiredText(50),
    idNumber: IdNumberSchema,
    phone: PhoneSchema.nullable().optional(),
    regionCode: villageCode,
    household: z.string().trim().max(100).nullable().optional(),
    lowIncomeSince: DateSchema.nullable().optional().describe('Registered low-income household since (opens a period)'),
    disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
    /** Needed with a disability grade unless a consent is already on record. */
    disabilityConsent: DisabilityConsentInputSchema.optional(),
    skills: z.array(skill).max(50).default([]),
    availability: AvailabilitySchema.nullable().optional(),
    baselineMonthlyIncomeFen: z.number().int().min(0).max(100_000_000).default(0),
    baselineSource: z.string().trim().max(200).nullable().optional(),
  })
  .meta({ id: 'WorkerCreate' })
export type WorkerCreate = z.input<typeof WorkerCreateSchema>

/** The ID number is the person: it is not changed by an update (create a new record instead). */
export const WorkerUpdateSchema = WorkerCreateSchema.omit({ idNumber: true, lowIncomeSince: true })
  .partial()
  .extend({
    skills: z.array(skill).max(50).optional(),
    baselineMonthlyIncomeFen: z.number().int().min(0).max(100_000_000).optional(),
  })
  .meta({ id: 'WorkerUpdate' })
export type WorkerUpdate = z.input<typeof WorkerUpdateSchema>

export const LowIncomeChangeSchema = z
  .object({ action: z.enum(['enter', 'leave']), on: DateSchema })
  .meta({ id: 'LowIncomeChange' })

/** Why someone looks at a full ID or phone number: a short code list, and words for "other". */
export const REVEAL_REASONS = {
  'pay-by-bank': { zh: '银行代发工资核对', en: 'Checking a bank wage payment' },
  'identity-check': { zh: '身份核验', en: 'Identity check' },
  dispute: { zh: '纠纷调解', en: 'Mediating a dispute' },
  other: { zh: '其他（须说明）', en: 'Other (say why)' },
} as const
export type RevealReason = keyof typeof REVEAL_REASONS

export const RevealSchema = z
  .object({
    reasonCode: keysEnum(REVEAL_REASONS).default('other'),
    /** Required for "other"; optional words beside a listed reason. */
    reason: z.string().trim().min(2).max(200).optional(),
  })
  .refine((v) => v.reasonCode !== 'other' || !!v.reason, { message: '选择“其他”时须填写原因 / say why when the reason is "other"', path: ['reason'] })
  .meta({ id: 'RevealRequest' })
export const RevealResultSchema = z.object({ idNumber: z.string(), phone: z.string().nullable() })

export const WORKER_SORTS = ['name', 'regionCode', 'birthDate', 'baselineMonthlyIncomeFen', 'createdAt'] as const
export const WorkerListQuerySchema = PageQuerySchema.extend({
  region: RegionPrefixSchema.optional(),
  workshopId: z.uuid().optional(),
  lowIncome: QueryBoolSchema.optional(),
  disability: QueryBoolSchema.optional(),
  skill: skill.optional(),
  sex: z.enum(['F', 'M']).optional(),
  minAge: z.coerce.number().int().min(0).max(150).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe('Name or household; callers who see full numbers also: a full ID number, a full mobile number, or the last 4 of either (exact, by blind index)'),
  ...sortFields(WORKER_SORTS, 'name'),
})
export type WorkerListQuery = z.infer<typeof WorkerListQuerySchema>

// Roster (operator's phone page)
export const MemberSchema = z
  .object({
    id: z.number().int(),
    workshopId: z.string(),
    workerId: z.string(),
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    sex: z.enum(['F', 'M']),
    age: z.number().int(),
    lowIncome: z.boolean().nullable().describe('null: not shown to this caller (auth/access seesSensitiveFacts)'),
    disabilityGrade: z.number().int().nullable().describe('None, or null: not shown to this caller (auth/access seesSensitiveFacts)'),
    skills: z.array(z.string()),
    startOn: z.string(),
    endOn: z.string().nullable(),
  })
  .meta({ id: 'WorkshopMember' })
export type Member = z.infer<typeof MemberSchema>

export const MemberAddSchema = z
  .object({
    startOn: DateSchema,
    /** An existing worker the caller can see … */
    workerId: z.uuid().optional(),
    /** … or a person by ID number: linked if registered under the same name, created otherwise. */
    worker: WorkerCreateSchema.optional(),
  })
  .refine((v) => Boolean(v.workerId) !== Boolean(v.worker), { message: 'workerId 与 worker 二选一 / give workerId or worker', path: ['worker'] })
  .meta({ id: 'MemberAdd' })
export type MemberAdd = z.infer<typeof MemberAddSchema>

export const MemberEndSchema = z.object({ endOn: DateSchema }).meta({ id: 'MemberEnd' })

// ---------------------------------------------------------------------------------------------
// Imports and jobs
// ---------------------------------------------------------------------------------------------

export const IMPORT_KINDS = ['workers', 'workshops', 'enterprises'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]
export const ImportKindSchema = z.enum(IMPORT_KINDS)

export const ImportErrorSchema = z
  .object({
    row: z.number().int().describe('Row number as shown in the spreadsheet (header = 1)'),
    column: z.string().describe('Column header as in the file (or the field name)'),
    value: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ImportError' })
export type ImportError = z.infer<typeof ImportErrorSchema>

export const ImportResultSchema = z
  .object({
    kind: ImportKindSchema,
    dryRun: z.boolean(),
    total: z.number().int().describe('Data rows in the file'),
    valid: z.number().int(),
    imported: z.number().int().describe('Rows written (0 when dryRun or any row is bad: imports are atomic)'),
    encoding: z.string().describe('utf-8, utf-8-bom, gbk or xlsx'),
    errors: z.array(ImportErrorSchema),
    preview: z
      .array(z.record(z.string(), z.unknown()))
      .describe('First rows as parsed; ID and phone numbers masked (last 4), the birth date given as birthYear only'),
    jobId: z.string().nullable().describe('Set when the import runs in the background (> 5,000 rows)'),
  })
  .meta({ id: 'ImportResult' })
export type ImportResult = z.infer<typeof ImportResultSchema>

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const
export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(JOB_STATES),
    processed: z.number().int(),
    total: z.number().int(),
    errors: z.array(ImportErrorSchema),
    // A union, not .nullable(): the OpenAPI generator drops null from a nullable registered schema (a $ref).
    result: z.union([ImportResultSchema, z.null()]),
    download: z
      .object({ url: z.string(), fileName: z.string(), bytes: z.number().int() })
      .nullable()
      .optional()
      .describe('An export job when done: where its file is (owner only, kept for a while after the end)'),
    ...editedAtFields,
  })
  .meta({ id: 'Job' })

/** Exports that may take long at province scale, run as background jobs (the same file as the direct download). */
export const EXPORT_JOB_KINDS = ['income-alerts', 'income-workers', 'workers', 'workshops', 'enterprises', 'collectives', 'coverage', 'wage-ledger'] as const
export const ExportJobRequestSchema = z
  .object({
    kind: z.enum(EXPORT_JOB_KINDS),
    /** The paysheet of a wage ledger. */
    id: z.uuid().optional(),
    /** The direct export's query parameters (filters, month, format…), as strings. */
    query: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).default({}),
  })
  .meta({ id: 'ExportJobRequest' })
export type ExportJobRequest = z.infer<typeof ExportJobRequestSchema>
export type Job = z.infer<typeof JobSchema>

export const ExportFormatSchema = z.enum(['xlsx', 'csv'])
