/**
 * Wages (issue 6): work records (the piece-work lines), workshop products with their piece rates, monthly
 * pay sheets, their lines, late-correction adjustments and payments.
 * Money is integer fen; rates integer centifen (1/100 fen).
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, stampedNow, createdStamp, recordedStamp, changedStamp, actionStamp, regionIndex } from './columns.ts'
import { workshops, workers } from './registry.ts'
import { workshopScope } from './scope.ts'

/**
 * One line of piece work: never updated or deleted; corrections are reversing lines. The cockpit's roll-up
 * triggers read the columns before the wages additions: add columns, never rename those. region_code is the
 * workshop's 12-digit village code, copied at write time.
 */
export const workRecords = pgTable(
  'work_records',
  {
    id: serialPk(),
    workshopId: requiredRef(() => workshops.id),
    workerId: requiredRef(() => workers.id),
    regionCode: text().notNull(),
    workDate: date().notNull(),
    goodQty: integer().notNull(),
    rejectedQty: integer().notNull().default(0),
    /** Worker piece rate in 1/100 fen (centifen) per good piece. */
    rateCentifen: bigint({ mode: 'number' }).notNull(),
    /** good_qty × rate, rounded half-up to the fen once, on this line. Negative on a reversal. */
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** Facts about the worker at the time of the work (low-income household, disability). */
    lowIncome: boolean().notNull().default(false),
    disabled: boolean().notNull().default(false),
    /** Set on a reversing line: the id of the line it cancels. */
    reversalOf: bigint({ mode: 'number' }),
    ...recordedStamp(),
    // Wages module (issue 6) additions.
    /** Work against an enterprise order's allocation (orders module), when there is one. */
    allocationId: uuid(),
    /** Or a workshop's own product with its own rate (workshop_products). */
    productId: uuid(),
    /** Product name as it was at recording time. */
    product: text(),
    /** Optional time worked, in minutes. */
    workMinutes: integer(),
    /** Set on the new line of a correction: the id of the line it replaces. */
    correctionOf: bigint({ mode: 'number' }),
    /** The pay sheet month (YYYY-MM) this line is settled on: the work month, or for a late correction of a locked month the next open month. A trigger fills it from work_date when left null. */
    payMonth: text(),
    /** The request (idempotency batch) that created the line. */
    batchId: uuid(),
    note: text(),
  },
  (t) => [
    index('work_records_workshop_date_idx').on(t.workshopId, t.workDate),
    index('work_records_worker_date_idx').on(t.workerId, t.workDate),
    regionIndex('work_records_region_date_idx', t.regionCode, t.workDate),
    index('work_records_workshop_pay_month_idx').on(t.workshopId, t.payMonth),
    // The newest lines of a large region (a city, the province) by walking the dates back, not sorting millions.
    index('work_records_date_id_idx').on(t.workDate, t.id),
    // A line can be reversed once.
    uniqueIndex('work_records_reversal_of_uq').on(t.reversalOf).where(sql`reversal_of is not null`),
  ],
)

/** A workshop's own product (work not from an enterprise order), with the worker's piece rate. */
export const workshopProducts = pgTable(
  'workshop_products',
  {
    id: uuidPk(),
    workshopId: requiredRef(() => workshops.id),
    name: text().notNull(),
    unit: text().notNull().default('件'),
    /** What a worker earns per good piece, in centifen. */
    workerRateCentifen: bigint({ mode: 'number' }).notNull(),
    /** What the workshop earns per accepted piece, in centifen (income view); null = unknown. */
    workshopRateCentifen: bigint({ mode: 'number' }),
    active: boolean().notNull().default(true),
    createdAt: stampedNow(),
  },
  (t) => [index('workshop_products_workshop_idx').on(t.workshopId)],
)

