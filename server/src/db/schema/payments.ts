/**
 * Paying wages: workers' accounts (sealed like ID numbers), payment batches with one line per worker and
 * sheet, bank templates described as data, and the bank's returns (a file is applied once).
 * Money is integer fen.
 */
import { sql } from 'drizzle-orm'
import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { requiredRef, stampedNow, createdStamp, changedStamp, actionStamp, regionIndex } from './columns.ts'
import { workshops, workers } from './registry.ts'
import { paysheetLines } from './wages.ts'

/**
 * A worker's account for wages. Never updated in place: a change adds a row and retires the old one, so a
 * batch line keeps pointing at the account it was paid to. The number is sealed (account_number stays null,
 * like the other sealed columns' plain twins) with a blind index for "is this the same account".
 */
export const workerAccounts = pgTable(
  'worker_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workerId: requiredRef(() => workers.id),
    bank: text().notNull(),
    accountType: text().notNull(),
    accountNumber: text(),
    accountNumberEnc: text(),
    accountNumberBidx: text(),
    last4: text().notNull(),
    holderName: text().notNull(),
    proxyReason: text(),
    ...actionStamp('proxyApproved'),
    ...createdStamp(),
    retiredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('worker_accounts_current_uq').on(t.workerId).where(sql`retired_at is null`),
    index('worker_accounts_bidx_idx').on(t.accountNumberBidx),
  ],
)

/** A payment batch: lines from one or more locked pay sheets, exported as one bank file. */
export const paymentBatches = pgTable(
  'payment_batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** PB + China date + sequence of the day, e.g. PB20261203-002: what people say on the phone. */
    number: text().notNull(),
    /** The deepest region all its sheets share: staff of that region (or above) see it. */
    regionCode: text().notNull(),
    /** Set when every sheet is one workshop's: its operator sees the batch. */
    workshopId: uuid().references(() => workshops.id),
    /** open (lines pending) | settled (every line paid or failed) */
    status: text().notNull().default('open'),
    note: text(),
    createdBy: uuid(),
    createdByName: text(),
    createdAt: stampedNow(),
  },
  (t) => [uniqueIndex('payment_batches_number_uq').on(t.number), regionIndex('payment_batches_region_idx', t.regionCode)],
)

/** One worker's net pay of one sheet in one batch. A sheet line has at most one pending or paid batch line. */
export const paymentLines = pgTable(
  'payment_lines',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    // Batch, account and pay-sheet line (with its sheet and worker) are checked once per statement by a trigger
    // over the inserted rows (gf_payment_lines_refs in db/sql/guards.sql), not by foreign keys: a province's batch
    // inserts 500,000 lines, and a foreign key looks each one up on its own (a third of the batch's time).
    batchId: uuid().notNull(),
    paysheetId: uuid().notNull(),
    paysheetLineId: bigint({ mode: 'number' }).notNull(),
    workerId: uuid().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** bank | cash (no usable account: paid in cash against a signature) */
    method: text().notNull(),
    accountId: uuid(),
    /** The line's reference in the bank file, matched in the bank's return. */
    reference: text().notNull(),
    /** pending | paid | failed */
    status: text().notNull().default('pending'),
    failureReason: text(),
    settledOn: date(),
    signedBy: text(),
    settledAt: timestamp({ withTimezone: true }),
    seq: integer().notNull(),
  },
  (t) => [
    uniqueIndex('payment_lines_reference_uq').on(t.reference),
    uniqueIndex('payment_lines_live_uq').on(t.paysheetLineId).where(sql`status in ('pending', 'paid')`),
    index('payment_lines_batch_idx').on(t.batchId, t.seq),
    index('payment_lines_sheet_idx').on(t.paysheetId),
  ],
)

/** A bank file layout an admin added (the generic ones are built in). */
export const bankTemplates = pgTable('bank_templates', {
  code: text().primaryKey(),
  name: text().notNull(),
  spec: jsonb().notNull(),
  ...createdStamp(),
})

/** A bank's result file applied to a batch; the same file (by SHA-256) is applied once. */
export const bankReturns = pgTable(
  'bank_returns',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    batchId: requiredRef(() => paymentBatches.id),
    sha256: text().notNull(),
    paid: integer().notNull(),
    failed: integer().notNull(),
    errors: jsonb().notNull(),
    ...changedStamp(),
  },
  (t) => [uniqueIndex('bank_returns_file_uq').on(t.batchId, t.sha256)],
)

/** The worker confirmed the pay of a slip reached them (once; a question opens a wage dispute instead). */
export const payslipReceipts = pgTable('payslip_receipts', {
  paysheetLineId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => paysheetLines.id),
  workerId: requiredRef(() => workers.id),
  confirmedAt: stampedNow(),
})

/**
 * Messages to workers (a paid wage, for now), written in the same transaction as what they report and
 * sent afterwards by the configured sender (the default only logs them). Nothing personal beyond the last 4.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workerId: requiredRef(() => workers.id),
    kind: text().notNull(),
    body: text().notNull(),
    /** What it is about, so one event gives one message however often it is settled. */
    dedupeKey: text().notNull(),
    createdAt: stampedNow(),
    sentAt: timestamp({ withTimezone: true }),
    /** stored (the default sender keeps it here) | sent | failed */
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey), index('outbox_pending_idx').on(t.status, t.id)],
)

/** Notices to the staff of a region (a user past the reveal limit, …): shown on their workbench until read. */
export const staffNotices = pgTable(
  'staff_notices',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    regionCode: text().notNull(),
    kind: text().notNull(),
    title: text().notNull(),
    detail: jsonb(),
    /** One notice per subject and hour, however often it happens. */
    dedupeKey: text().notNull(),
    createdAt: stampedNow(),
    readAt: timestamp({ withTimezone: true }),
    readBy: uuid(),
  },
  (t) => [uniqueIndex('staff_notices_dedupe_uq').on(t.dedupeKey), regionIndex('staff_notices_region_idx', t.regionCode, t.createdAt)],
)
