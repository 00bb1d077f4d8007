/**
 * The pay-sheet workflow: open a month, lock it (or submit it where the township approves), approve or send
 * back, record payment, and the approval rules. Reads are in sheets.ts, freezing and hashing in lock.ts.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { ApprovalRule, Paysheet, PaysheetPaySchema } from '@gongfang/shared'
import { thisMonth } from '@gongfang/shared/clock'
import { queryRows, type Db, type DbOrTx, type Tx } from '../../db/client.ts'
import { paysheetApprovalRules, paysheetLines, paysheetPayments, paysheets } from '../../db/schema/index.ts'
import { authorize, can } from '../../auth/access/index.ts'
import { approvalRuleRows, ownRegion, regionOrAncestor } from '../../auth/access/wages.ts'
import type { Caller } from '../../auth/caller.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError } from '../../http/problem.ts'
import { runIdempotent, type IdempotencyKey } from '../../http/idempotency.ts'
import { monthStatuses, scopedWorkshop } from '../work-records/service.ts'
import { lockSheets } from './lock.ts'
import { isOpen, loadSheet, sheetOf } from './sheets.ts'

/** Opens (or returns) the draft sheet of a workshop-month. */
export async function openPaysheet(db: Db, caller: Caller, input: { workshopId: string; month: string }): Promise<Paysheet> {
  authorize(caller, 'paysheets.write')
  return db.transaction(async (tx) => {
    const ws = await scopedWorkshop(tx, caller.scope, input.workshopId)
    await monthStatuses(tx, ws.id, ws.regionCode, [input.month])
    const [s] = await tx.select({ id: paysheets.id }).from(paysheets).where(and(eq(paysheets.workshopId, ws.id), eq(paysheets.month, input.month)))
    return sheetOf(tx, caller.scope, s!.id)
  })
}

