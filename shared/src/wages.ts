import { z } from 'zod'
import { DeductionSchema } from './deductions.ts'
import { DateSchema, FenSchema, MonthSchema, RegionPrefixSchema, dateRangeFields, workerRefFields, requiredText, component, regionRefFields, optionalText } from './common.ts'

/** Piece rates are integer centifen: 1/100 fen (sub-fen rates are common for small pieces). */
export const CentifenSchema = z.number().int().min(0).max(100_000_000).describe('Rate in integer centifen (1/100 fen) per good piece')

export const PaysheetStatusSchema = z.enum(['draft', 'submitted', 'locked', 'paid'])
export type PaysheetStatus = z.infer<typeof PaysheetStatusSchema>

export const PayMethodSchema = z.enum(['bank', 'cash', 'wechat', 'alipay', 'other'])
export type PayMethod = z.infer<typeof PayMethodSchema>

/** Pieces of one line as entered: at most a million (a typo guard, far above a day's work). */
const PieceQty = z.number().int().min(0).max(1_000_000)
/** A line's or a sum's counted pieces: good (paid) and rejected (not paid). */
const pieceQtyFields = { goodQty: z.number().int(), rejectedQty: z.number().int() }

/** One line of a day sheet: a worker's good and rejected pieces of one item on one day. */
export const WorkRecordLineInputSchema = z
  .object({
    workerId: z.uuid(),
    workDate: DateSchema,
    /** A workshop's own product (its worker rate applies) … */
    productId: z.uuid().optional(),
    /** … or an accepted allocation of an enterprise order (the order's worker rate applies unless overridden). */
    allocationId: z.uuid().optional(),
    /** Only with allocationId: the worker rate the workshop pays, when it differs from the order's suggestion. */
    rateCentifen: CentifenSchema.optional(),
    goodQty: PieceQty,
    rejectedQty: PieceQty.default(0),
    /** Optional hours worked (0.25 steps). */
    hours: z.number().min(0).max(24).multipleOf(0.25).optional(),
    note: optionalText(200),
  })
  .refine((v) => (v.productId ? 1 : 0) + (v.allocationId ? 1 : 0) === 1, { message: 'productId or allocationId (exactly one)', path: ['productId'] })
  .refine((v) => v.rateCentifen === undefined || v.allocationId !== undefined, { message: 'rateCentifen only with allocationId', path: ['rateCentifen'] })
export type WorkRecordLineInput = z.input<typeof WorkRecordLineInputSchema>

export const WorkRecordCreateSchema = z.object({
  workshopId: z.uuid(),
  lines: z.array(WorkRecordLineInputSchema).min(1).max(5000),
})
export type WorkRecordCreate = z.input<typeof WorkRecordCreateSchema>

/** What a line's pieces are of: a workshop product or an order's allocation (one of the two), and its name. */
const workItemFields = { productId: z.uuid().nullable(), allocationId: z.uuid().nullable(), product: z.string().nullable() }

export const WorkRecordSchema = component('WorkRecord', {
  id: z.number().int(),
  workshopId: z.uuid(),
  ...workerRefFields,
  regionCode: z.string(),
  workDate: z.string(),
  payMonth: z.string(),
  ...workItemFields,
  ...pieceQtyFields,
  rateCentifen: z.number().int(),
  amountFen: FenSchema,
  hours: z.number().nullable(),
  lowIncome: z.boolean().nullable().describe('Low-income household at the time of the work; null: not shown to this caller (auth/access seesSensitiveFacts)'),
  disabled: z.boolean().nullable().describe('Disability at the time of the work; null: not shown to this caller (auth/access seesSensitiveFacts)'),
  reversalOf: z.number().int().nullable(),
  correctionOf: z.number().int().nullable(),
  /** True when a later reversing line cancels this one. */
  reversed: z.boolean(),
  note: z.string().nullable(),
  recordedAt: z.string(),
})
export type WorkRecord = z.infer<typeof WorkRecordSchema>

export const WorkRecordBatchSchema = z.object({ batchId: z.uuid(), records: z.array(WorkRecordSchema) }).meta({ id: 'WorkRecordBatch' })
export type WorkRecordBatch = z.infer<typeof WorkRecordBatchSchema>

