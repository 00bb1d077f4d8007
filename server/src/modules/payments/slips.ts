/**
 * Pay slips (工资条): per worker, workshop and month, from the locked pay-sheet line and the work records
 * behind it — days worked, pieces × rate per product, late corrections and deductions with their reasons, net, and how and
 * when it was paid (account last 4). The worker confirms receipt; a question opens a wage dispute instead.
 */
import { readerRegionOf } from '../../auth/access/platform.ts'
import { and, eq, sql } from 'drizzle-orm'
import type { PaySlip } from '@gongfang/shared/payments'
import type { DeductionCode } from '@gongfang/shared/deductions'
import type { Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { accountWorkerRows, slipWorkerId } from '../../auth/access/payments.ts'
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts'
import { payslipReceipts, workers } from '../../db/schema/index.ts'
import { audit, auditRead } from '../../audit/audit.ts'
import { ProblemError, notFound } from '../../http/problem.ts'

const SLIP = { zh: '工资条', en: 'Pay slip' }

export async function paySlips(db: DbOrTx, caller: Caller, q: { month: string; workerId?: string }): Promise<PaySlip[]> {
  authorize(caller, 'payments.slips.read')
  const workerId = slipWorkerId(caller.scope, q.workerId)
  if (!workerId) throw new ProblemError(422, 'worker-required', { zh: '请指定劳动者（workerId）', en: 'Name the worker (workerId)' })
  const [w] = await db.select({ id: workers.id }).from(workers).where(and(eq(workers.id, workerId), accountWorkerRows(caller.scope)))
  if (!w) throw notFound({ zh: '劳动者', en: 'Worker' })
  const lines = await queryRows<{
    id: number
    paysheet_id: string
    workshop_id: string
    workshop_name: string
    worker_name: string
    status: 'locked' | 'paid'
    gross_fen: number
    adjustments_fen: number
    deductions_fen: number
    total_fen: number
    paid_on: string | null
    pay_method: string | null
    pay_reference: string | null
    last4: string | null
    confirmed_at: Date | string | null
  }>(
    db,
    sql`select l.id, l.paysheet_id::text as paysheet_id, p.workshop_id::text as workshop_id, ws.name as workshop_name, l.worker_name, p.status,
          l.gross_fen, l.adjustments_fen, l.deductions_fen, l.total_fen, l.paid_on::text as paid_on, l.pay_method, l.pay_reference,
          (select a.last4 from payment_lines x join worker_accounts a on a.id = x.account_id where x.paysheet_line_id = l.id and x.status = 'paid' limit 1) as last4,
          r.confirmed_at
        from paysheet_lines l join paysheets p on p.id = l.paysheet_id join workshops ws on ws.id = p.workshop_id
        left join payslip_receipts r on r.paysheet_line_id = l.id
        where l.worker_id = ${w.id}::uuid and p.month = ${q.month} and p.status in ('locked', 'paid')
        order by ws.name`,
  )
  const slips: PaySlip[] = []
  for (const l of lines) {
    const items = await queryRows<{ product: string | null; rate: number; good: number; amount: number }>(
      db,
      sql`select coalesce(r.product, '计件') as product, r.rate_centifen as rate, sum(r.good_qty)::bigint as good, sum(r.amount_fen)::bigint as amount
        from work_records r
        where r.worker_id = ${w.id}::uuid and r.workshop_id = ${l.workshop_id}::uuid and r.pay_month = ${q.month} and to_char(r.work_date, 'YYYY-MM') = ${q.month}
        group by 1, 2 having sum(r.good_qty) <> 0 or sum(r.amount_fen) <> 0 order by 1, 2`,
    )
    const [days] = await queryRows<{ n: number }>(
      db,
      sql`select count(distinct r.work_date)::int as n from work_records r
        where r.worker_id = ${w.id}::uuid and r.workshop_id = ${l.workshop_id}::uuid and r.pay_month = ${q.month} and to_char(r.work_date, 'YYYY-MM') = ${q.month} and r.reversal_of is null`,
    )
    const adjustments = await queryRows<{ work_date: string; amount: number; reason: string | null }>(
      db,
      sql`select r.work_date::text as work_date, a.amount_fen as amount, r.note as reason
        from paysheet_adjustments a join work_records r on r.id = a.work_record_id
        where a.paysheet_id = ${l.paysheet_id}::uuid and a.worker_id = ${w.id}::uuid order by a.work_record_id`,
    )
    const deductions = await queryRows<{ code: DeductionCode; amount: number; reason: string }>(
      db,
      sql`select code, amount_fen as amount, reason from paysheet_deductions
        where paysheet_id = ${l.paysheet_id}::uuid and worker_id = ${w.id}::uuid and status = 'approved' order by created_at, id`,
    )
    slips.push({
      paysheetLineId: Number(l.id),
      workerName: l.worker_name,
      workshopName: l.workshop_name,
      month: q.month,
      sheetStatus: l.status,
      daysWorked: days?.n ?? 0,
      items: items.map((i) => ({ product: i.product ?? '', rateCentifen: Number(i.rate), goodQty: Number(i.good), amountFen: Number(i.amount) })),
      grossFen: Number(l.gross_fen),
      adjustments: adjustments.map((a) => ({ workDate: a.work_date, amountFen: Number(a.amount), reason: a.reason })),
      adjustmentsFen: Number(l.adjustments_fen),
      deductions: deductions.map((d) => ({ code: d.code, amountFen: Number(d.amount), reason: d.reason })),
      deductionsFen: Number(l.deductions_fen),
      netFen: Number(l.total_fen),
      paidOn: l.paid_on,
      payMethod: l.pay_method,
      accountLast4: l.last4,
      reference: l.pay_reference,
      receiptConfirmedAt: l.confirmed_at === null ? null : new Date(l.confirmed_at).toISOString(),
    })
  }
  await auditRead(db, caller, { action: 'payslip.read', targetType: 'worker', targetId: w.id, regionCode: readerRegionOf(caller), subjectIds: [w.id], detail: { month: q.month } })
  return slips
}

/** The worker confirms the slip's pay reached them: once, after it is paid. */
export async function confirmReceipt(db: Db, caller: Caller, lineId: number): Promise<{ confirmedAt: string }> {
  authorize(caller, 'payments.slips.confirm')
  const workerId = slipWorkerId(caller.scope, undefined)!
  return db.transaction(async (tx) => {
    const [l] = await queryRows<{ paid_on: string | null; region_code: string }>(
      tx,
      sql`select l.paid_on::text as paid_on, p.region_code from paysheet_lines l join paysheets p on p.id = l.paysheet_id where l.id = ${lineId} and l.worker_id = ${workerId}::uuid`,
    )
    if (!l) throw notFound(SLIP)
    if (!l.paid_on) throw new ProblemError(409, 'not-paid', { zh: '这笔工资还没有发放，发放后才能确认收到', en: 'This pay has not been paid yet; confirm it once it is' })
    await tx.insert(payslipReceipts).values({ paysheetLineId: lineId, workerId }).onConflictDoNothing()
    const [r] = await tx.select({ at: payslipReceipts.confirmedAt }).from(payslipReceipts).where(eq(payslipReceipts.paysheetLineId, lineId))
    await audit(tx, caller, { action: 'payments.slip.confirm', targetType: 'paysheet_line', targetId: String(lineId), regionCode: l.region_code })
    return { confirmedAt: r!.at.toISOString() }
  })
}
