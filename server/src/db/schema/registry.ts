import { bigint, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, stampedNow, timestamps, recordedStamp, changedStamp, daySpan, sealedContact, regionIndex } from './columns.ts'
import { regionRef, users } from './core.ts'
import { charsOf } from '../like.ts'

/** Village collective, strong-village company or cooperative. */
export const collectives = pgTable(
  'collectives',
  {
    id: uuidPk(),
    name: text().notNull(),
    /** collective | company | cooperative */
    kind: text().notNull(),
    regionCode: regionRef(),
    creditCode: text(),
    ...timestamps(),
  },
  (t) => [
    regionIndex('collectives_region_idx', t.regionCode),
    uniqueIndex('collectives_credit_code_uq').on(t.creditCode),
  ],
)

export const enterprises = pgTable(
  'enterprises',
  {
    id: uuidPk(),
    name: text().notNull(),
    /** 统一社会信用代码, 18 characters with GB 32100 check character. */
    creditCode: text().notNull(),
    regionCode: regionRef(),
    ...sealedContact(),
    industry: text(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_uq').on(t.creditCode),
    regionIndex('enterprises_region_idx', t.regionCode),
  ],
)

export const workshops = pgTable(
  'workshops',
  {
    id: uuidPk(),
    name: text().notNull(),
    /** processing | recruitment | ecommerce | agritourism | brand | industry (the six official types). */
    type: text().notNull(),
    /** The village (12-digit code) the workshop is in. */
    regionCode: regionRef(),
    collectiveId: uuid().references(() => collectives.id),
    operatorUserId: uuid().references(() => users.id),
    address: text(),
    lng: doublePrecision(),
    lat: doublePrecision(),
    floorAreaM2: integer(),
    /** Pieces per working day. */
    dailyCapacity: integer().notNull().default(0),
    workerPlaces: integer().notNull().default(0),
    skills: text().array().notNull().default([]),
    /** planned | operating | suspended | closed */
    status: text().notNull().default('planned'),
    openedOn: date(),
    /** Optional photo URLs. */
    photos: text().array().notNull().default([]),
    ...timestamps(),
  },
  (t) => [
    regionIndex('workshops_region_idx', t.regionCode),
    index('workshops_operator_idx').on(t.operatorUserId),
    index('workshops_status_idx').on(t.status),
  ],
)

export const workshopEnterprises = pgTable(
  'workshop_enterprises',
  {
    workshopId: requiredRef(() => workshops.id, { onDelete: 'cascade' }),
    enterpriseId: requiredRef(() => enterprises.id, { onDelete: 'cascade' }),
    since: date(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.enterpriseId] }), index('we_enterprise_idx').on(t.enterpriseId)],
)

/** Dated status changes of a workshop (planned → operating → suspended → closed). */
export const workshopStatusHistory = pgTable(
  'workshop_status_history',
  {
    id: serialPk(),
    workshopId: requiredRef(() => workshops.id, { onDelete: 'cascade' }),
    status: text().notNull(),
    effectiveOn: date().notNull(),
    note: text(),
    ...changedStamp(),
  },
  (t) => [index('wsh_workshop_idx').on(t.workshopId, t.effectiveOn)],
)