/**
 * A correction: the original is reversed and, with goodQty, a new line replaces it. Reversing without a
 * replacement must be asked for (`reverse: true`): a forgotten goodQty never silently cancels a whole line.
 */
export const WorkRecordCorrectionSchema = z
  .object({
    goodQty: PieceQty.optional(),
    rejectedQty: PieceQty.optional(),
    rateCentifen: CentifenSchema.optional(),
    /** Reverse the line only (no replacing line); then goodQty, rejectedQty and rateCentifen are not allowed. */
    reverse: z.literal(true).optional(),
    reason: requiredText(200),
  })
  .refine((v) => v.reverse === true || v.goodQty !== undefined, {
    message: 'goodQty (the corrected quantity) or reverse: true (reverse only) is required',
    path: ['goodQty'],
  })
  .refine((v) => v.reverse !== true || (v.goodQty === undefined && v.rejectedQty === undefined && v.rateCentifen === undefined), {
    message: 'reverse: true takes no quantities or rate',
    path: ['reverse'],
  })
export type WorkRecordCorrection = z.input<typeof WorkRecordCorrectionSchema>

export const WorkRecordCorrectionResultSchema = z
  // A union, not .nullable(): on a $ref schema .nullable() becomes allOf [WorkRecord, object|null], which rejects null.
  .object({ reversal: WorkRecordSchema, replacement: z.union([WorkRecordSchema, z.null()]).describe('The replacing line; null when the line was only reversed') })
  .meta({ id: 'WorkRecordCorrectionResult' })

export const WorkRecordListQuerySchema = z.object({
  workshopId: z.uuid().optional(),
  workerId: z.uuid().optional(),
  month: MonthSchema.optional(),
  ...dateRangeFields,
})

export const WorkProductSchema = component('WorkProduct', {
  id: z.uuid(),
  workshopId: z.uuid(),
  name: z.string(),
  unit: z.string(),
  workerRateCentifen: z.number().int(),
  workshopRateCentifen: z.number().int().nullable(),
  active: z.boolean(),
})
export type WorkProduct = z.infer<typeof WorkProductSchema>

export const WorkProductCreateSchema = z.object({
  workshopId: z.uuid(),
  name: requiredText(60),
  unit: requiredText(10).default('件'),
  workerRateCentifen: CentifenSchema,
  workshopRateCentifen: CentifenSchema.optional(),
})

/** The workshop a day sheet or pay sheet is of. */
const sheetWorkshopFields = { workshopId: z.uuid(), workshopName: z.string() }

/** What a day sheet needs: the workshop's members on that day and the items they can work on. */
export const DaySheetSchema = component('DaySheet', {
  ...sheetWorkshopFields,
  date: z.string(),
  monthStatus: PaysheetStatusSchema,
  workers: z.array(z.object({ id: z.uuid(), name: z.string(), lowIncome: z.boolean().nullable().describe('null: not shown to this caller (auth/access seesSensitiveFacts)'), disabled: z.boolean().nullable().describe('null: not shown to this caller (auth/access seesSensitiveFacts)') })),
  items: z.array(
    z.object({
      kind: z.enum(['product', 'allocation']),
      id: z.uuid(),
      name: z.string(),
      unit: z.string(),
      workerRateCentifen: z.number().int(),
    }),
  ),
  records: z.array(WorkRecordSchema),
})
export type DaySheet = z.infer<typeof DaySheetSchema>

export const WorkerDaySchema = z.object({ date: z.string(), ...pieceQtyFields, amountFen: FenSchema })
export const WorkerMonthSchema = z.object({
  month: z.string(),
  days: z.number().int(),
  goodQty: z.number().int(),
  /** Gross: Σ the month's piece work (by work date). */
  amountFen: FenSchema,
  /**
   * Net pay of the pay month: the locked (or paid) pay-sheet lines' net, as on the slip, plus, while a sheet is
   * still open, the month's work less the deductions already approved.
   */
  netFen: FenSchema,
  /** none: no sheet yet (month still open). */
  payStatus: z.enum(['none', 'draft', 'locked', 'paid']),
  paidFen: FenSchema.nullable(),
  paidOn: z.string().nullable(),
})
export const WorkerEarningsSchema = z
  .object({ workerId: z.uuid(), workerName: z.string(), months: z.array(WorkerMonthSchema), days: z.array(WorkerDaySchema) })
  .meta({ id: 'WorkerEarnings' })
