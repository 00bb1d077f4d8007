/**
 * Spreadsheet imports and background jobs.
 */
import { z } from 'zod'
import { editedAtFields, component } from '../common.ts'

export const IMPORT_KINDS = ['workers', 'workshops', 'enterprises'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]
export const ImportKindSchema = z.enum(IMPORT_KINDS)

export const ImportErrorSchema = component('ImportError', {
  row: z.number().int().describe('Row number as shown in the spreadsheet (header = 1)'),
  column: z.string().describe('Column header as in the file (or the field name)'),
  value: z.string(),
  message: z.string(),
})
export type ImportError = z.infer<typeof ImportErrorSchema>

export const ImportResultSchema = component('ImportResult', {
  kind: ImportKindSchema,
  dryRun: z.boolean(),
  total: z.number().int().describe('Data rows in the file'),
  valid: z.number().int(),
  imported: z.number().int().describe('Rows written (0 when dryRun or any row is bad: imports are atomic)'),
  encoding: z.string().describe('utf-8, utf-8-bom, gbk or xlsx'),
  errors: z.array(ImportErrorSchema),
  preview: z
    .array(z.record(z.string(), z.unknown()))
    .describe('First rows as parsed; ID and phone numbers masked (last 4), the birth date given as birthYear only'),
  jobId: z.string().nullable().describe('Set when the import runs in the background (> 5,000 rows)'),
})
export type ImportResult = z.infer<typeof ImportResultSchema>

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const
export const JobSchema = component('Job', {
  id: z.string(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  processed: z.number().int(),
  total: z.number().int(),
  errors: z.array(ImportErrorSchema),
  // A union, not .nullable(): the OpenAPI generator drops null from a nullable registered schema (a $ref).
  result: z.union([ImportResultSchema, z.null()]),
  download: z
    .object({ url: z.string(), fileName: z.string(), bytes: z.number().int() })
    .nullable()
    .optional()
    .describe('An export job when done: where its file is (owner only, kept for a while after the end)'),
  ...editedAtFields,
})

/** Exports that may take long at province scale, run as background jobs (the same file as the direct download). */
export const EXPORT_JOB_KINDS = ['income-alerts', 'income-workers', 'workers', 'workshops', 'enterprises', 'collectives', 'coverage', 'wage-ledger'] as const
export const ExportJobRequestSchema = component('ExportJobRequest', {
  kind: z.enum(EXPORT_JOB_KINDS),
  /** The paysheet of a wage ledger. */
  id: z.uuid().optional(),
  /** The direct export's query parameters (filters, month, format…), as strings. */
  query: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).default({}),
})
export type ExportJobRequest = z.infer<typeof ExportJobRequestSchema>
export type Job = z.infer<typeof JobSchema>

export const ExportFormatSchema = z.enum(['xlsx', 'csv'])