export const workers = pgTable(
  'workers',
  {
    id: uuidPk(),
    name: text().notNull(),
    /**
     * Legacy plain column, always null: the 18-digit resident ID number (GB 11643) lives sealed in idNumberEnc,
     * one person one record through idNumberBidx. Bootstrap seals and empties anything found here.
     */
    idNumber: text(),
    /** Derived from the ID number, never typed. */
    birthDate: date().notNull(),
    /** 'F' | 'M', derived from the ID number. */
    sex: text().notNull(),
    /** Legacy plain column, always null: see phoneEnc. */
    phone: text(),
    /** The worker's village (12-digit code). */
    regionCode: regionRef(),
    household: text(),
    /** Legacy plain column, always null: the disability grade 1–4 is sealed in disabilityGradeEnc (null when none). */
    disabilityGrade: smallint(),
    skills: text().array().notNull().default([]),
    /** e.g. { days: ['mon',…], hoursPerDay: 6 } */
    availability: jsonb().$type<{ days?: string[]; hoursPerDay?: number }>(),
    baselineMonthlyIncomeFen: bigint({ mode: 'number' }).notNull().default(0),
    baselineSource: text(),
    // Sealed by server/src/vault (AES-256-GCM, key id inside) with HMAC blind indexes for exact search;
    // every service reads and writes through the vault, and the plain columns above stay empty.
    idNumberEnc: text(),
    idNumberBidx: text(),
    /** Blind index of the ID number's last four characters (search "ends in 123X"). */
    idNumberTailBidx: text(),
    phoneEnc: text(),
    phoneBidx: text(),
    phoneTailBidx: text(),
    /** Sealed disability grade; `disability_grade_enc is not null` means "has a disability". */
    disabilityGradeEnc: text(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('workers_id_number_uq').on(t.idNumber),
    uniqueIndex('workers_id_number_bidx_uq').on(t.idNumberBidx),
    index('workers_phone_bidx_idx').on(t.phoneBidx),
    index('workers_id_number_tail_bidx_idx').on(t.idNumberTailBidx),
    index('workers_phone_tail_bidx_idx').on(t.phoneTailBidx),
    regionIndex('workers_region_idx', t.regionCode),
    // The register's default order (name, id): a province-wide first page walks this instead of sorting 500,000 rows.
    index('workers_name_id_idx').on(t.name, t.id),
    // Name search: every character of the query, then ILIKE (db/like.ts nameContains).
    index('workers_name_chars_idx').using('gin', charsOf(t.name)),
  ],
)

/** Registered low-income household (低收入农户) periods; end null = still registered. */
export const workerLowIncomePeriods = pgTable(
  'worker_low_income_periods',
  {
    id: serialPk(),
    workerId: requiredRef(() => workers.id, { onDelete: 'cascade' }),
    ...daySpan(),
  },
  (t) => [index('wlip_worker_idx').on(t.workerId)],
)

/**
 * The worker's consent to the processing of their disability grade (PIPL art. 29: sensitive personal
 * information needs separate consent): when, for what, who witnessed; withdrawn erases the grade.
 */
export const disabilityConsents = pgTable(
  'disability_consents',
  {
    id: serialPk(),
    workerId: requiredRef(() => workers.id, { onDelete: 'cascade' }),
    givenOn: date().notNull(),
    /** A code of DISABILITY_CONSENT_PURPOSES. */
    purpose: text().notNull(),
    purposeNote: text(),
    witness: text().notNull(),
    ...recordedStamp(),
    withdrawnOn: date(),
    withdrawnBy: uuid(),
  },
  (t) => [index('disability_consents_worker_idx').on(t.workerId)],
)

export const workshopMembers = pgTable(
  'workshop_members',
  {
    id: serialPk(),
    workshopId: requiredRef(() => workshops.id, { onDelete: 'cascade' }),
    workerId: requiredRef(() => workers.id, { onDelete: 'cascade' }),
    ...daySpan(),
  },
  (t) => [index('wm_workshop_idx').on(t.workshopId, t.workerId), index('wm_worker_idx').on(t.workerId)],
)

/** Field-level change history of registry records: who, when, old → new. */
export const changeHistory = pgTable(
  'change_history',
  {
    id: serialPk(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    action: text().notNull(),
    changes: jsonb().$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    userId: uuid(),
    username: text(),
    at: stampedNow(),
  },
  (t) => [index('change_history_entity_idx').on(t.entityType, t.entityId)],
)

/** Background jobs (large imports): progress and outcome; the import itself is one transaction. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuidPk(),
    /** e.g. import:workers */
    kind: text().notNull(),
    /** queued | running | done | failed */
    state: text().notNull().default('queued'),
    processed: integer().notNull().default(0),
    total: integer().notNull().default(0),
    errors: jsonb().$type<{ row: number; column: string; value: string; message: string }[]>().notNull().default([]),
    result: jsonb().$type<Record<string, unknown>>(),
    userId: uuid(),
    fileName: text(),
    ...timestamps(),
  },
  (t) => [index('import_jobs_user_idx').on(t.userId)],
)
