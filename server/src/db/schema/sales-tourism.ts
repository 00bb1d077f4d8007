/**
 * What e-commerce and agri-tourism workshops report: livestream and online sales sessions, visitors and revenue.
 * Cockpit facts: the roll-up triggers read these columns (add columns, never rename them). region_code is the
 * workshop's 12-digit village code, copied at write time.
 */
import { bigint, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { serialPk, stampedNow, regionIndex } from './columns.ts'
import { workshopScope } from './scope.ts'

/** An online or livestream sales session of an e-commerce workshop. */
export const salesSessions = pgTable(
  'sales_sessions',
  {
    id: serialPk(),
    ...workshopScope(),
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
    regionIndex('sales_sessions_region_idx', t.regionCode, t.sessionDate),
    index('sales_sessions_workshop_idx').on(t.workshopId, t.sessionDate),
    uniqueIndex('sales_sessions_external_uq').on(t.workshopId, t.platform, t.externalRef),
  ],
)

/** Visitors and revenue of an agri-tourism workshop, per day or period. */
export const tourismRecords = pgTable(
  'tourism_records',
  {
    id: serialPk(),
    ...workshopScope(),
    recordDate: date().notNull(),
    visitors: integer().notNull(),
    revenueFen: bigint({ mode: 'number' }).notNull(),
    createdAt: stampedNow(),
    note: text(),
    recordedBy: uuid(),
  },
  (t) => [
    regionIndex('tourism_records_region_idx', t.regionCode, t.recordDate),
    index('tourism_records_workshop_idx').on(t.workshopId, t.recordDate),
  ],
)
