/**
 * Village collectives' incomes, members and profit sharing (分红). A run splits a declared amount over the member
 * households by shares (largest remainder, whole fen); once confirmed a run and its lines never change
 * (a trigger refuses it, see migration `profit_sharing_immutable`).
 */
import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, timestamps, writtenStamp, createdStamp, actionStamp, regionIndex } from './columns.ts'
import { workshops, workers } from './registry.ts'
import { collectiveScope } from './scope.ts'

/**
 * Village-collective income: rent of idle buildings, management fees, equity dividends. A cockpit fact: its
 * roll-up triggers read these columns (never rename them). region_code is the collective's village, copied.
 */
export const collectiveIncomes = pgTable(
  'collective_incomes',
  {
    id: serialPk(),
    ...collectiveScope(),
    /** rent | management_fee | dividend | other */
    kind: text().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    /** The day it is booked to; the cockpit counts it in that month. */
    incomeDate: date().notNull(),
    sourceWorkshopId: uuid().references(() => workshops.id),
    sourceEnterpriseId: uuid(),
    note: text(),
    ...writtenStamp('booked'),
    /** The period the income is for, as written on the contract/voucher: 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
    period: text(),
  },
  (t) => [
    regionIndex('collective_incomes_region_idx', t.regionCode, t.incomeDate),
    index('collective_incomes_collective_idx').on(t.collectiveId, t.incomeDate),
  ],
)

/** A member household as the register has it; a run's line keeps a copy of it as it was at the run. */
const household = () => ({
  /** Household number in the collective's register (户号), unique within the collective. */
  householdNo: text().notNull(),
  /** Head of household (户主). */
  headName: text().notNull(),
  /** Whole shares; 0 = member without shares this year. */
  shares: integer().notNull(),
})

/** A member household of a village collective (股份经济合作社) with its shares (股数). */
export const collectiveMembers = pgTable(
  'collective_members',
  {
    id: uuidPk(),
    ...collectiveScope(),
    ...household(),
    workerId: uuid().references(() => workers.id),
    active: boolean().notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('collective_members_household_uq').on(t.collectiveId, t.householdNo),
    regionIndex('collective_members_region_idx', t.regionCode),
  ],
)

/** One distribution of a declared amount; draft → confirmed (then immutable). */
export const profitSharingRuns = pgTable(
  'profit_sharing_runs',
  {
    id: uuidPk(),
    ...collectiveScope(),
    title: text().notNull(),
    /** 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
    period: text().notNull(),
    totalFen: bigint({ mode: 'number' }).notNull(),
    totalShares: bigint({ mode: 'number' }).notNull(),
    households: integer().notNull(),
    /** draft | confirmed */
    status: text().notNull().default('draft'),
    note: text(),
    ...createdStamp(),
    ...actionStamp('confirmed'),
  },
  (t) => [
    regionIndex('profit_sharing_runs_region_idx', t.regionCode),
    index('profit_sharing_runs_collective_idx').on(t.collectiveId, t.createdAt),
  ],
)

/** A household's line of a run: a snapshot of the member at the time of the run. */
export const profitSharingLines = pgTable(
  'profit_sharing_lines',
  {
    runId: requiredRef(() => profitSharingRuns.id, { onDelete: 'cascade' }),
    memberId: requiredRef(() => collectiveMembers.id),
    /** Order on the printed list (household number order). */
    seq: integer().notNull(),
    ...household(),
    amountFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.memberId] })],
)
