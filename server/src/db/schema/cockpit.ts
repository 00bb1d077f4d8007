/**
 * The cockpit's incremental roll-ups, kept by triggers on the fact and registry tables in the same
 * transaction as the write (migration cockpit_rollup_triggers), so every figure is fresh at commit.
 *
 * A "node" is one place in the drill-down tree: '' (everywhere, level 0), a region code of 2/4/6/9/12
 * digits (levels 1–5), or a workshop id (level 6, parent = its village). Months are integers
 * year × 12 + (month − 1), so a period is a plain integer range.
 */
import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
  type ExtraConfigColumn,
} from 'drizzle-orm/pg-core'

/** A node's rows by their key, and the index by which the drill-down reads a parent's children (by month where given). */
const nodeKeys = (
  key: [ExtraConfigColumn, ...ExtraConfigColumn[]],
  childrenIndex: string,
  parent: ExtraConfigColumn,
  ...then: ExtraConfigColumn[]
) => [primaryKey({ columns: key }), index(childrenIndex).on(parent, ...then)]

/** Additive figures per node × month: Σ over a month range is the figure for the period. */
export const cockpitSums = pgTable(
  'cockpit_sums',
  {
    node: text().notNull(),
    month: integer().notNull(),
    parent: text().notNull(),
    level: smallint().notNull(),
    wagesFen: bigint({ mode: 'number' }).notNull().default(0),
    goodQty: bigint({ mode: 'number' }).notNull().default(0),
    deliveredQty: bigint({ mode: 'number' }).notNull().default(0),
    collectiveIncomeFen: bigint({ mode: 'number' }).notNull().default(0),
    salesFen: bigint({ mode: 'number' }).notNull().default(0),
    salesOrders: bigint({ mode: 'number' }).notNull().default(0),
    tourismVisitors: bigint({ mode: 'number' }).notNull().default(0),
    tourismRevenueFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => nodeKeys([t.node, t.month], 'cockpit_sums_parent_idx', t.parent, t.month),
)

/**
 * Work records written but not yet folded into the roll-ups. The insert trigger on work_records only queues
 * ids here (cheap, and no lock shared between writers); cockpit_fold_work() folds the queue set-based under
 * one advisory lock. Every reader of the roll-ups folds first (foldPendingWork), and the server folds in the
 * background, so figures stay exact at read time.
 */
export const cockpitPendingWork = pgTable('cockpit_pending_work', { id: bigint({ mode: 'number' }).primaryKey() })

/** Earnings per worker × workshop × month (the base of distinct-person counts and income monitoring). */
export const cockpitWorkerMonths = pgTable(
  'cockpit_worker_months',
  {
    workerId: uuid().notNull(),
    month: integer().notNull(),
    workshopId: uuid().notNull(),
    regionCode: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull().default(0),
    /** Part of amount_fen earned on lines flagged low-income / disabled at the time of the work. */
    lowIncomeFen: bigint({ mode: 'number' }).notNull().default(0),
    disabledFen: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workerId, t.month, t.workshopId, t.regionCode] })],
)

/**
 * Distinct active workers without scanning workers: for each node, kind (0 all, 1 low-income, 2 disabled)
 * and active month m of a worker there, one count under (m, prev) where prev is that worker's previous
 * active month at the node (−1 if none). Workers employed in [a, b] = Σ n over a ≤ month ≤ b and prev < a;
 * active worker-months = Σ n over a ≤ month ≤ b. At most months²/2 rows per node and kind.
 */
export const cockpitWorkerCounts = pgTable(
  'cockpit_worker_counts',
  {
    node: text().notNull(),
    kind: smallint().notNull(),
    month: integer().notNull(),
    prev: integer().notNull(),
    parent: text().notNull(),
    n: integer().notNull().default(0),
  },
  (t) => nodeKeys([t.node, t.kind, t.month, t.prev], 'cockpit_worker_counts_parent_idx', t.parent, t.month),
)

/** One workshop's months of operation: [start_month, end_month) (end null = still operating). */
export const cockpitWorkshopSpans = pgTable(
  'cockpit_workshop_spans',
  {
    workshopId: uuid().notNull(),
    regionCode: text().notNull(),
    type: text().notNull(),
    startMonth: integer().notNull(),
    endMonth: integer(),
  },
  (t) => [index('cockpit_workshop_spans_ws_idx').on(t.workshopId)],
)

/** +1 when a workshop starts operating in a month, −1 when it stops: Σ up to month T = operating at the end of T. */
export const cockpitWorkshopDeltas = pgTable(
  'cockpit_workshop_deltas',
  {
    node: text().notNull(),
    type: text().notNull(),
    month: integer().notNull(),
    parent: text().notNull(),
    delta: integer().notNull().default(0),
  },
  (t) => nodeKeys([t.node, t.type, t.month], 'cockpit_workshop_deltas_parent_idx', t.parent, t.month),
)

/** Enterprises linked to workshops of a node, with the month of the first link (0 = undated). */
export const cockpitEnterpriseLinks = pgTable(
  'cockpit_enterprise_links',
  {
    node: text().notNull(),
    enterpriseId: uuid().notNull(),
    parent: text().notNull(),
    firstMonth: integer().notNull(),
  },
  (t) => [
    ...nodeKeys([t.node, t.enterpriseId], 'cockpit_enterprise_links_parent_idx', t.parent),
    index('cockpit_enterprise_links_ent_idx').on(t.enterpriseId),
  ],
)