/** One per workshop and month. draft: figures recomputed live; locked: lines frozen and hashed; paid. */
export const paysheets = pgTable(
  'paysheets',
  {
    id: uuidPk(),
    ...workshopScope(),
    /** YYYY-MM */
    month: text().notNull(),
    /** draft | submitted (awaiting the township's approval; the month is already closed) | locked | paid */
    status: text().notNull().default('draft'),
    workerCount: integer(),
    goodQty: bigint({ mode: 'number' }),
    rejectedQty: bigint({ mode: 'number' }),
    grossFen: bigint({ mode: 'number' }),
    adjustmentsFen: bigint({ mode: 'number' }),
    /** Σ approved deductions of the lines, frozen at lock. */
    deductionsFen: bigint({ mode: 'number' }),
    /** Net: gross + adjustments − deductions. */
    totalFen: bigint({ mode: 'number' }),
    /** Position in the workshop's chain of locked sheets (1, 2, …). */
    chainSeq: integer(),
    prevPaysheetId: uuid(),
    prevHash: text(),
    /** SHA-256 over the canonical lines and prevHash, set at lock. */
    hash: text(),
    lockedAt: timestamp({ withTimezone: true }),
    lockedBy: uuid(),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid(),
    approvedBy: uuid(),
    paidAt: timestamp({ withTimezone: true }),
    createdAt: stampedNow(),
  },
  (t) => [
    uniqueIndex('paysheets_workshop_month_uq').on(t.workshopId, t.month),
    uniqueIndex('paysheets_workshop_chain_uq').on(t.workshopId, t.chainSeq),
    regionIndex('paysheets_region_month_idx', t.regionCode, t.month),
  ],
)

/** Regions (by code prefix, e.g. a township) whose staff must approve a sheet before it is locked. */
export const paysheetApprovalRules = pgTable('paysheet_approval_rules', {
  regionCode: text().primaryKey(),
  ...createdStamp(),
})

/** One per worker on a locked sheet; written once at lock (payment fields later). */
export const paysheetLines = pgTable(
  'paysheet_lines',
  {
    id: serialPk(),
    paysheetId: requiredRef(() => paysheets.id),
    workerId: requiredRef(() => workers.id),
    workerName: text().notNull(),
    idNumberMasked: text().notNull(),
    recordCount: integer().notNull(),
    goodQty: integer().notNull(),
    rejectedQty: integer().notNull(),
    /** Σ amounts of this month's own work records. */
    grossFen: bigint({ mode: 'number' }).notNull(),
    /** Σ late corrections of earlier, locked months settled here. */
    adjustmentsFen: bigint({ mode: 'number' }).notNull(),
    /** Σ approved deductions of this worker on this sheet (0 on sheets locked before deductions existed). */
    deductionsFen: bigint({ mode: 'number' }).notNull().default(0),
    /** Net pay: gross + adjustments − deductions, never negative; what batches, ledger and slips pay. */
    totalFen: bigint({ mode: 'number' }).notNull(),
    paidOn: date(),
    payMethod: text(),
    payReference: text(),
  },
  (t) => [
    uniqueIndex('paysheet_lines_sheet_worker_uq').on(t.paysheetId, t.workerId),
    index('paysheet_lines_worker_idx').on(t.workerId),
  ],
)

/** A late correction (work record of an earlier, locked month) settled on this sheet, linked to the original line. */
export const paysheetAdjustments = pgTable(
  'paysheet_adjustments',
  {
    id: serialPk(),
    paysheetId: requiredRef(() => paysheets.id),
    workerId: uuid().notNull(),
    workRecordId: bigint({ mode: 'number' }).notNull(),
    /** The original line the correction reverses or replaces. */
    originalRecordId: bigint({ mode: 'number' }),
    /** Month of the work (YYYY-MM), earlier than the sheet's month. */
    workMonth: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('paysheet_adjustments_record_uq').on(t.workRecordId), index('paysheet_adjustments_sheet_idx').on(t.paysheetId)],
)

/** A payment of a whole sheet or of one line: date, method, reference. */
export const paysheetPayments = pgTable(
  'paysheet_payments',
  {
    id: serialPk(),
    paysheetId: requiredRef(() => paysheets.id),
    lineId: bigint({ mode: 'number' }),
    paidOn: date().notNull(),
    /** bank | cash | wechat | alipay | other */
    method: text().notNull(),
    reference: text(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    ...changedStamp(),
  },
  (t) => [index('paysheet_payments_sheet_idx').on(t.paysheetId)],
)

/**
 * A deduction from one worker's pay on one sheet: a code from the shared list, an amount in fen and a reason.
 * Entered while the sheet is open, counted only once approved by staff; frozen with the sheet at lock.
 */
export const paysheetDeductions = pgTable(
  'paysheet_deductions',
  {
    id: uuidPk(),
    paysheetId: requiredRef(() => paysheets.id),
    workerId: requiredRef(() => workers.id),
    /** A key of DEDUCTION_CODES (shared/deductions.ts). */
    code: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    reason: text().notNull(),
    /** pending | approved | rejected (kept with its reason; only approved ones count) */
    status: text().notNull().default('pending'),
    ...createdStamp(),
    ...actionStamp('approved'),
    ...actionStamp('rejected'),
    rejectReason: text(),
  },
  (t) => [index('paysheet_deductions_sheet_idx').on(t.paysheetId, t.workerId)],
)
