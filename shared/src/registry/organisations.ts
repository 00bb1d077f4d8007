/**
 * Enterprises and village collectives: records, forms and list queries.
 */
import { z } from 'zod'
import { regionRefFields, searchText, sortFields, editedAtFields, requiredText, component, regionPageQuery } from '../common.ts'
import { regionCode, name } from './fields.ts'
import { CollectiveKindSchema, PhoneSchema, CreditCodeSchema } from './codes.ts'

export const EnterpriseSchema = component('Enterprise', {
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  ...regionRefFields,
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('Masked (*******5678, last 4 only) unless the caller may see it').meta({ example: '*******1234' }),
  industry: z.string().nullable(),
  workshops: z.array(z.object({ id: z.string(), name: z.string() })),
  ...editedAtFields,
})
export type Enterprise = z.infer<typeof EnterpriseSchema>

export const EnterpriseCreateSchema = component('EnterpriseCreate', {
  name,
  creditCode: CreditCodeSchema,
  regionCode,
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: PhoneSchema.nullable().optional(),
  industry: z.string().trim().max(50).nullable().optional(),
})
export type EnterpriseCreate = z.input<typeof EnterpriseCreateSchema>
export const EnterpriseUpdateSchema = EnterpriseCreateSchema.partial().meta({ id: 'EnterpriseUpdate' })

export const ENTERPRISE_SORTS = ['name', 'regionCode', 'industry', 'createdAt'] as const
export const EnterpriseListQuerySchema = regionPageQuery({
  industry: requiredText(50).optional(),
  q: searchText().optional(),
  ...sortFields(ENTERPRISE_SORTS, 'name'),
})
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuerySchema>

export const CollectiveSchema = component('Collective', {
  id: z.string(),
  name: z.string(),
  kind: CollectiveKindSchema,
  ...regionRefFields,
  creditCode: z.string().nullable(),
  workshopCount: z.number().int(),
  ...editedAtFields,
})
export type Collective = z.infer<typeof CollectiveSchema>

export const CollectiveCreateSchema = component('CollectiveCreate', {
  name,
  kind: CollectiveKindSchema,
  regionCode,
  creditCode: CreditCodeSchema.nullable().optional(),
})
export const CollectiveUpdateSchema = CollectiveCreateSchema.partial().meta({ id: 'CollectiveUpdate' })

export const COLLECTIVE_SORTS = ['name', 'regionCode', 'kind', 'createdAt'] as const
export const CollectiveListQuerySchema = regionPageQuery({
  kind: CollectiveKindSchema.optional(),
  q: searchText().optional(),
  ...sortFields(COLLECTIVE_SORTS, 'name'),
})
export type CollectiveListQuery = z.infer<typeof CollectiveListQuerySchema>
