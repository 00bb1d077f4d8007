/**
 * The staff to-do workbench (待办): how many things wait for the caller, each a count within the caller's
 * scope (scopeFilter, as everywhere), so that the linked page shows the same rows. Reads only.
 */
import { and, eq, inArray, lt, or, sql, type AnyColumn } from 'drizzle-orm'
import type { Workbench, WorkbenchItem, WorkbenchItemKey } from '@gongfang/shared/workbench'
import type { Caller } from '../../auth/caller.ts'
import { callerToday } from '../../auth/caller.ts'
import { authorize, scopeFilter, scopeRootRegion } from '../../auth/access/index.ts'
import type { DbOrTx } from '../../db/client.ts'
import {
  disputes,
  importJobs,
  improvementFollowUps,
  improvementPlans,
  partnerApplications,
  paysheets,
} from '../../db/schema/index.ts'
import { monthIndex, monthLabel } from '../cockpit/figures.ts'
import { listAlerts } from '../income/service.ts'
import { settlementLines } from '../orders/deliveries.ts'

/** Partner applications still being negotiated: the ones somebody has to follow up. */
export const FOLLOW_UP_STAGES = ['applied', 'contacted', 'site_visit', 'negotiating'] as const
/** Import jobs older than this are history, not to-dos. */
export const IMPORT_LOOKBACK_DAYS = 30
/**
 * The income-alert count (income/service.ts listAlerts, from the income roll-ups) is only counted on request,
 * and past this budget the workbench answers without it (count null).
 */
export const INCOME_ALERT_BUDGET_MS = 1500

export interface WorkbenchInput {
  includeIncomeAlerts?: boolean
  /** For tests: the China date to count from. */
  today?: string
  incomeAlertBudgetMs?: number
}

const n = (rows: { n: number | string | bigint }[]) => Number(rows[0]?.n ?? 0)

/** The work's result, or null when it takes longer than ms. */
export function withBudget<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
  // A count that misses the budget still finishes in the background; its result is dropped, its error too.
  work.catch(() => undefined)
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

export async function workbench(db: DbOrTx, caller: Caller, input: WorkbenchInput = {}): Promise<Workbench> {
  const user = authorize(caller, 'workbench.read')
  const { scope } = caller
  const today = input.today ?? callerToday(caller)
  const alertMonth = monthLabel(monthIndex(today.slice(0, 7)) - 1)
  const region = (col: AnyColumn) => scopeFilter(scope, { regionCode: col })

  // Sequential on purpose: the embedded database has one connection, and the counts are small index reads.
  const paysheetsAwaiting = await db.$count(
    paysheets,
    and(region(paysheets.regionCode), eq(paysheets.status, 'submitted')),
  )
  const overdue = await settlementLines(db, caller, { overdueOnly: true })
  const overduePlans = n(
    await db
      .select({ n: sql<number>`count(distinct ${improvementPlans.id})` })
      .from(improvementPlans)
      .innerJoin(improvementFollowUps, eq(improvementFollowUps.planId, improvementPlans.id))
      .where(
        and(
          region(improvementPlans.regionCode),
          eq(improvementPlans.status, 'open'),
          sql`${improvementFollowUps.doneOn} is null`,
          lt(improvementFollowUps.dueOn, today),
        ),
      ),
  )
  const applications = await db.$count(
    partnerApplications,
    and(region(partnerApplications.regionCode), inArray(partnerApplications.stage, [...FOLLOW_UP_STAGES])),
  )
  // Imports belong to whoever uploaded them: the caller's own jobs, failed or with rejected rows.
  const imports = await db.$count(
    importJobs,
    and(
      eq(importJobs.userId, user.id),
      or(eq(importJobs.state, 'failed'), sql`jsonb_array_length(${importJobs.errors}) > 0`),
      sql`${importJobs.createdAt} > now() - make_interval(days => ${IMPORT_LOOKBACK_DAYS})`,
    ),
  )
  // Unassigned disputes of the area, plus the ones this caller is mediating.
  const toMediate = await db.$count(
    disputes,
    or(
      and(region(disputes.regionCode), eq(disputes.status, 'open')),
      and(eq(disputes.mediatorUserId, user.id), eq(disputes.status, 'mediating')),
    ),
  )
  const alertRegion = scopeRootRegion(scope, user) ?? '33'
  const alerts = !input.includeIncomeAlerts
    ? null
    : await withBudget(
        listAlerts(db, alertRegion, alertMonth, { page: 1, pageSize: 1 }).then((p) => p.total),
        input.incomeAlertBudgetMs ?? INCOME_ALERT_BUDGET_MS,
      )

  const item = (key: WorkbenchItemKey, c: number | null, amountFen: number | null = null): WorkbenchItem => ({
    key,
    count: c,
    amountFen,
  })
  return {
    asOf: today,
    alertMonth,
    items: [
      item('paysheetsAwaitingApproval', paysheetsAwaiting),
      item(
        'overdueArrears',
        overdue.length,
        overdue.reduce((s, l) => s + l.overdueFen, 0),
      ),
      item('incomeAlerts', alerts),
      item('overdueImprovementPlans', overduePlans),
      item('partnerApplications', applications),
      item('importsWithErrors', imports),
      item('disputesToMediate', toMediate),
    ],
  }
}
