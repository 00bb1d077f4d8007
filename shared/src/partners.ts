import { z } from 'zod'
import { DateSchema, regionRefFields, searchText, changedByFields, editedAtFields, enterpriseRefFields, enteredFen, component, regionPageQuery, optionalText } from './common.ts'

/** 我在浙丽有个村: what a village offers. bundle = several nearby villages recruited together. */
export const OPPORTUNITY_KINDS = ['idle_building', 'land', 'resource', 'bundle'] as const
export const OpportunityKindSchema = z.enum(OPPORTUNITY_KINDS)

export const APPLICATION_STAGES = ['applied', 'contacted', 'site_visit', 'negotiating', 'signed', 'withdrawn', 'rejected'] as const
export const ApplicationStageSchema = z.enum(APPLICATION_STAGES)
export type ApplicationStage = z.infer<typeof ApplicationStageSchema>
export const FINAL_STAGES: readonly ApplicationStage[] = ['signed', 'withdrawn', 'rejected']

/**
 * Allowed moves: forward along applied → contacted → site visit → negotiating → signed (steps may be
 * skipped, never undone); withdrawn or rejected from any open stage; final stages are final.
 */
export function canMoveStage(from: ApplicationStage, to: ApplicationStage): boolean {
  if (FINAL_STAGES.includes(from) || from === to) return false
  if (to === 'withdrawn' || to === 'rejected') return true
  const order = ['applied', 'contacted', 'site_visit', 'negotiating', 'signed']
  return order.indexOf(to) > order.indexOf(from)
}

export const OpportunitySchema = component('PartnerOpportunity', {
  id: z.string(),
  ...regionRefFields,
  collectiveId: z.string().nullable(),
  collectiveName: z.string().nullable(),
  title: z.string(),
  kind: OpportunityKindSchema,
  description: z.string(),
  areaM2: z.number().int().nullable(),
  annualRentFen: z.number().int().nullable().describe('Yearly rent asked, integer fen; null = negotiable'),
  laborAvailable: z.number().int().nullable(),
  bundledRegions: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  applications: z.number().int(),
  /** The calling enterprise's own application, if any. */
  myApplicationId: z.string().nullable(),
  createdAt: z.string(),
})
export type Opportunity = z.infer<typeof OpportunitySchema>

export const OpportunityCreateSchema = component('PartnerOpportunityCreate', {
  /** Village (12 digits) or township (9 digits); omitted by a collective account (its village). */
  regionCode: z.string().regex(/^33\d{7}(\d{3})?$/, 'village or township code').optional(),
  collectiveId: z.uuid().optional(),
  title: z.string().trim().min(2).max(100),
  kind: OpportunityKindSchema,
  description: z.string().trim().min(2).max(4000),
  areaM2: z.number().int().min(1).max(100_000_000).optional(),
  annualRentFen: enteredFen().optional(),
  laborAvailable: z.number().int().min(0).max(1_000_000).optional(),
  bundledRegionCodes: z.array(z.string().regex(/^33\d{10}$/, 'village code')).max(30).default([]),
  contactName: optionalText(60),
  contactPhone: optionalText(30),
})
export type OpportunityCreate = z.infer<typeof OpportunityCreateSchema>

export const OpportunityListQuerySchema = regionPageQuery({
  kind: OpportunityKindSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  q: searchText(60).optional(),
})

export const ApplicationSchema = component('PartnerApplication', {
  id: z.string(),
  opportunityId: z.string(),
  opportunityTitle: z.string(),
  ...enterpriseRefFields,
  ...regionRefFields,
  proposal: z.string(),
  plannedJobs: z.number().int().nullable(),
  plannedInvestmentFen: z.number().int().nullable(),
  stage: ApplicationStageSchema,
  signedOn: z.string().nullable(),
  workshopId: z.string().nullable(),
  workshopName: z.string().nullable(),
  ...editedAtFields,
})
export type Application = z.infer<typeof ApplicationSchema>

export const ApplicationEventSchema = component('PartnerApplicationEvent', {
  id: z.number().int(),
  fromStage: ApplicationStageSchema.nullable(),
  toStage: ApplicationStageSchema,
  eventDate: z.string(),
  note: z.string().nullable(),
  ...changedByFields,
})
export type ApplicationEvent = z.infer<typeof ApplicationEventSchema>

export const ApplicationDetailSchema = ApplicationSchema.extend({ events: z.array(ApplicationEventSchema) }).meta({ id: 'PartnerApplicationDetail' })
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>

export const ApplicationCreateSchema = component('PartnerApplicationCreate', {
  proposal: z.string().trim().min(2).max(4000),
  plannedJobs: z.number().int().min(0).max(1_000_000).optional(),
  plannedInvestmentFen: enteredFen().optional(),
  /** Staff applying on an enterprise's behalf name it; an enterprise account applies as itself. */
  enterpriseId: z.uuid().optional(),
})

export const ApplicationListQuerySchema = regionPageQuery({
  stage: ApplicationStageSchema.optional(),
  opportunityId: z.uuid().optional(),
})

/** Signing links the enterprise to a workshop: an existing one in the village(s), or a new one. */
export const SignSchema = z
  .object({
    workshopId: z.uuid().optional(),
    newWorkshop: z
      .object({
        name: z.string().trim().min(2).max(100),
        type: z.enum(['processing', 'recruitment', 'ecommerce', 'agritourism', 'brand', 'industry']),
        /** The village it is in: the opportunity's village or one of its bundled villages. */
        regionCode: z.string().regex(/^33\d{10}$/, 'village code'),
      })
      .optional(),
  })
  .refine((v) => Boolean(v.workshopId) !== Boolean(v.newWorkshop), 'give either workshopId or newWorkshop')

export const StageChangeSchema = z
  .object({
    toStage: ApplicationStageSchema.optional(),
    eventDate: DateSchema,
    note: optionalText(2000),
    /** Required when toStage is signed. */
    sign: SignSchema.optional(),
  })
  .refine((v) => v.toStage !== undefined || (v.note !== undefined && v.note.length > 0), 'a note or a stage change')
  .refine((v) => v.toStage !== 'signed' || v.sign !== undefined, { message: 'signing needs sign.workshopId or sign.newWorkshop', path: ['sign'] })
  .meta({ id: 'PartnerStageChange' })
export type StageChange = z.infer<typeof StageChangeSchema>
