/**
 * Workshops: the record, its create/update/status forms and list query.
 */
import { z } from 'zod'
import { DateSchema, regionRefFields, searchText, sortFields, editedAtFields, component, regionPageQuery, optionalText, LngSchema, LatSchema } from '../common.ts'
import { villageCode, skill, skillList, name } from './fields.ts'
import { WorkshopTypeSchema, WorkshopStatusSchema } from './codes.ts'

export const WorkshopSchema = component('Workshop', {
  id: z.string(),
  name: z.string(),
  type: WorkshopTypeSchema,
  ...regionRefFields,
  collectiveId: z.string().nullable(),
  collectiveName: z.string().nullable(),
  operatorUserId: z.string().nullable(),
  operatorName: z.string().nullable(),
  address: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  floorAreaM2: z.number().int().nullable(),
  dailyCapacity: z.number().int().describe('Pieces per working day'),
  workerPlaces: z.number().int(),
  skills: z.array(z.string()),
  status: WorkshopStatusSchema,
  openedOn: z.string().nullable(),
  photos: z.array(z.string()),
  enterprises: z.array(z.object({ id: z.string(), name: z.string(), since: z.string().nullable() })),
  memberCount: z.number().int().describe('Current members (no end date or ending in the future)'),
  ...editedAtFields,
})
export type Workshop = z.infer<typeof WorkshopSchema>

// Stated once for both forms: create defaults them, update leaves an omitted one unchanged.
const dailyCapacity = z.number().int().min(0).max(10_000_000)
const workerPlaces = z.number().int().min(0).max(100_000)
const photos = z.array(z.string().max(500)).max(20)
const enterpriseIds = z.array(z.uuid()).max(100)

export const WorkshopCreateSchema = component('WorkshopCreate', {
  name,
  type: WorkshopTypeSchema,
  regionCode: villageCode,
  collectiveId: z.uuid().nullable().optional(),
  operatorUserId: z.uuid().nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  lng: LngSchema.nullable().optional(),
  lat: LatSchema.nullable().optional(),
  floorAreaM2: z.number().int().min(0).max(1_000_000).nullable().optional(),
  dailyCapacity: dailyCapacity.default(0),
  workerPlaces: workerPlaces.default(0),
  skills: skillList.default([]),
  status: WorkshopStatusSchema.default('planned'),
  openedOn: DateSchema.nullable().optional(),
  photos: photos.default([]),
  enterpriseIds: enterpriseIds.default([]),
})
export type WorkshopCreate = z.input<typeof WorkshopCreateSchema>

/** Status is changed through POST /workshops/{id}/status (dated), not here. */
export const WorkshopUpdateSchema = WorkshopCreateSchema.omit({ status: true })
  .partial()
  .extend({
    dailyCapacity: dailyCapacity.optional(),
    workerPlaces: workerPlaces.optional(),
    skills: skillList.optional(),
    photos: photos.optional(),
    enterpriseIds: enterpriseIds.optional(),
  })
  .meta({ id: 'WorkshopUpdate' })
export type WorkshopUpdate = z.input<typeof WorkshopUpdateSchema>

export const WorkshopStatusChangeSchema = component('WorkshopStatusChange', {
  status: WorkshopStatusSchema,
  effectiveOn: DateSchema,
  note: optionalText(500),
})

export const WorkshopStatusEntrySchema = z.object({
  status: WorkshopStatusSchema,
  effectiveOn: z.string(),
  note: z.string().nullable(),
  at: z.string(),
})

export const WORKSHOP_SORTS = ['name', 'regionCode', 'type', 'status', 'dailyCapacity', 'openedOn', 'createdAt'] as const
export const WorkshopListQuerySchema = regionPageQuery({
  type: WorkshopTypeSchema.optional(),
  status: WorkshopStatusSchema.optional(),
  skill: skill.optional(),
  enterpriseId: z.uuid().optional(),
  collectiveId: z.uuid().optional(),
  q: searchText().optional(),
  ...sortFields(WORKSHOP_SORTS, 'name'),
})
export type WorkshopListQuery = z.infer<typeof WorkshopListQuerySchema>
