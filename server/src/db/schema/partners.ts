/**
 * Partner recruitment, "我在浙丽有个村" (I have a village in Lishui): villages publish opportunities
 * (idle buildings, land, resources, bundled nearby villages); enterprises apply; staff follow each
 * application through its stages; signing links the enterprise to a workshop (existing or new).
 */
import { bigint, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { uuidPk, serialPk, requiredRef, stampedNow, editedStamp, sealedContact, regionIndex } from './columns.ts'
import { regionRef } from './core.ts'
import { collectives, enterprises, workshops } from './registry.ts'

export const partnerOpportunities = pgTable(
  'partner_opportunities',
  {
    id: uuidPk(),
    /** The publishing village (12 digits) or township (9 digits). */
    regionCode: regionRef(),
    collectiveId: uuid().references(() => collectives.id),
    title: text().notNull(),
    /** idle_building | land | resource | bundle */
    kind: text().notNull(),
    description: text().notNull(),
    /** Floor or land area in m². */
    areaM2: integer(),
    /** Yearly rent asked, fen (null = negotiable). */
    annualRentFen: bigint({ mode: 'number' }),
    /** Labour the village can offer (people). */
    laborAvailable: integer(),
    /** Nearby villages recruited together with this one (联村招商). */
    bundledRegionCodes: text().array().notNull().default([]),
    ...sealedContact(),
    /** open | closed */
    status: text().notNull().default('open'),
    ...editedStamp(),
  },
  (t) => [
    regionIndex('partner_opportunities_region_idx', t.regionCode),
    index('partner_opportunities_status_idx').on(t.status, t.createdAt),
  ],
)

export const partnerApplications = pgTable(
  'partner_applications',
  {
    id: uuidPk(),
    opportunityId: requiredRef(() => partnerOpportunities.id),
    enterpriseId: requiredRef(() => enterprises.id),
    /** Copied from the opportunity, for scopeFilter. */
    regionCode: text().notNull(),
    collectiveId: uuid(),
    proposal: text().notNull(),
    plannedJobs: integer(),
    plannedInvestmentFen: bigint({ mode: 'number' }),
    /** applied | contacted | site_visit | negotiating | signed | withdrawn | rejected */
    stage: text().notNull().default('applied'),
    signedOn: date(),
    /** The workshop the signed partnership is linked to. */
    workshopId: uuid().references(() => workshops.id),
    ...editedStamp(),
  },
  (t) => [
    uniqueIndex('partner_applications_uq').on(t.opportunityId, t.enterpriseId),
    regionIndex('partner_applications_region_idx', t.regionCode),
    index('partner_applications_enterprise_idx').on(t.enterpriseId),
  ],
)

/** Dated follow-up notes and stage changes of an application (append-only). */
export const partnerApplicationEvents = pgTable(
  'partner_application_events',
  {
    id: serialPk(),
    applicationId: requiredRef(() => partnerApplications.id),
    fromStage: text(),
    toStage: text().notNull(),
    eventDate: date().notNull(),
    note: text(),
    byUserId: uuid(),
    byName: text(),
    at: stampedNow(),
  },
  (t) => [index('partner_application_events_app_idx').on(t.applicationId, t.id)],
)
