/**
 * Deductions from a worker's wage: only from a short code list, each with a reason in words, entered by one
 * staff member and approved by another, and never taking net pay below zero. Amounts are integer fen.
 * The server (modules/paysheets/deductions.ts) and the pay-sheet page use this vocabulary and rule.
 */
import { z } from 'zod'
import { keysEnum, workerRefFields, component } from './common.ts'

export const DEDUCTION_CODES = {
  social_insurance_personal: { zh: '代扣社保个人部分', en: "Worker's share of social insurance" },
  utilities: { zh: '代扣水电', en: 'Water and electricity' },
  damage_compensation: { zh: '损坏赔偿（按规定）', en: 'Compensation for damage (under the rules)' },
  advance_recovery: { zh: '借支扣回', en: 'Recovery of a wage advance' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, { zh: string; en: string }>

export type DeductionCode = keyof typeof DEDUCTION_CODES
export const DeductionCodeSchema = keysEnum(DEDUCTION_CODES)

export const DEDUCTION_STATUSES = ['pending', 'approved', 'rejected'] as const
export const DeductionStatusSchema = z.enum(DEDUCTION_STATUSES).meta({
  description: 'pending: entered, awaiting staff (blocks the lock); approved: lowers the net; rejected: refused by staff with a reason, kept for the record, never counts',
})

/** A reason in words (2 to 500 characters). A refine (custom issue) so the server's 422 gives each caller their half of `message`, not zod's generic one. */
const reasonInWords = (message: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((r) => r.length >= 2, { message })

/** What staff enter: a code, a positive amount in fen, and a reason in words (always, not only for 其他). */
export const DeductionCreateSchema = z.object({
  code: DeductionCodeSchema,
  amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: reasonInWords('请写明扣款原因 / Give the reason for the deduction in words'),
})
export type DeductionCreate = z.infer<typeof DeductionCreateSchema>

/** Staff refusing a pending deduction say why in words. */
export const DeductionRejectSchema = z.object({
  reason: reasonInWords('请写明驳回原因 / Give the reason for rejecting the deduction in words'),
})
export type DeductionReject = z.infer<typeof DeductionRejectSchema>

/**
 * Net pay after deductions, or the reason it is refused. Only approved deductions count; a new one is
 * checked together with those already approved so that no order of entries can push net below zero.
 */
export function netAfterDeductions(
  grossFen: number,
  deductions: readonly { amountFen: number; status: (typeof DEDUCTION_STATUSES)[number] }[],
): { ok: true; netFen: number; deductedFen: number } | { ok: false; zh: string; en: string } {
  let deducted = 0
  for (const d of deductions) if (d.status === 'approved') deducted += d.amountFen
  const net = grossFen - deducted
  if (net < 0)
    return {
      ok: false,
      zh: `扣款合计超过应发工资，实发不能为负（超出 ${((deducted - grossFen) / 100).toFixed(2)} 元）`,
      en: `Deductions exceed the gross wage; net pay cannot be negative (over by ¥${((deducted - grossFen) / 100).toFixed(2)})`,
    }
  return { ok: true, netFen: net, deductedFen: deducted }
}

/** A deduction as the pay sheet and slip show it. */
export const DeductionSchema = component('Deduction', {
  id: z.uuid(),
  ...workerRefFields,
  code: DeductionCodeSchema,
  amountFen: z.number().int(),
  reason: z.string(),
  status: DeductionStatusSchema,
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
})
export type Deduction = z.infer<typeof DeductionSchema>