/** True when an approval rule covers the region (set on it or on one of its ancestors). */
async function approvalRequired(db: DbOrTx, regionCode: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from paysheet_approval_rules where ${regionOrAncestor(sql`region_code`, regionCode)}`)
  return (rows[0]?.n ?? 0) > 0
}

export async function sheetForUpdate(tx: Tx, caller: Caller, id: string) {
  const s = await loadSheet(tx, caller.scope, id)
  await tx.execute(sql`select id from paysheets where id = ${s.id}::uuid for update`)
  const [cur] = await tx.select({ status: paysheets.status }).from(paysheets).where(eq(paysheets.id, s.id))
  return { s, status: cur!.status }
}

/**
 * Locks a draft, once per Idempotency-Key. Where the township requires approval, the lock of someone who may
 * not approve (an operator) submits the sheet instead: the month is closed at once (no new lines), and staff
 * approve (→ locked, hashed) or send it back.
 */
export async function lockPaysheet(db: Db, caller: Caller, id: string, idem: IdempotencyKey | null) {
  const user = authorize(caller, 'paysheets.write')
  return runIdempotent(db, idem, async (tx) => {
    const { s, status } = await sheetForUpdate(tx, caller, id)
    if (status === 'submitted') throw new ProblemError(409, 'awaiting-approval', { zh: '工资表正在等待乡镇审批', en: 'The pay sheet is awaiting approval' })
    if (status !== 'draft') throw new ProblemError(409, 'already-locked', { zh: '工资表已锁定', en: 'The pay sheet is already locked' })
    // The caller's China month: at 00:30 on the 1st in Beijing the new month has begun.
    if (s.month > thisMonth(caller.clock))
      throw new ProblemError(409, 'month-not-started', { zh: '不能锁定未来月份', en: 'A future month cannot be locked' })
    if (!can(caller, 'paysheets.approve') && (await approvalRequired(tx, s.regionCode))) {
      await tx.update(paysheets).set({ status: 'submitted', submittedAt: caller.clock.now(), submittedBy: user.id }).where(eq(paysheets.id, s.id))
      await audit(tx, caller, { action: 'paysheets.submit', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { month: s.month } })
      return { status: 200 as const, body: await sheetOf(tx, caller.scope, s.id) }
    }
    await lockSheets(tx, [s.id], user.id)
    const sheet = await sheetOf(tx, caller.scope, s.id)
    await audit(tx, caller, { action: 'paysheets.lock', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { month: s.month, totalFen: sheet.totalFen, hash: sheet.hash } })
    return { status: 200 as const, body: sheet }
  })
}

/** Staff approve a submitted sheet (→ locked and hashed) or send it back to draft. */
export async function decidePaysheet(db: Db, caller: Caller, id: string, approve: boolean): Promise<Paysheet> {
  const user = authorize(caller, 'paysheets.approve')
  return db.transaction(async (tx) => {
    const { s, status } = await sheetForUpdate(tx, caller, id)
    if (status !== 'submitted') throw new ProblemError(409, 'not-submitted', { zh: '工资表未提交审批', en: 'The pay sheet is not awaiting approval' })
    if (approve) {
      await lockSheets(tx, [s.id], user.id)
      await tx.update(paysheets).set({ approvedBy: user.id }).where(eq(paysheets.id, s.id))
    } else await tx.update(paysheets).set({ status: 'draft', submittedAt: null, submittedBy: null }).where(eq(paysheets.id, s.id))
    const sheet = await sheetOf(tx, caller.scope, s.id)
    await audit(tx, caller, { action: approve ? 'paysheets.approve' : 'paysheets.reject', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { month: s.month, hash: sheet.hash } })
    return sheet
  })
}

/** The approval rules in the caller's scope, and those above it that cover it (staff see what binds them). */
export async function listApprovalRules(db: DbOrTx, caller: Caller): Promise<ApprovalRule[]> {
  authorize(caller, 'paysheets.approval-rules')
  const rows = await queryRows<{ region_code: string; name: string | null; created_at: string; username: string | null }>(
    db,
    sql`select r.region_code, g.name, r.created_at::text, u.display_name as username
        from paysheet_approval_rules r left join regions g on g.code = r.region_code left join users u on u.id = r.created_by
        where ${approvalRuleRows(caller.scope, sql`r.region_code`)}
        order by r.region_code`,
  )
  return rows.map((r) => ({ regionCode: r.region_code, regionName: r.name, createdAt: new Date(r.created_at).toISOString(), createdBy: r.username }))
}

/** Staff turn the approval requirement on or off for a region of theirs (e.g. their township). */
export async function setApprovalRule(db: Db, caller: Caller, input: { regionCode: string; required: boolean }) {
  const user = authorize(caller, 'paysheets.approval-rules')
  const regionCode = ownRegion(caller.scope, input.regionCode)
  const { required } = input
  return db.transaction(async (tx) => {
    if (required) await tx.insert(paysheetApprovalRules).values({ regionCode, createdBy: user.id }).onConflictDoNothing()
    else await tx.delete(paysheetApprovalRules).where(eq(paysheetApprovalRules.regionCode, regionCode))
    await audit(tx, caller, { action: 'paysheets.approval-rule', targetType: 'region', targetId: regionCode, regionCode, detail: { required } })
    return { regionCode, required }
  })
}

/** Records payment of a locked sheet (all its unpaid lines, or the chosen ones), once per Idempotency-Key. */
export async function payPaysheet(db: Db, caller: Caller, id: string, input: z.output<typeof PaysheetPaySchema>, idem: IdempotencyKey | null) {
  const user = authorize(caller, 'paysheets.write')
  return runIdempotent(db, idem, async (tx) => {
    const s = await loadSheet(tx, caller.scope, id)
    await tx.execute(sql`select id from paysheets where id = ${s.id}::uuid for update`)
    const [cur] = await tx.select({ status: paysheets.status }).from(paysheets).where(eq(paysheets.id, s.id))
    if (isOpen(cur!.status)) throw new ProblemError(409, 'not-locked', { zh: '请先锁定工资表再发放', en: 'Lock the sheet before paying it' })
    // A line waiting in a payment batch is settled by the bank's return, not by hand (it would be paid twice).
    const notInPendingBatch = sql`not exists (select 1 from payment_lines x where x.paysheet_line_id = ${paysheetLines.id} and x.status = 'pending')`
    const unpaid = await tx
      .select({ id: paysheetLines.id, total: paysheetLines.totalFen })
      .from(paysheetLines)
      .where(and(eq(paysheetLines.paysheetId, s.id), isNull(paysheetLines.paidOn), notInPendingBatch, ...(input.lineIds ? [inArray(paysheetLines.id, input.lineIds)] : [])))
    if (input.lineIds && unpaid.length !== new Set(input.lineIds).size)
      throw new ProblemError(409, 'line-not-payable', { zh: '所选行不属于该表或已发放', en: 'A selected line is not on this sheet or already paid' })
    if (unpaid.length === 0) throw new ProblemError(409, 'already-paid', { zh: '工资已全部发放', en: 'Everything on this sheet is paid' })
    const amount = unpaid.reduce((a, l) => a + l.total, 0)
    const [payment] = await tx
      .insert(paysheetPayments)
      .values({ paysheetId: s.id, lineId: unpaid.length === 1 && input.lineIds ? unpaid[0]!.id : null, paidOn: input.paidOn, method: input.method, reference: input.reference ?? null, amountFen: amount, byUserId: user.id })
      .returning()
    await tx
      .update(paysheetLines)
      .set({ paidOn: input.paidOn, payMethod: input.method, payReference: input.reference ?? null })
      .where(inArray(paysheetLines.id, unpaid.map((l) => l.id)))
    const [left] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from paysheet_lines where paysheet_id = ${s.id}::uuid and paid_on is null`)
    if (left!.n === 0) await tx.update(paysheets).set({ status: 'paid', paidAt: caller.clock.now() }).where(eq(paysheets.id, s.id))
    await audit(tx, caller, { action: 'paysheets.pay', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { paymentId: payment!.id, lines: unpaid.length, amountFen: amount, method: input.method } })
    return { status: 200 as const, body: await sheetOf(tx, caller.scope, s.id) }
  })
}
