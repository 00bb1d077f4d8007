import { boolean, doublePrecision, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, stampedNow, regionIndex } from './columns.ts'

/** Zhejiang's administrative regions (national division codes); a code is a prefix of its descendants'. */
export const regions = pgTable(
  'regions',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    /** 1 province, 2 city, 3 county, 4 township, 5 village. */
    level: smallint().notNull(),
    parentCode: text(),
    /** Approximate centre (WGS84); counties from the map data, lower levels derived. */
    lng: doublePrecision(),
    lat: doublePrecision(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), regionIndex('regions_code_prefix_idx', t.code)],
)

/** A required region_code that must be one of the regions (staff scope and "everything under" by its prefix). */
export const regionRef = () =>
  text()
    .notNull()
    .references(() => regions.code)

export const users = pgTable('users', {
  id: uuidPk(),
  username: text().notNull().unique(),
  passwordHash: text().notNull(),
  displayName: text().notNull(),
  /** admin | staff | collective | operator | enterprise | worker */
  role: text().notNull(),
  /** Staff: the region they serve (its subtree is their scope). Others: where they are. */
  regionCode: text().references(() => regions.code),
  enterpriseId: uuid(),
  collectiveId: uuid(),
  workerId: uuid(),
  locale: text().notNull().default('zh-CN'),
  disabled: boolean().notNull().default(false),
  /** Set for demo accounts outside the demo and by an administrator's reset: only a password change is allowed. */
  mustChangePassword: boolean().notNull().default(false),
  createdAt: stampedNow(),
})

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the bearer token; the token itself is never stored. */
    tokenHash: text().primaryKey(),
    userId: requiredRef(() => users.id, { onDelete: 'cascade' }),
    createdAt: stampedNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Append-only (a trigger refuses UPDATE and DELETE): who did what to which record, from where. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serialPk(),
    at: stampedNow(),
    userId: uuid(),
    username: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    regionCode: text(),
    ip: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    /** The people a read returned (workers' ids): who looked at whom, for the audit page and the worker's own view. */
    subjectIds: uuid().array(),
  },
  (t) => [
    index('audit_target_idx').on(t.targetType, t.targetId),
    index('audit_at_idx').on(t.at),
    index('audit_subjects_idx').using('gin', t.subjectIds),
  ],
)

/** Stored answers of requests sent with an Idempotency-Key, so a retry never counts twice. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text().notNull(),
    userId: uuid().notNull(),
    requestHash: text().notNull(),
    status: smallint().notNull(),
    body: jsonb().notNull(),
    createdAt: stampedNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
)
