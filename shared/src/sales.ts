import { z } from 'zod'
import { DateSchema, FenSchema, dateRangeFields, pageFields, workshopRefFields, requiredText, enteredFen, component, regionPageQuery, optionalText } from './common.ts'

/** Platforms named in the UI; any other name is accepted as written. */
export const SALES_PLATFORMS = ['douyin', 'kuaishou', 'taobao', 'pinduoduo', 'wechat', 'jd', 'other'] as const

const NonNegFen = enteredFen().describe('Amount in integer fen (1 yuan = 100 fen)')

export const SalesSessionSchema = component('SalesSession', {
  id: z.number().int(),
  ...workshopRefFields,
  sessionDate: z.string(),
  platform: z.string(),
  host: z.string().nullable(),
  ordersCount: z.number().int(),
  salesFen: FenSchema,
  products: z.array(z.string()),
  externalRef: z.string().nullable(),
  source: z.enum(['manual', 'import']),
  createdAt: z.string(),
})
export type SalesSession = z.infer<typeof SalesSessionSchema>

export const SalesSessionCreateSchema = component('SalesSessionCreate', {
  workshopId: z.uuid(),
  sessionDate: DateSchema,
  platform: requiredText(40),
  host: optionalText(60),
  ordersCount: z.number().int().min(0).max(10_000_000),
  salesFen: NonNegFen,
  products: z.array(requiredText(100)).max(50).default([]),
  externalRef: requiredText(100).optional(),
})
export type SalesSessionCreate = z.infer<typeof SalesSessionCreateSchema>

export const FactListQuerySchema = regionPageQuery({
  workshopId: z.uuid().optional(),
  ...dateRangeFields,
})
export const SalesSessionListQuerySchema = FactListQuerySchema.extend({ platform: requiredText(40).optional() })
export type SalesSessionListQuery = z.infer<typeof SalesSessionListQuerySchema>

export const SalesSessionPageSchema = z.object({
  ...pageFields(SalesSessionSchema),
  sumFen: FenSchema,
  sumOrders: z.number().int(),
  workshops: z.number().int(),
})

export const ImportRowErrorSchema = z
  .object({ row: z.number().int(), column: z.string().nullable(), value: z.string().nullable(), message: z.string() })
  .meta({ id: 'ImportRowError' })
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>

export const SalesImportResultSchema = component('SalesImportResult', {
  dryRun: z.boolean(),
  encoding: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  sumFen: FenSchema,
  errors: z.array(ImportRowErrorSchema),
})
export type SalesImportResult = z.infer<typeof SalesImportResultSchema>

export const TourismRecordSchema = component('TourismRecord', {
  id: z.number().int(),
  ...workshopRefFields,
  recordDate: z.string(),
  visitors: z.number().int(),
  revenueFen: FenSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
})
export type TourismRecord = z.infer<typeof TourismRecordSchema>

export const TourismRecordCreateSchema = component('TourismRecordCreate', {
  workshopId: z.uuid(),
  recordDate: DateSchema,
  visitors: z.number().int().min(0).max(10_000_000),
  revenueFen: NonNegFen,
  note: optionalText(500),
})
export type TourismRecordCreate = z.infer<typeof TourismRecordCreateSchema>

export const TourismRecordPageSchema = z.object({
  ...pageFields(TourismRecordSchema),
  sumFen: FenSchema,
  sumVisitors: z.number().int(),
})

/** Workshops the caller may record for (by type). */
export const FactWorkshopOptionSchema = z
  .object({ id: z.string(), name: z.string(), regionCode: z.string(), type: z.string() })
  .meta({ id: 'FactWorkshopOption' })
export type FactWorkshopOption = z.infer<typeof FactWorkshopOptionSchema>
