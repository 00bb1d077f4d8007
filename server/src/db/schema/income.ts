/**
 * Income monitoring roll-ups (server/src/modules/income): kept by the same fold as the cockpit's
 * (cockpit_fold_work() → income_fold_records(), server/src/db/sql/income.sql) for work records, and by
 * triggers on workers and worker_low_income_periods in the same transaction as a registry change.
 * Months are integers year × 12 + (month − 1), like the cockpit's. Workers belong to a place by their
 * home village (workers.region_code), whatever workshop they worked at.
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, customType, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { requiredRef, regionIndex } from './columns.ts'
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
    /** The worker may fall in the low-income cohort of some period: registered periods, or low-income lines in any month. */
    lowAny: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.workerId, t.month] }),
    regionIndex('income_worker_months_region_idx', t.regionCode, t.month),
    index('income_worker_months_month_idx').on(t.month, t.regionCode.op('text_pattern_ops')),
    // The low-income cohort's exact per-worker pass reads only these workers' months (about one in seven).
    regionIndex('income_worker_months_low_idx', t.regionCode, t.month).where(sql`low_any`),
    // Months with net earnings below zero (reversals across months): the summary adds them back per worker.
    regionIndex('income_worker_months_negative_idx', t.regionCode, t.month).where(sql`earned_fen < 0`),
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
    lowPeriods: dateMultirange()
      .notNull()
      .default(sql`'{}'::datemultirange`),
    firstActiveMonth: integer(),
    /** Cohort attributes copied from workers for the region roll-up: sex 'F', a disability on record, and the month of the 60th birthday. */
    female: boolean().notNull().default(false),
    disabled: boolean().notNull().default(false),
    turns60Month: integer().notNull().default(0),
  },
  (t) => [
    regionIndex('income_workers_region_idx', t.regionCode),
    // Registered low-income workers (about one in seven) for the low-income cohort's per-worker pass. Id and
    // periods in the index too: a province's pass reads it alone (index-only, 73,000 entries) instead of every
    // worker's row (a 500,000-row scan, 0.37 s of /income/summary under load).
    regionIndex('income_workers_low_idx', t.regionCode, t.workerId, t.lowPeriods).where(
      sql`low_periods <> '{}'::datemultirange`,
    ),
  ],
)

/**
 * Income figures per region node × month, so that province and city summaries read a few thousand rows instead
 * of every worker-month. A row counts the worker-months with earnings > 0 (`workers`), their earnings and the
 * workers' baselines, keyed by the worker's previous month with earnings > 0 (`prev`, −1: none) and the cohort
 * attributes: the distinct workers active in months [a, b] are the rows with prev < a (the cockpit's trick).
 * `turns60` is the month of the worker's 60th birthday as the row's month sees it: 0 when already reached by
 * then, 2^31 − 1 when beyond any period holding the month (240 months), so a cohort filter is `turns60 <= b`.
 * Nodes are the region prefixes of the worker's home village (2, 4, 6, 9, 12 characters) and '' for all.
 * The low-income cohort is not kept here (its definition does not split by month): see the income service.
 */
export const incomeRegionMonths = pgTable(
  'income_region_months',
  {
    node: text().notNull(),
    month: integer().notNull(),
    prev: integer().notNull(),
    female: boolean().notNull(),
    disabled: boolean().notNull(),
    turns60: integer().notNull(),
    workers: integer().notNull().default(0),
    earnedFen: bigint({ mode: 'number' }).notNull().default(0),
    baselineFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.node, t.month, t.prev, t.female, t.disabled, t.turns60] })],
)

/**
 * The follow-up alerts of every month (income service, listAlerts), kept per worker by the fold from their
 * income_worker_months rows and income_workers (income_refresh_alerts, income.sql), so that a province month's
 * list (hundreds of thousands of alerts) reads its page through an index instead of aggregating every worker's
 * months m − 3 … m. A row says the worker has alert `kind` in every month from_month … to_month: `no_work_2m`
 * spans run from two months after an active month to the month before the next one (2^31 − 1: open-ended),
 * `below_baseline` rows hold one month each. A worker has at most one row covering a month. region_code and
 * name are copies from workers (the list's order: kind, village, name, id), kept by the same refresh and by a
 * trigger on names.
 */
export const incomeAlerts = pgTable(
  'income_alerts',
  {
    workerId: requiredRef(() => workers.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    fromMonth: integer().notNull(),
    toMonth: integer().notNull(),
    regionCode: text().notNull(),
    name: text().notNull(),
  },
  (t) => [
    // The rows of one kind begun in one month, in list order for a region (a range on region_code): the list reads
    // one such run per month and merges them. to_month trails so that an index-only scan checks it.
    index('income_alerts_month_idx').on(t.kind, t.fromMonth, t.regionCode, t.name, t.workerId, t.toMonth),
    index('income_alerts_worker_idx').on(t.workerId),
  ],
)
