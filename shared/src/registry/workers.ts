/**
 * Workers (农户): the record, consent, reveal, low-income periods, memberships and list query.
 */
import { z } from 'zod'
import { DateSchema, QueryBoolSchema, keysEnum, regionRefFields, sortFields, editedAtFields, requiredText, component, regionPageQuery, workshopNameFields } from '../common.ts'
import { villageCode, skill, skillList } from './fields.ts'
import { WEEKDAYS, IdNumberSchema, PhoneSchema } from './codes.ts'

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

export const DisabilityConsentSchema = component('DisabilityConsent', {
  id: z.number().int(),
  givenOn: z.string(),
  purpose: z.string(),
  purposeNote: z.string().nullable(),
  witness: z.string(),
  recordedAt: z.string(),
  withdrawnOn: z.string().nullable(),
})

export const WorkerSchema = component('Worker', {
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
    z.object({ id: z.number().int(), ...workshopNameFields, startOn: z.string(), endOn: z.string().nullable() }),
  ),
  ...editedAtFields,
})
export type Worker = z.infer<typeof WorkerSchema>
export const WorkerListItemSchema = WorkerSchema.omit({ lowIncomePeriods: true, memberships: true, disabilityConsent: true }).meta({ id: 'WorkerListItem' })
export type WorkerListItem = z.infer<typeof WorkerListItemSchema>

/** Monthly income before joining, integer fen; stated once for the create and update forms. */
const baselineIncomeFen = z.number().int().min(0).max(100_000_000)

export const WorkerCreateSchema = component('WorkerCreate', {
  name: requiredText(50),
  idNumber: IdNumberSchema,
  phone: PhoneSchema.nullable().optional(),
  regionCode: villageCode,
  household: z.string().trim().max(100).nullable().optional(),
  lowIncomeSince: DateSchema.nullable().optional().describe('Registered low-income household since (opens a period)'),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  /** Needed with a disability grade unless a consent is already on record. */
  disabilityConsent: DisabilityConsentInputSchema.optional(),
  skills: skillList.default([]),
  availability: AvailabilitySchema.nullable().optional(),
  baselineMonthlyIncomeFen: baselineIncomeFen.default(0),
  baselineSource: z.string().trim().max(200).nullable().optional(),
})
export type WorkerCreate = z.input<typeof WorkerCreateSchema>

/** The ID number is the person: it is not changed by an update (create a new record instead). */
export const WorkerUpdateSchema = WorkerCreateSchema.omit({ idNumber: true, lowIncomeSince: true })
  .partial()
  .extend({
    skills: skillList.optional(),
    baselineMonthlyIncomeFen: baselineIncomeFen.optional(),
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
export const WorkerListQuerySchema = regionPageQuery({
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
export const MemberSchema = component('WorkshopMember', {
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
