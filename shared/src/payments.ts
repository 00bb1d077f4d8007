/**
 * Paying wages: the worker's account, payment batches built from locked pay sheets, bank files described
 * as data, and the bank's return. Amounts are integer fen; account numbers travel in full only into a
 * bank file (a separate permission, audited) and are otherwise masked to their last 4.
 */
import { z } from 'zod'
import { DeductionCodeSchema } from './deductions.ts'
import { DateSchema, FenSchema, MonthSchema, keysEnum, workerRefFields, requiredText, component, optionalText } from './common.ts'

/** Banks that rural Zhejiang workers hold cards of (codes are ours; names as the banks write them). */
export const BANKS = {
  zjrcu: { zh: '浙江农商联合银行（农信）', en: 'Zhejiang Rural Commercial United Bank (Rural Credit)' },
  psbc: { zh: '中国邮政储蓄银行', en: 'Postal Savings Bank of China' },
  abc: { zh: '中国农业银行', en: 'Agricultural Bank of China' },
  icbc: { zh: '中国工商银行', en: 'Industrial and Commercial Bank of China' },
  ccb: { zh: '中国建设银行', en: 'China Construction Bank' },
  boc: { zh: '中国银行', en: 'Bank of China' },
  bocom: { zh: '交通银行', en: 'Bank of Communications' },
  czbank: { zh: '浙商银行', en: 'China Zheshang Bank' },
  lishuibank: { zh: '丽水银行', en: 'Lishui Bank' },
  other: { zh: '其他银行', en: 'Other bank' },
} as const satisfies Record<string, { zh: string; en: string }>
export type BankCode = keyof typeof BANKS
export const BankCodeSchema = keysEnum(BANKS)

export const ACCOUNT_TYPES = {
  bank_card: { zh: '银行卡', en: 'Bank card' },
  social_security_card: { zh: '社保卡（金融账户）', en: 'Social security card (financial account)' },
} as const
export const AccountTypeSchema = z.enum(['bank_card', 'social_security_card'])

/** Luhn (mod 10) check over a string of digits: UnionPay cards carry it in their last digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** The check digit that makes `body` + digit pass Luhn (for tests and demo data). */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d)
  throw new Error('unreachable')
}

export const normalizeAccountNumber = (s: string) => s.replace(/[\s-]+/g, '')

/**
 * Why an account number is refused, or null when it is usable: 16–19 digits; a UnionPay card (starting 62)
 * must pass Luhn. Social security cards are bank accounts too and follow the same rule.
 */
export function accountNumberProblem(raw: string): { zh: string; en: string } | null {
  const n = normalizeAccountNumber(raw)
  if (!/^\d+$/.test(n)) return { zh: '账号只能是数字', en: 'The account number may contain digits only' }
  if (n.length < 16 || n.length > 19) return { zh: `账号应为 16–19 位数字（现为 ${n.length} 位）`, en: `The account number must have 16–19 digits (it has ${n.length})` }
  if (n.startsWith('62') && !luhnValid(n)) return { zh: '银联卡号校验位不符，请核对卡号', en: 'This UnionPay card number fails its check digit; check the number' }
  return null
}

/** Last 4 digits shown in place of an account number. */
export const maskAccountNumber = (n: string) => `**** ${normalizeAccountNumber(n).slice(-4)}`

export const AccountNumberSchema = z
  .string()
  .trim()
  .transform(normalizeAccountNumber)
  .superRefine((s, ctx) => {
    const p = accountNumberProblem(s)
    if (p) ctx.addIssue({ code: 'custom', message: `${p.zh} / ${p.en}` })
  })

export const WorkerAccountSetSchema = z.object({
  bank: BankCodeSchema,
  accountType: AccountTypeSchema.default('bank_card'),
  accountNumber: AccountNumberSchema,
  holderName: requiredText(50),
  /** Required when the holder is not the worker (代领: a relative collects for the worker). */
  proxyReason: z.string().trim().min(2).max(200).optional(),
})

export const WorkerAccountSchema = component('WorkerAccount', {
  id: z.uuid(),
  ...workerRefFields,
  bank: BankCodeSchema,
  bankName: z.string(),
  accountType: AccountTypeSchema,
  accountNumberMasked: z.string().meta({ example: '**** 1234' }),
  holderName: z.string(),
  /** The holder is someone other than the worker (代领). */
  proxy: z.boolean(),
  proxyReason: z.string().nullable(),
  proxyApproved: z.boolean(),
  /** Pay may go to this account: the worker's own, or a proxy approved by staff. */
  usable: z.boolean(),
  createdAt: z.string(),
})
export type WorkerAccount = z.infer<typeof WorkerAccountSchema>

export const PAYMENT_LINE_STATUSES = ['pending', 'paid', 'failed'] as const
export const PaymentLineStatusSchema = z.enum(PAYMENT_LINE_STATUSES)
export const PaymentMethodSchema = z.enum(['bank', 'cash'])

export const PaymentBatchCreateSchema = z.object({
  /** Locked pay sheets whose unpaid lines (failed ones included: 待重发) go into the batch. */
  paysheetIds: z.array(z.uuid()).min(1).max(500),
  note: optionalText(200),
})

export const PaymentLineSchema = component('PaymentLine', {
  id: z.number().int(),
  reference: z.string(),
  paysheetId: z.uuid(),
  month: MonthSchema,
  workshopName: z.string(),
  ...workerRefFields,
  amountFen: FenSchema,
  method: PaymentMethodSchema,
  bankName: z.string().nullable(),
  accountNumberMasked: z.string().nullable(),
  status: PaymentLineStatusSchema,
  failureReason: z.string().nullable(),
  settledOn: z.string().nullable(),
  signedBy: z.string().nullable(),
})
export type PaymentLine = z.infer<typeof PaymentLineSchema>

