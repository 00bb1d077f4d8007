/**
 * Income monitoring roll-ups (server/src/modules/income): kept by the same fold as the cockpit's
 * (cockpit_fold_work() → income_fold_records(), server/src/db/sql/income.sql) for work records, and by
 * triggers on workers and worker_low_income_periods in the same transaction as a registry change.
 * Months are integers year × 12 + (month − 1), like the cockpit's. Workers belong to a place by their
 * home village (workers.region_code), whatever workshop they worked at.
 */
import { sql } from 'drizzle-orm'
import { bigint, customType, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { workers } from './registry.ts'

/** PostgreSQL datemultirange, read and written as its text form ('{[2024-01-01,2025-01-01)}'). */
const dateMultirange = customType<{ data: string }>({ dataType: () => 'datemultirange' })

/**
 * One row per worker × month with work records: earnings (all workshops, reversing lines included), the part
 * on lines flagged low-income, net lines (a reversing line counts −1), days with net earnings > 0, and the
 * worker's baseline monthly income with the gain over it (gain_fen = earned_fen − baseline_fen).
 * region_code and baseline_fen follow the registry (the baseline has no history: the current one applies).
 */
export const incomeWorkerMonths = pgTable(
  'income_worker_months',
  {
    workerId: uuid().notNull(),
    month: integer().notNull(),
    regionCode: text().notNull(),
    earnedFen: bigint({ mode: 'number' }).notNull().default(0),
    lowLineFen: bigint({ mode: 'number' }).notNull().default(0),
    records: integer().notNull().default(0),
    days: integer().notNull().default(0),
    baselineFen: bigint({ mode: 'number' }).notNull().default(0),
    gainFen: bigint({ mode: 'number' })
      .notNull()
      .generatedAlwaysAs(sql`earned_fen - baseline_fen`),
  },
  (t) => [
    primaryKey({ columns: [t.workerId, t.month] }),
    index('income_worker_months_region_idx').on(t.regionCode.op('text_pattern_ops'), t.month),
    index('income_worker_months_month_idx').on(t.month, t.regionCode.op('text_pattern_ops')),
  ],
)

/**
 * One row per registered worker: home village, baseline, registered low-income periods (a multirange of
 * [start_on, end_on] days; open-ended while registered) and the first month with earnings > 0 (null: never).
 */
export const incomeWorkers = pgTable(
  'income_workers',
  {
    workerId: uuid()
      .primaryKey()
      .references(() => workers.id, { onDelete: 'cascade' }),
    regionCode: text().notNull(),
    baselineFen: bigint({ mode: 'number' }).notNull().default(0),
    lowPeriods: dateMultirange().notNull().default(sql`'{}'::datemultirange`),
    firstActiveMonth: integer(),
  },
  (t) => [index('income_workers_region_idx').on(t.regionCode.op('text_pattern_ops'))],
)
