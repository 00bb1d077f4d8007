/**
 * Outsourced orders (企业送单 → 工坊派单): orders, their status history, matching plans, allocations to
 * workshops (from a plan or an operator's claim), deliveries, payments to workshops and disputes with mediation.
 */
import { bigint, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, stampedNow, timestamps, createdStamp, recordedStamp, actionStamp, regionIndex } from './columns.ts'
import { regionRef, users } from './core.ts'
import { enterprises, workshops, workers } from './registry.ts'
import { workshopScope } from './scope.ts'

export const orders = pgTable(
  'orders',
  {
    id: uuidPk(),
    enterpriseId: requiredRef(() => enterprises.id),
    /** Region that owns the order for staff scope: the enterprise's region unless staff chose another. */
    regionCode: regionRef(),
    product: text().notNull(),
    description: text(),
    photos: text().array().notNull().default([]),
    quantity: integer().notNull(),
    unit: text().notNull().default('件'),
    /** Paid to the workshop per accepted piece, in centifen (1/100 fen). */
    workshopRateCentifen: bigint({ mode: 'number' }).notNull(),
    /** Suggested worker piece rate, in centifen (1/100 fen). */
    workerRateCentifen: bigint({ mode: 'number' }).notNull(),
    startOn: date().notNull(),
    dueOn: date().notNull(),
    skills: text().array().notNull().default([]),
    pickupAddress: text(),
    pickupLng: doublePrecision().notNull(),
    pickupLat: doublePrecision().notNull(),
    /** enterprise_delivers | workshop_collects | courier */
    logistics: text().notNull().default('enterprise_delivers'),
    minBatch: integer().notNull().default(1),
    maxBatch: integer().notNull(),
    qualityStandard: text(),
    paymentTermDays: integer().notNull().default(30),
    /** draft | open | allocated | in_production | delivered | settled | cancelled */
    status: text().notNull().default('draft'),
    createdBy: uuid().references(() => users.id),
    ...timestamps(),
  },
  (t) => [
    regionIndex('orders_region_idx', t.regionCode),
    index('orders_enterprise_idx').on(t.enterpriseId),
    index('orders_status_idx').on(t.status),
  ],
)

export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    id: serialPk(),
    orderId: requiredRef(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text(),
    toStatus: text().notNull(),
    note: text(),
    byUserId: uuid(),
    byUsername: text(),
    at: stampedNow(),
  },
  (t) => [index('osh_order_idx').on(t.orderId, t.at)],
)

/** One matching run (one order or several planned together); `result` is the full proposed split. */
export const plans = pgTable('plans', {
  id: uuidPk(),
  orderIds: uuid().array().notNull(),
  /** proposed | accepted | superseded */
  status: text().notNull().default('proposed'),
  options: jsonb().notNull(),
  result: jsonb().notNull(),
  ...createdStamp(),
  ...actionStamp('accepted'),
})

/** A share of an order offered to (plan) or claimed by a workshop. offered + accepted never exceed the order's quantity. */
export const allocations = pgTable(
  'allocations',
  {
    id: uuidPk(),
    orderId: requiredRef(() => orders.id),
    ...workshopScope(),
    quantity: integer().notNull(),
    /** plan | claim */
    source: text().notNull(),
    planId: uuid().references(() => plans.id),
    /** offered | accepted | declined | cancelled */
    status: text().notNull(),
    distanceKm: doublePrecision(),
    offeredAt: stampedNow(),
    respondedAt: timestamp({ withTimezone: true }),
    respondedBy: uuid(),
    note: text(),
  },
  (t) => [
    index('allocations_order_idx').on(t.orderId),
    index('allocations_workshop_idx').on(t.workshopId),
    regionIndex('allocations_region_idx', t.regionCode),
  ],
)

/** An operator's claim on part of an open order; granted claims become accepted allocations. */
export const claims = pgTable(
  'claims',
  {
    id: uuidPk(),
    orderId: requiredRef(() => orders.id),
    workshopId: requiredRef(() => workshops.id),
    quantity: integer().notNull(),
    allocationId: uuid().references(() => allocations.id),
    claimedBy: uuid(),
    at: stampedNow(),
  },
  (t) => [index('claims_order_idx').on(t.orderId)],
)

/**
 * A batch delivered by a workshop to an enterprise; accepted/rejected when the enterprise checks it. A cockpit
 * fact: its roll-up triggers read the columns before the orders module's additions (never rename those).
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuidPk(),
    ...workshopScope(),
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
    regionIndex('deliveries_region_idx', t.regionCode),
    index('deliveries_order_idx').on(t.orderId),
  ],
)

/** Money paid by the enterprise to a workshop for an order, integer fen. */
export const payments = pgTable(
  'payments',
  {
    id: uuidPk(),
    orderId: requiredRef(() => orders.id),
    ...workshopScope(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    paidOn: date().notNull(),
    reference: text(),
    note: text(),
    ...recordedStamp(),
  },
  (t) => [index('payments_order_idx').on(t.orderId, t.workshopId)],
)

export const disputes = pgTable(
  'disputes',
  {
    id: uuidPk(),
    /** order | delivery | payment | wage */
    subject: text().notNull(),
    orderId: uuid().references(() => orders.id),
    deliveryId: uuid(),
    paymentId: uuid().references(() => payments.id),
    workshopId: uuid().references(() => workshops.id),
    enterpriseId: uuid().references(() => enterprises.id),
    workerId: uuid().references(() => workers.id),
    /** Where the mediating staff sit: the workshop's village, else the order's region. */
    regionCode: text().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    /** open | mediating | resolved | withdrawn */
    status: text().notNull().default('open'),
    openedBy: uuid(),
    mediatorUserId: uuid().references(() => users.id),
    outcome: text(),
    createdAt: stampedNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [regionIndex('disputes_region_idx', t.regionCode), index('disputes_order_idx').on(t.orderId)],
)

export const disputeNotes = pgTable(
  'dispute_notes',
  {
    id: serialPk(),
    disputeId: requiredRef(() => disputes.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    authorUserId: uuid(),
    at: stampedNow(),
  },
  (t) => [index('dispute_notes_dispute_idx').on(t.disputeId, t.at)],
)