export const ReconciliationSchema = component('Reconciliation', {
  lines: z.number().int(),
  netFen: FenSchema,
  paidFen: FenSchema,
  failedFen: FenSchema,
  /** Not paid yet: pending in a batch, or in no batch at all (month view). */
  unpaidFen: FenSchema,
  paidLines: z.number().int(),
  failedLines: z.number().int(),
  unpaidLines: z.number().int(),
  /** Σ paid + Σ failed + Σ unpaid = Σ net. */
  balanced: z.boolean(),
})
export type Reconciliation = z.infer<typeof ReconciliationSchema>

export const PaymentBatchSummarySchema = component('PaymentBatchSummary', {
  id: z.uuid(),
  number: z.string(),
  regionCode: z.string(),
  workshopName: z.string().nullable(),
  months: z.array(MonthSchema),
  status: z.enum(['open', 'settled']),
  lineCount: z.number().int(),
  bankLines: z.number().int(),
  cashLines: z.number().int(),
  totalFen: FenSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
})
export type PaymentBatchSummary = z.infer<typeof PaymentBatchSummarySchema>

export const PaymentBatchSchema = PaymentBatchSummarySchema.extend({
  lines: z.array(PaymentLineSchema),
  reconciliation: ReconciliationSchema,
}).meta({ id: 'PaymentBatch' })
export type PaymentBatch = z.infer<typeof PaymentBatchSchema>

export const PaymentBatchListQuerySchema = z.object({ status: z.enum(['open', 'settled']).optional() })

export const CashPaySchema = z.object({
  lineIds: z.array(z.number().int().positive()).min(1).max(1000),
  paidOn: DateSchema,
  /** Who signed for the cash (the worker, or the proxy named on the account). */
  signedBy: requiredText(50),
  note: optionalText(200),
})

/** Fields a bank template's columns can take, one per column. */
export const BANK_FILE_FIELDS = ['reference', 'accountNumber', 'holderName', 'bankName', 'amount', 'workerName', 'purpose', 'date', 'blank'] as const
export const BankFileFieldSchema = z.enum(BANK_FILE_FIELDS)

export const BankTemplateSpecSchema = z.object({
  format: z.enum(['xlsx', 'csv']),
  /** CSV encoding (xlsx has none): most bank portals in China want GBK. */
  encoding: z.enum(['gbk', 'utf-8']).default('gbk'),
  /** Lines above the header row, e.g. a title the portal expects; {date}, {count} and {total} are filled in. */
  preamble: z.array(z.string().max(200)).max(5).default([]),
  columns: z.array(z.object({ header: requiredText(40), field: BankFileFieldSchema })).min(2).max(20),
  amountUnit: z.enum(['yuan', 'fen']).default('yuan'),
  /** date column format: YYYY-MM-DD or YYYYMMDD. */
  dateFormat: z.enum(['YYYY-MM-DD', 'YYYYMMDD']).default('YYYY-MM-DD'),
})
export type BankTemplateSpec = z.infer<typeof BankTemplateSpecSchema>

export const BankTemplateCreateSchema = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/, '模板代码：小写字母、数字和 -，2–40 位 / template code: lowercase letters, digits and -, 2–40 long'),
  name: requiredText(60),
  spec: BankTemplateSpecSchema,
})

export const BankTemplateSchema = z
  .object({ code: z.string(), name: z.string(), builtIn: z.boolean(), spec: BankTemplateSpecSchema })
  .meta({ id: 'BankTemplate' })
export type BankTemplate = z.infer<typeof BankTemplateSchema>

export const BankReturnResultSchema = component('BankReturnResult', {
  /** False when this very file was imported before: nothing changed. */
  applied: z.boolean(),
  paid: z.number().int(),
  failed: z.number().int(),
  unchanged: z.number().int(),
  /** Rows of the file that matched no line of the batch, or contradict what is recorded. */
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  batch: PaymentBatchSchema,
})

export const MonthReconciliationQuerySchema = z.object({ month: MonthSchema, workshopId: z.uuid().optional() })

export const PaySlipQuerySchema = z.object({
  month: MonthSchema,
  /** Payers name the worker; a worker always gets their own slips. */
  workerId: z.uuid().optional(),
})

/** A worker's pay slip (工资条) for one workshop and month, from a locked pay sheet and the records behind it. */
export const PaySlipSchema = component('PaySlip', {
  paysheetLineId: z.number().int(),
  workerName: z.string(),
  workshopName: z.string(),
  month: MonthSchema,
  sheetStatus: z.enum(['locked', 'paid']),
  daysWorked: z.number().int(),
  items: z.array(z.object({ product: z.string(), rateCentifen: z.number().int(), goodQty: z.number().int(), amountFen: FenSchema })),
  grossFen: FenSchema,
  /** Late corrections of earlier months settled on this slip, each with its reason. */
  adjustments: z.array(z.object({ workDate: z.string(), amountFen: FenSchema, reason: z.string().nullable() })),
  adjustmentsFen: FenSchema,
  /** Approved deductions, each with its code and reason. */
  deductions: z.array(z.object({ code: DeductionCodeSchema, amountFen: FenSchema, reason: z.string() })),
  deductionsFen: FenSchema,
  netFen: FenSchema,
  paidOn: z.string().nullable(),
  payMethod: z.string().nullable(),
  accountLast4: z.string().nullable(),
  reference: z.string().nullable(),
  receiptConfirmedAt: z.string().nullable(),
})
export type PaySlip = z.infer<typeof PaySlipSchema>
