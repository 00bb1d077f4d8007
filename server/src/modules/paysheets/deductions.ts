/**
 * Deductions on an open pay sheet: entered by a bookkeeper with a code and a reason, approved or rejected (with a
 * reason) by staff who did not enter them, removed while the sheet is open. A rejected one stays on record and
 * neither counts nor blocks the lock. Only approved ones lower the net, never below zero
 * (the shared netAfterDeductions rule); the lock freezes them into the lines and the hash (lock.ts).
 */
import { and, eq, sql } from 'drizzle-orm'
import { netAfterDeductions, type DeductionCreate, type DeductionReject, type Paysheet } from '@gongfang/shared'
import { queryRows, type Db, type DbOrTx, type Tx } from '../../db/client.ts'
import { paysheetDeductions } from '../../db/schema/index.ts'
import { authorize } from '../../auth/access/index.ts'
import { requireOtherApprover } from '../../auth/access/wages.ts'
import type { Caller } from '../../auth/caller.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { sheetForUpdate } from './service.ts'
import { deductionsOf, isOpen, loadSheet, sheetOf } from './sheets.ts'

const DEDUCTION = { zh: '扣款', en: 'Deduction' }

const notOpen = () =>
  new ProblemError(409, 'paysheet-locked', { zh: '工资表已锁定，扣款不能再改动', en: 'The pay sheet is locked; its deductions can no longer change' })

/** The worker's gross + adjustments on the open sheet, or null when they have no line on it. */
async function lineBase(tx: DbOrTx, sheet: { workshopId: string; month: string }, workerId: string): Promise<number | null> {
  const [r] = await queryRows<{ n: number; total: number }>(
    tx,
    sql`select count(*)::int as n, coalesce(sum(amount_fen), 0)::bigint as total from work_records
        where workshop_id = ${sheet.workshopId}::uuid and pay_month = ${sheet.month} and worker_id = ${workerId}::uuid`,
  )
  return r && r.n > 0 ? Number(r.total) : null
}

/** 422 with the shared rule's words when these deductions (the approved ones) would take the net below zero. */
async function checkNet(tx: Tx, sheet: { id: string; workshopId: string; month: string }, workerId: string, extra: { amountFen: number } | null, name: string) {
  const base = await lineBase(tx, sheet, workerId)
  if (base === null) throw new ProblemError(422, 'worker-not-on-sheet', { zh: '该劳动者在这张工资表上没有工资行', en: 'The worker has no line on this pay sheet' })
  const approved = (await deductionsOf(tx, sheet.id)).filter((d) => d.workerId === workerId && d.status === 'approved')
  const r = netAfterDeductions(base, [...approved, ...(extra ? [{ amountFen: extra.amountFen, status: 'approved' as const }] : [])])
  if (!r.ok) throw new ProblemError(422, 'net-negative', { zh: name ? `${name}：${r.zh}` : r.zh, en: name ? `${name}: ${r.en}` : r.en })
}

async function workerName(tx: DbOrTx, workerId: string): Promise<string> {
  const [w] = await queryRows<{ name: string }>(tx, sql`select name from workers where id = ${workerId}::uuid`)
  return w?.name ?? ''
}

/** Adds a pending deduction to a worker's line of an open sheet; refused when, once approved, it would leave a negative net. */
export async function addDeduction(db: Db, caller: Caller, sheetId: string, input: DeductionCreate & { workerId: string }): Promise<Paysheet> {
  const user = authorize(caller, 'paysheets.deductions.write')
  return db.transaction(async (tx) => {
    const { s, status } = await sheetForUpdate(tx, caller, sheetId)
    if (!isOpen(status)) throw notOpen()
    await checkNet(tx, s, input.workerId, input, await workerName(tx, input.workerId))
    const [d] = await tx
      .insert(paysheetDeductions)
      .values({ paysheetId: s.id, workerId: input.workerId, code: input.code, amountFen: input.amountFen, reason: input.reason, createdBy: user.id })
      .returning({ id: paysheetDeductions.id })
    await audit(tx, caller, { action: 'paysheets.deduction.add', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { deductionId: d!.id, code: input.code, amountFen: input.amountFen } })
    return sheetOf(tx, caller.scope, s.id)
  })
}

