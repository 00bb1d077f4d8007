/**
 * Pure wage arithmetic: integers only (BigInt), no I/O. Rates are centifen (1/100 fen) per good piece;
 * a line's amount is rounded half-up to the fen once, on that line.
 */
import { createHash } from 'node:crypto'
import { addMonths } from '@gongfang/shared/clock'

/** n / d rounded half away from zero (so a reversal is the exact negation of its original). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive')
  const neg = n < 0n
  const a = neg ? -n : n
  const q = (a * 2n + d) / (2n * d)
  return neg ? -q : q
}

/** Amount in fen of `goodQty` pieces at `rateCentifen`: good × rate / 100, half-up, once. */
export function lineAmountFen(goodQty: number | bigint, rateCentifen: number | bigint): bigint {
  return divRoundHalfUp(BigInt(goodQty) * BigInt(rateCentifen), 100n)
}

/** Same as lineAmountFen as a JS number (fen stay far below 2^53). */
export function lineAmountFenNumber(goodQty: number, rateCentifen: number): number {
  const v = lineAmountFen(goodQty, rateCentifen)
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large')
  return Number(v)
}

/** The fields of a locked pay-sheet line that its hash covers. */
export interface HashLine {
  workerId: string
  goodQty: number
  rejectedQty: number
  grossFen: number
  adjustmentsFen: number
  /** Approved deductions (absent or 0 on sheets without any). */
  deductionsFen?: number
  totalFen: number
}
/** An approved deduction frozen with the sheet. */
export interface HashDeduction {
  id: string
  workerId: string
  code: string
  amountFen: number
}
export interface HashAdjustment {
  workerId: string
  workRecordId: number
  originalRecordId: number | null
  amountFen: number
}
export interface HashInput {
  workshopId: string
  month: string
  prevHash: string | null
  lines: readonly HashLine[]
  adjustments: readonly HashAdjustment[]
  deductions?: readonly HashDeduction[]
}

/**
 * Canonical text of a sheet: fixed field order, lines sorted, so the same sheet always hashes alike.
 * A sheet with deductions is v2 (each line's deductions and every deduction entry are covered); one without
 * stays v1, so sheets locked before deductions existed still verify.
 */
export function canonicalSheet(input: HashInput): string {
  const deductions = input.deductions ?? []
  const v2 = deductions.length > 0 || input.lines.some((l) => (l.deductionsFen ?? 0) !== 0)
  const lines = [...input.lines]
    .sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0))
    .map((l) => (v2 ? [l.workerId, l.goodQty, l.rejectedQty, l.grossFen, l.adjustmentsFen, l.deductionsFen ?? 0, l.totalFen] : [l.workerId, l.goodQty, l.rejectedQty, l.grossFen, l.adjustmentsFen, l.totalFen]).join(','))
  const adjustments = [...input.adjustments]
    .sort((a, b) => a.workRecordId - b.workRecordId)
    .map((a) => [a.workRecordId, a.workerId, a.originalRecordId ?? '', a.amountFen].join(','))
  const head = [v2 ? 'gongfang-paysheet-v2' : 'gongfang-paysheet-v1', input.workshopId, input.month, input.prevHash ?? '', 'L', ...lines, 'A', ...adjustments]
  if (!v2) return head.join('\n')
  const ds = [...deductions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((d) => [d.id, d.workerId, d.code, d.amountFen].join(','))
  return [...head, 'D', ...ds].join('\n')
}

/** SHA-256 (hex) over the canonical sheet, chained to the previous locked sheet's hash. */
export function sheetHash(input: HashInput): string {
  return createHash('sha256').update(canonicalSheet(input), 'utf8').digest('hex')
}

/** Next calendar month of YYYY-MM. */
export const nextMonth = (month: string): string => addMonths(month, 1)
