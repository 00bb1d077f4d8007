/**
 * The columns that place a row for scopeFilter (auth/scope.ts): the workshop or collective it belongs to and
 * that owner's village code (12 digits), copied at write time so that a region's rows are found by prefix.
 * Not exported from index.ts: these are pieces of tables, not tables.
 */
import { text } from 'drizzle-orm/pg-core'
import { requiredRef } from './columns.ts'
import { collectives, workshops } from './registry.ts'

/** The workshop a row belongs to and its village. */
export const workshopScope = () => ({ workshopId: requiredRef(() => workshops.id), regionCode: text().notNull() })

/** The village collective a row belongs to and its village. */
export const collectiveScope = () => ({ collectiveId: requiredRef(() => collectives.id), regionCode: text().notNull() })