async function deductionForUpdate(tx: Tx, sheetId: string, id: string) {
  const [d] = await tx
    .select()
    .from(paysheetDeductions)
    .where(and(eq(paysheetDeductions.id, id), eq(paysheetDeductions.paysheetId, sheetId)))
    .for('update')
  if (!d) throw notFound(DEDUCTION)
  return d
}

/** Staff approve a pending deduction (not their own entry); from then on it lowers the line's net. */
export async function approveDeduction(db: Db, caller: Caller, sheetId: string, id: string): Promise<Paysheet> {
  const user = authorize(caller, 'paysheets.deductions.approve')
  return db.transaction(async (tx) => {
    const { s, d } = await pendingForDecision(tx, caller, sheetId, id)
    await checkNet(tx, s, d.workerId, d, await workerName(tx, d.workerId))
    await tx.update(paysheetDeductions).set({ status: 'approved', approvedBy: user.id, approvedAt: caller.clock.now() }).where(eq(paysheetDeductions.id, d.id))
    await audit(tx, caller, { action: 'paysheets.deduction.approve', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { deductionId: d.id, amountFen: d.amountFen } })
    return sheetOf(tx, caller.scope, s.id)
  })
}

const notPending = (status: string) =>
  status === 'rejected'
    ? new ProblemError(409, 'deduction-not-pending', { zh: '这笔扣款已被驳回', en: 'This deduction has been rejected' })
    : new ProblemError(409, 'deduction-not-pending', { zh: '这笔扣款已审批', en: 'This deduction is already approved' })

/** The open sheet and its pending deduction, locked, for a decision by someone other than who entered it. */
async function pendingForDecision(tx: Tx, caller: Caller, sheetId: string, id: string) {
  const { s, status } = await sheetForUpdate(tx, caller, sheetId)
  if (!isOpen(status)) throw notOpen()
  const d = await deductionForUpdate(tx, s.id, id)
  if (d.status !== 'pending') throw notPending(d.status)
  requireOtherApprover(caller, d.createdBy)
  return { s, d }
}

/** Staff reject a pending deduction (not their own entry) with a reason; it stays on record and never counts. */
export async function rejectDeduction(db: Db, caller: Caller, sheetId: string, id: string, input: DeductionReject): Promise<Paysheet> {
  const user = authorize(caller, 'paysheets.deductions.approve')
  return db.transaction(async (tx) => {
    const { s, d } = await pendingForDecision(tx, caller, sheetId, id)
    await tx
      .update(paysheetDeductions)
      .set({ status: 'rejected', rejectedBy: user.id, rejectedAt: caller.clock.now(), rejectReason: input.reason })
      .where(eq(paysheetDeductions.id, d.id))
    await audit(tx, caller, {
      action: 'paysheets.deduction.reject',
      targetType: 'paysheet',
      targetId: s.id,
      regionCode: s.regionCode,
      detail: { deductionId: d.id, code: d.code, amountFen: d.amountFen, reason: input.reason },
    })
    return sheetOf(tx, caller.scope, s.id)
  })
}

/** Removes a deduction (pending or approved) while the sheet is open. */
export async function deleteDeduction(db: Db, caller: Caller, sheetId: string, id: string): Promise<Paysheet> {
  authorize(caller, 'paysheets.deductions.write')
  return db.transaction(async (tx) => {
    const { s, status } = await sheetForUpdate(tx, caller, sheetId)
    if (!isOpen(status)) throw notOpen()
    const d = await deductionForUpdate(tx, s.id, id)
    await tx.delete(paysheetDeductions).where(eq(paysheetDeductions.id, d.id))
    await audit(tx, caller, { action: 'paysheets.deduction.delete', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { deductionId: d.id, code: d.code, amountFen: d.amountFen, status: d.status } })
    return sheetOf(tx, caller.scope, s.id)
  })
}

/** The sheet's deductions (readers of the sheet). */
export async function listDeductions(db: DbOrTx, caller: Caller, sheetId: string) {
  authorize(caller, 'paysheets.read')
  const s = await loadSheet(db, caller.scope, sheetId)
  return deductionsOf(db, s.id)
}