export type WorkerEarnings = z.infer<typeof WorkerEarningsSchema>

/** A pay sheet's and each of its lines' pay: Σ approved deductions; totalFen is the net, gross + adjustments − deductions. */
const payFields = {
  grossFen: FenSchema,
  adjustmentsFen: FenSchema,
  deductionsFen: FenSchema,
  totalFen: FenSchema,
}

export const PaysheetLineSchema = z.object({
  id: z.number().int().nullable(),
  ...workerRefFields,
  idNumberMasked: z.string(),
  recordCount: z.number().int(),
  ...pieceQtyFields,
  ...payFields,
  paidOn: z.string().nullable(),
  payMethod: z.string().nullable(),
  payReference: z.string().nullable(),
})
export type PaysheetLine = z.infer<typeof PaysheetLineSchema>

export const PaysheetAdjustmentSchema = z.object({
  ...workerRefFields,
  workRecordId: z.number().int(),
  originalRecordId: z.number().int().nullable(),
  workMonth: z.string(),
  workDate: z.string(),
  amountFen: FenSchema,
})

export const PaysheetSummarySchema = component('PaysheetSummary', {
  id: z.uuid(),
  ...sheetWorkshopFields,
  regionCode: z.string(),
  month: z.string(),
  status: PaysheetStatusSchema,
  workerCount: z.number().int(),
  goodQty: z.number().int(),
  ...payFields,
  lockedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
})
export type PaysheetSummary = z.infer<typeof PaysheetSummarySchema>

export const PaysheetSchema = PaysheetSummarySchema.extend({
  hash: z.string().nullable(),
  prevHash: z.string().nullable(),
  totalInWords: z.string(),
  lines: z.array(PaysheetLineSchema),
  adjustments: z.array(PaysheetAdjustmentSchema),
  /** Every deduction entered on the sheet, pending ones too (they do not count until approved). */
  deductions: z.array(DeductionSchema),
}).meta({ id: 'Paysheet' })
export type Paysheet = z.infer<typeof PaysheetSchema>

export const PaysheetListQuerySchema = z.object({
  workshopId: z.uuid().optional(),
  month: MonthSchema.optional(),
  status: PaysheetStatusSchema.optional(),
})

export const PaysheetOpenSchema = z.object({ workshopId: z.uuid(), month: MonthSchema })

export const PaysheetPaySchema = z.object({
  paidOn: DateSchema,
  method: PayMethodSchema,
  reference: optionalText(100),
  /** Pay only these lines; omitted = every unpaid line. */
  lineIds: z.array(z.number().int()).min(1).optional(),
})

export const ApprovalRuleSchema = z
  .object({ ...regionRefFields, createdAt: z.string(), createdBy: z.string().nullable() })
  .meta({ id: 'PaysheetApprovalRule' })
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>
export const ApprovalRuleSetSchema = z.object({ regionCode: RegionPrefixSchema, required: z.boolean() })

export const PaysheetVerifySchema = z
  .object({ id: z.uuid(), valid: z.boolean(), storedHash: z.string().nullable(), computedHash: z.string().nullable(), chainValid: z.boolean(), reason: z.string().nullable() })
  .meta({ id: 'PaysheetVerify' })

export const IncomeMonthSchema = z.object({
  month: z.string(),
  acceptedQty: z.number().int(),
  /** From deliveries' accepted amounts when present, else good pieces × the workshop rate of products/orders. */
  incomeFen: FenSchema,
  incomeSource: z.enum(['deliveries', 'work-records', 'none']),
  wagesFen: FenSchema,
  wagesPaidFen: FenSchema,
})
export const IncomeReportSchema = z.object({ workshopId: z.uuid(), months: z.array(IncomeMonthSchema) }).meta({ id: 'WorkshopIncome' })
export type IncomeReport = z.infer<typeof IncomeReportSchema>
