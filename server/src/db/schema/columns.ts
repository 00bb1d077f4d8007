/**
 * Column definitions and index shapes many tables share, so each is written once. Each helper returns fresh
 * builders: drizzle binds a builder to the table it is built into, so one builder must not serve two tables.
 * Not exported from index.ts: these are pieces of tables, not tables.
 */
import {
  bigserial,
  date,
  index,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
  type ExtraConfigColumn,
  type ReferenceConfig,
} from 'drizzle-orm/pg-core'

/** Random uuid primary key. */
export const uuidPk = () => uuid().primaryKey().defaultRandom()

/** Serial primary key of append-only lines (read as a JS number). */
export const serialPk = () => bigserial({ mode: 'number' }).primaryKey()

/** timestamptz not null, stamped by the database when the row is written. */
export const stampedNow = () => timestamp({ withTimezone: true }).notNull().defaultNow()

/** A required reference (uuid not null, foreign key) to another table's id. */
export const requiredRef = (column: () => AnyPgColumn, actions?: ReferenceConfig['actions']) =>
  uuid().notNull().references(column, actions)

/** A user id kept without a foreign key (users may go), and a timestamptz null until something happens. */
const byUser = () => uuid()
const optionalMoment = () => timestamp({ withTimezone: true })

/** created_at and updated_at of an editable record. */
export const timestamps = () => ({ createdAt: stampedNow(), updatedAt: stampedNow() })

/**
 * Who took a step when the row was written (a user id, not a foreign key: users may go) and when:
 * writtenStamp('booked') gives bookedBy and bookedAt.
 */
export const writtenStamp = <Step extends string>(step: Step) =>
  ({ [`${step}By`]: byUser(), [`${step}At`]: stampedNow() }) as Record<`${Step}By`, ReturnType<typeof byUser>> &
    Record<`${Step}At`, ReturnType<typeof stampedNow>>

/** Who created the row and when. */
export const createdStamp = () => writtenStamp('created')

/** Who recorded a fact and when. */
export const recordedStamp = () => writtenStamp('recorded')

/**
 * Who took a later step of a record's life (a user id, not a foreign key) and when, both null until it is taken:
 * actionStamp('approved') gives approvedBy and approvedAt.
 */
export const actionStamp = <Step extends string>(step: Step) =>
  ({ [`${step}By`]: byUser(), [`${step}At`]: optionalMoment() }) as Record<`${Step}By`, ReturnType<typeof byUser>> &
    Record<`${Step}At`, ReturnType<typeof optionalMoment>>

/** createdStamp and the time of the last change, of a record edited in place. */
export const editedStamp = () => ({ ...createdStamp(), updatedAt: stampedNow() })

/** Who made a change (a user id, not a foreign key) and when: a history line's stamp. */
export const changedStamp = () => ({ byUserId: byUser(), at: stampedNow() })

/** A span of days from startOn to endOn; open-ended while endOn is null. */
export const daySpan = () => ({ startOn: date().notNull(), endOn: date() })

/** A contact person and their phone, sealed (server/src/vault); contactPhone is the legacy plain column, always null. */
export const sealedContact = () => ({ contactName: text(), contactPhone: text(), contactPhoneEnc: text() })

/**
 * The index behind scopeFilter's "everything under a region" (region_code LIKE '3311%'): text_pattern_ops lets
 * a prefix LIKE use it whatever the database's collation; `then` orders the rows within the region.
 */
export const regionIndex = (name: string, regionCode: ExtraConfigColumn, ...then: ExtraConfigColumn[]) =>
  index(name).on(regionCode.op('text_pattern_ops'), ...then)
