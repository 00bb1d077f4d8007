import { z } from 'zod'
import { DateSchema, FenSchema, PageQuerySchema, dateRangeFields, pageFields, searchText, requiredText, enteredFen, component, regionPageQuery, optionalText } from './common.ts'

/** Kinds of village-collective income (PRODUCT.md: rent, management fees and dividends). */
export const INCOME_KINDS = ['rent', 'management_fee', 'dividend', 'other'] as const
export const IncomeKindSchema = z.enum(INCOME_KINDS)
export type IncomeKind = z.infer<typeof IncomeKindSchema>

/** 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
export const PeriodSchema = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'YYYY, YYYY-Qn or YYYY-MM')

const PositiveFen = enteredFen(1).describe('Amount in integer fen (1 yuan = 100 fen), > 0')

/** The collective a record is entered for: staff name it; a collective account omits it (its own collective). */
const ownCollectiveInput = { collectiveId: z.uuid().optional() }

/** A row's collective: its id, name and region code. */
const collectiveRefFields = { collectiveId: z.string(), collectiveName: z.string(), regionCode: z.string() }

/** Where an income came from, when it came through the platform: a workshop or an enterprise (id and name). */
const incomeSourceFields = {
  sourceWorkshopId: z.string().nullable(),
  sourceWorkshopName: z.string().nullable(),
  sourceEnterpriseId: z.string().nullable(),
  sourceEnterpriseName: z.string().nullable(),
}

export const CollectiveIncomeSchema = component('CollectiveIncome', {
  id: z.number().int(),
  ...collectiveRefFields,
  kind: IncomeKindSchema,
  amountFen: FenSchema,
  incomeDate: z.string(),
  period: z.string().nullable(),
  ...incomeSourceFields,
  note: z.string().nullable(),
  bookedAt: z.string(),
})
export type CollectiveIncome = z.infer<typeof CollectiveIncomeSchema>

export const CollectiveIncomeCreateSchema = component('CollectiveIncomeCreate', {
  ...ownCollectiveInput,
  kind: IncomeKindSchema,
  amountFen: PositiveFen,
  incomeDate: DateSchema,
  period: PeriodSchema.optional(),
  sourceWorkshopId: z.uuid().optional(),
  sourceEnterpriseId: z.uuid().optional(),
  note: optionalText(500),
})
export type CollectiveIncomeCreate = z.infer<typeof CollectiveIncomeCreateSchema>

export const CollectiveIncomeListQuerySchema = regionPageQuery({
  collectiveId: z.uuid().optional(),
  kind: IncomeKindSchema.optional(),
  ...dateRangeFields,
})
export type CollectiveIncomeListQuery = z.infer<typeof CollectiveIncomeListQuerySchema>

export const CollectiveIncomePageSchema = z.object({
  ...pageFields(CollectiveIncomeSchema),
  /** Sum over all matching rows (not only this page), and per kind. */
  sumFen: FenSchema,
  byKind: z.record(z.string(), FenSchema),
})

export const CollectiveOptionSchema = z.object({ id: z.string(), name: z.string(), regionCode: z.string() }).meta({ id: 'CollectiveOption' })
export type CollectiveOption = z.infer<typeof CollectiveOptionSchema>

// ---- Members and profit sharing -------------------------------------------------------------

/** A member household as its shares are held and paid: household number, head of household, shares. */
const householdFields = { householdNo: z.string(), headName: z.string(), shares: z.number().int() }
/** Shares a household is entered with. */
const SharesInput = z.number().int().min(0).max(1_000_000)

export const CollectiveMemberSchema = component('CollectiveMember', {
  id: z.string(),
  collectiveId: z.string(),
  ...householdFields,
  workerId: z.string().nullable(),
  active: z.boolean(),
})
export type CollectiveMember = z.infer<typeof CollectiveMemberSchema>

export const CollectiveMemberCreateSchema = z.object({
  ...ownCollectiveInput,
  householdNo: requiredText(40),
  headName: requiredText(60),
  shares: SharesInput,
  workerId: z.uuid().optional(),
})
export type CollectiveMemberCreate = z.infer<typeof CollectiveMemberCreateSchema>

export const CollectiveMemberUpdateSchema = z
  .object({
    headName: requiredText(60),
    shares: SharesInput,
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')

export const CollectiveMemberListQuerySchema = PageQuerySchema.extend({
  collectiveId: z.uuid().optional(),
  q: searchText(60).optional(),
})

export const RUN_STATUSES = ['draft', 'confirmed'] as const

export const ProfitSharingRunSchema = component('ProfitSharingRun', {
  id: z.string(),
  ...collectiveRefFields,
  title: z.string(),
  period: z.string(),
  totalFen: FenSchema,
  totalShares: z.number().int(),
  households: z.number().int(),
  status: z.enum(RUN_STATUSES),
  note: z.string().nullable(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
})
export type ProfitSharingRun = z.infer<typeof ProfitSharingRunSchema>

export const ProfitSharingLineSchema = component('ProfitSharingLine', {
  memberId: z.string(),
  seq: z.number().int(),
  ...householdFields,
  amountFen: FenSchema,
})
export type ProfitSharingLine = z.infer<typeof ProfitSharingLineSchema>

export const ProfitSharingRunDetailSchema = ProfitSharingRunSchema.extend({
  lines: z.array(ProfitSharingLineSchema),
  regionName: z.string().nullable(),
}).meta({ id: 'ProfitSharingRunDetail' })
export type ProfitSharingRunDetail = z.infer<typeof ProfitSharingRunDetailSchema>

export const ProfitSharingRunCreateSchema = z.object({
  ...ownCollectiveInput,
  title: requiredText(100),
  period: PeriodSchema,
  totalFen: PositiveFen,
  note: optionalText(500),
})
export type ProfitSharingRunCreate = z.infer<typeof ProfitSharingRunCreateSchema>

export const ProfitSharingRunListQuerySchema = PageQuerySchema.extend({
  collectiveId: z.uuid().optional(),
  status: z.enum(RUN_STATUSES).optional(),
})
