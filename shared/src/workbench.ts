import { z } from 'zod'
import { component } from './common.ts'

/** The staff to-do workbench (待办): counts of things waiting for the caller, each within the caller's scope. */
export const WORKBENCH_ITEMS = [
  'paysheetsAwaitingApproval',
  'overdueArrears',
  'incomeAlerts',
  'overdueImprovementPlans',
  'partnerApplications',
  'importsWithErrors',
  'disputesToMediate',
] as const
export type WorkbenchItemKey = (typeof WORKBENCH_ITEMS)[number]

export const WorkbenchItemSchema = z.object({
  key: z.enum(WORKBENCH_ITEMS),
  /** null: not counted (income alerts unless asked for, or over their time budget); the linked page has the figure. */
  count: z.number().int().nullable(),
  /** Money behind the count where there is one (overdue arrears), integer fen. */
  amountFen: z.number().int().nullable(),
})
export type WorkbenchItem = z.infer<typeof WorkbenchItemSchema>

export const WorkbenchSchema = component('Workbench', {
  /** China date the counts were taken on. */
  asOf: z.string(),
  /** The month income alerts are counted for (the month before asOf, as on the income page). */
  alertMonth: z.string(),
  items: z.array(WorkbenchItemSchema),
})
export type Workbench = z.infer<typeof WorkbenchSchema>

export const WorkbenchQuerySchema = z.object({
  /**
   * Also count income alerts. Off by default: that count re-reads every worker-month of the scope (1.8 s for a
   * county on the demo data, minutes for the province on a busy machine) and would hold the embedded database.
   */
  includeIncomeAlerts: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
})
