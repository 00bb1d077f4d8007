/**
 * The fact tables the cockpit rolls up. Each belongs to its module (work records → wages module,
 * deliveries → orders, collective incomes / sales / tourism → around-the-workshop); modules may ADD
 * columns, but the columns here are a contract the cockpit's roll-up triggers read: do not rename them.
 * region_code is always the 12-digit village code of the workshop (or collective), copied at write time.
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, stampedNow, recordedStamp } from './columns.ts'
import { collectives, workers, workshops } from './registry.ts'
import { allocations, orders } from './orders.ts'

/** One line of piece work: never updated or deleted; corrections are reversing lines. */
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
    index('work_records_region_date_idx').on(t.regionCode.op('text_pattern_ops'), t.workDate),
    index('work_records_workshop_pay_month_idx').on(t.workshopId, t.payMonth),
    // The newest lines of a large region (a city, the province) by walking the dates back, not sorting millions.
    index('work_records_date_id_idx').on(t.workDate, t.id),
    // A line can be reversed once.
    uniqueIndex('work_records_reversal_of_uq').on(t.reversalOf).where(sql`reversal_of is not null`),
  ],
)

/** A batch delivered by a workshop to an enterprise; accepted/rejected when the enterprise checks it. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuidPk(),
    workshopId: requiredRef(() => workshops.id),
    regionCode: text().notNull(),
    deliveredOn: date().notNull(),
    quantity: integer().notNull(),
    acceptedQty: integer(),
    rejectedQty: integer(),
    acceptedOn: date(),
    createdAt: stampedNow(),
    // Added by the orders module: which order/allocation the batch belongs to and what it is owed.
    orderId: uuid().references(() => orders.id),
    allocationId: uuid().references(() => allocations.id),
    rejectReasons: text(),
    /** accepted_qty × the order's workshop rate (centifen), rounded half-up to the fen once, on this delivery. */
    amountFen: bigint({ mode: 'number' }),
    /** accepted_on + the order's payment term: unpaid after this day = arrears. */
    dueOn: date(),
    note: text(),
    recordedBy: uuid(),
  },
  (t) => [
    index('deliveries_workshop_idx').on(t.workshopId),
    index('deliveries_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('deliveries_order_idx').on(t.orderId),
  ],
)

/** Village-collective income: rent of idle buildings, management fees, equity dividends. */
export const collectiveIncomes = pgTable(
  'collective_incomes',
  {
    id: serialPk(),
    collectiveId: requiredRef(() => collectives.id),
    regionCode: text().notNull(),
    /** rent | management_fee | dividend | other */
    kind: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** The day it is booked to; the cockpit counts it in that month. */
    incomeDate: date().notNull(),
    sourceWorkshopId: uuid().references(() => workshops.id),
    sourceEnterpriseId: uuid(),
    note: text(),
    bookedBy: uuid(),
    bookedAt: stampedNow(),
    /** The period the income is for, as written on the contract/voucher: 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
    period: text(),
  },
  (t) => [
    index('collective_incomes_region_idx').on(t.regionCode.op('text_pattern_ops'), t.incomeDate),
    index('collective_incomes_collective_idx').on(t.collectiveId, t.incomeDate),
  ],
)

/** An online or livestream sales session of an e-commerce workshop. */
export const salesSessions = pgTable(
  'sales_sessions',
  {
    id: serialPk(),
    workshopId: requiredRef(() => workshops.id),
    regionCode: text().notNull(),
    sessionDate: date().notNull(),
    platform: text().notNull(),
    host: text(),
    ordersCount: integer().notNull().default(0),
    salesFen: bigint({ mode: 'number' }).notNull(),
    products: text().array().notNull().default([]),
    createdAt: stampedNow(),
    /** The platform's own id of the session/order batch (from its CSV export): importing twice adds nothing. */
    externalRef: text(),
    /** manual | import */
    source: text().notNull().default('manual'),
    recordedBy: uuid(),
  },
  (t) => [
    index('sales_sessions_region_idx').on(t.regionCode.op('text_pattern_ops'), t.sessionDate),
    index('sales_sessions_workshop_idx').on(t.workshopId, t.sessionDate),
    uniqueIndex('sales_sessions_external_uq').on(t.workshopId, t.platform, t.externalRef),
  ],
)

/** Visitors and revenue of an agri-tourism workshop, per day or period. */
export const tourismRecords = pgTable(
  'tourism_records',
  {
    id: serialPk(),
    workshopId: requiredRef(() => workshops.id),
    regionCode: text().notNull(),
    recordDate: date().notNull(),
    visitors: integer().notNull(),
    revenueFen: bigint({ mode: 'number' }).notNull(),
    createdAt: stampedNow(),
    note: text(),
    recordedBy: uuid(),
  },
  (t) => [
    index('tourism_records_region_idx').on(t.regionCode.op('text_pattern_ops'), t.recordDate),
    index('tourism_records_workshop_idx').on(t.workshopId, t.recordDate),
  ],
)
