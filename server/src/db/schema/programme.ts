/**
 * The programme's own instruments around the workshop: star ratings and the demonstration selection
 * (百坊示范、千坊提升), training and skills, policy targets and coverage, and the shared-talent pool.
 * region_code is the 12-digit village code of the workshop (or the place of a session), copied at write time.
 */
import { bigint, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, stampedNow, writtenStamp, createdStamp, editedStamp, recordedStamp, actionStamp, regionIndex } from './columns.ts'
import { users } from './core.ts'
import { workshops, workers } from './registry.ts'
import { workshopScope } from './scope.ts'

// ---------------------------------------------------------------- ratings

/**
 * A county's rating criteria (weights and the value that earns full marks). A county without rows
 * uses the province defaults in shared/src/programme.ts (DEFAULT_RATING_CRITERIA).
 */
export const ratingCriteria = pgTable(
  'rating_criteria',
  {
    /** County code (6 digits) the criteria apply to. */
    regionCode: text().notNull(),
    /** employed | low_income_share | wages | months_active | fulfilment | reject_rate | arrears | training | disputes, or a manual key */
    key: text().notNull(),
    /** computed (from the platform's records) | manual (entered by the reviewer with a note) */
    kind: text().notNull(),
    weight: integer().notNull(),
    /** Computed criteria: the value that earns full marks (higher-better) or zero marks (lower-better). */
    fullMark: doublePrecision(),
    labelZh: text().notNull(),
    labelEn: text().notNull(),
    updatedBy: uuid(),
    updatedAt: stampedNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.key] })],
)

/** One workshop's rating for one year (1–5 stars); recomputing replaces the scores. */
export const workshopRatings = pgTable(
  'workshop_ratings',
  {
    id: uuidPk(),
    ...workshopScope(),
    year: smallint().notNull(),
    /** Weighted score 0–100, one decimal. */
    score: doublePrecision().notNull(),
    stars: smallint().notNull(),
    note: text(),
    ratedBy: uuid().references(() => users.id),
    ratedAt: stampedNow(),
  },
  (t) => [
    uniqueIndex('workshop_ratings_ws_year_uq').on(t.workshopId, t.year),
    regionIndex('workshop_ratings_region_idx', t.regionCode, t.year),
  ],
)

/** Per-criterion line of a rating: the raw value (computed or entered), the 0–100 score, the weight used. */
export const ratingScores = pgTable(
  'rating_scores',
  {
    ratingId: requiredRef(() => workshopRatings.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    kind: text().notNull(),
    weight: integer().notNull(),
    rawValue: doublePrecision(),
    score: doublePrecision().notNull(),
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.ratingId, t.key] })],
)

/** 示范工坊: nominated by staff, approved (or rejected) by city/province staff. */
export const demonstrationNominations = pgTable(
  'demonstration_nominations',
  {
    id: uuidPk(),
    ...workshopScope(),
    year: smallint().notNull(),
    reason: text().notNull(),
    /** nominated | approved | rejected */
    status: text().notNull().default('nominated'),
    nominatedBy: uuid().references(() => users.id),
    nominatedAt: stampedNow(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [
    uniqueIndex('demo_nom_ws_year_uq').on(t.workshopId, t.year),
    regionIndex('demo_nom_region_idx', t.regionCode, t.year),
  ],
)

/** 千坊提升: a workshop to improve, with its plan; follow-ups carry the dates. */
export const improvementPlans = pgTable(
  'improvement_plans',
  {
    id: uuidPk(),
    ...workshopScope(),
    year: smallint().notNull(),
    reason: text().notNull(),
    plan: text().notNull(),
    /** open | closed */
    status: text().notNull().default('open'),
    createdBy: uuid().references(() => users.id),
    createdAt: stampedNow(),
    closedAt: timestamp({ withTimezone: true }),
    closingNote: text(),
  },
  (t) => [regionIndex('improvement_plans_region_idx', t.regionCode, t.year)],
)

export const improvementFollowUps = pgTable(
  'improvement_follow_ups',
  {
    id: serialPk(),
    planId: requiredRef(() => improvementPlans.id, { onDelete: 'cascade' }),
    dueOn: date().notNull(),
    doneOn: date(),
    note: text(),
    result: text(),
    ...createdStamp(),
  },
  (t) => [index('improvement_follow_ups_plan_idx').on(t.planId, t.dueOn)],
)

// ---------------------------------------------------------------- training

export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuidPk(),
    /** Where it is held: a township (9 digits) or village (12 digits). */
    regionCode: text().notNull(),
    /** Optional host workshop (an operator may then record attendance). */
    workshopId: uuid().references(() => workshops.id),
    topic: text().notNull(),
    /** The skill attending adds to a worker's record (same vocabulary as workers.skills). */
    skill: text().notNull(),
    trainer: text().notNull(),
    place: text().notNull(),
    sessionDate: date().notNull(),
    capacity: integer().notNull(),
    ...createdStamp(),
  },
  (t) => [regionIndex('training_sessions_region_idx', t.regionCode, t.sessionDate)],
)

export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    sessionId: requiredRef(() => trainingSessions.id, { onDelete: 'cascade' }),
    workerId: requiredRef(() => workers.id),
    /** The worker's village, copied. */
    regionCode: text().notNull(),
    ...writtenStamp('enrolled'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.workerId] }), index('training_enrolments_worker_idx').on(t.workerId)],
)

/** A worker attended a session; the cockpit's training headcount counts these by region. */
export const trainingAttendances = pgTable(
  'training_attendances',
  {
    id: serialPk(),
    workerId: requiredRef(() => workers.id),
    sessionId: requiredRef(() => trainingSessions.id),
    /** The worker's village (12 digits), copied at write time. */
    regionCode: text().notNull(),
    attendedOn: date().notNull(),
    ...recordedStamp(),
  },
  (t) => [
    uniqueIndex('training_attendances_session_worker_uq').on(t.sessionId, t.workerId),
    regionIndex('training_attendances_region_idx', t.regionCode, t.attendedOn),
    index('training_attendances_worker_idx').on(t.workerId),
  ],
)

/** Dated skill record of a worker (training, registry entry, …); workers.skills holds the current set. */
export const workerSkills = pgTable(
  'worker_skills',
  {
    id: serialPk(),
    workerId: requiredRef(() => workers.id, { onDelete: 'cascade' }),
    skill: text().notNull(),
    acquiredOn: date().notNull(),
    /** training | registry | assessment */
    source: text().notNull(),
    sessionId: uuid().references(() => trainingSessions.id),
    createdAt: stampedNow(),
  },
  (t) => [index('worker_skills_worker_idx').on(t.workerId, t.skill)],
)

// ---------------------------------------------------------------- targets and coverage

/** A policy target: figure (workshops, workers_employed, …) to reach in a region by the end of a year. */
export const targets = pgTable(
  'targets',
  {
    id: uuidPk(),
    regionCode: text().notNull(),
    year: smallint().notNull(),
    figure: text().notNull(),
    value: bigint({ mode: 'number' }).notNull(),
    note: text(),
    createdBy: uuid(),
    updatedAt: stampedNow(),
  },
  (t) => [
    uniqueIndex('targets_region_year_figure_uq').on(t.regionCode, t.year, t.figure),
    regionIndex('targets_region_idx', t.regionCode),
  ],
)

/** 浙江山区26县: every township of these counties must have an operating workshop. Filled by a migration. */
export const mountainCounties = pgTable('mountain_counties', {
  regionCode: text().primaryKey(),
  name: text().notNull(),
})

// ---------------------------------------------------------------- shared-talent pool

export const experts = pgTable(
  'experts',
  {
    id: uuidPk(),
    name: text().notNull(),
    title: text(),
    phone: text(),
    /** Sealed phone and its blind index (server/src/vault). */
    phoneEnc: text(),
    phoneBidx: text(),
    /** Where the expert is based (any level); they serve problems in that subtree. */
    regionCode: text().notNull(),
    skills: text().array().notNull().default([]),
    /** available | busy | unavailable */
    availability: text().notNull().default('available'),
    bio: text(),
    /** Optional login: the expert may then accept problems themselves. */
    userId: uuid().references(() => users.id),
    ...editedStamp(),
  },
  (t) => [
    regionIndex('experts_region_idx', t.regionCode),
    uniqueIndex('experts_user_uq').on(t.userId),
    index('experts_phone_bidx_idx').on(t.phoneBidx),
  ],
)

/** A workshop's technical problem: open → accepted (by an expert) → resolved | unresolved. */
export const techProblems = pgTable(
  'tech_problems',
  {
    id: uuidPk(),
    ...workshopScope(),
    title: text().notNull(),
    description: text().notNull(),
    skill: text(),
    /** open | accepted | resolved | unresolved */
    status: text().notNull().default('open'),
    ...writtenStamp('posted'),
    expertId: uuid().references(() => experts.id),
    ...actionStamp('accepted'),
    outcome: text(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    regionIndex('tech_problems_region_idx', t.regionCode, t.status),
    index('tech_problems_expert_idx').on(t.expertId),
  ],
)
