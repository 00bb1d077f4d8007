/**
 * Reading pay sheets: a draft's live figures from the work records settled on its month, a frozen sheet's
 * stored lines, the list, and the verification of a locked sheet's hash chain.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import { maskIdNumber, type Deduction, type DeductionCode, type PageQuery, type Paysheet, type PaysheetLine, type PaysheetListQuerySchema, type PaysheetSummary } from '@gongfang/shared'
import { fenToCapitals } from '@gongfang/shared/money'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { iso } from '../../db/iso.ts'
import { paysheetLines, paysheets, workshops } from '../../db/schema/index.ts'
import { authorize } from '../../auth/access/index.ts'
import { paysheetRows } from '../../auth/access/wages.ts'
import type { Caller } from '../../auth/caller.ts'
import type { Scope } from '../../auth/scope.ts'
import { notFound } from '../../http/problem.ts'
import { auditRead } from '../../audit/audit.ts'
import { pageWindow } from '../../http/pagination.ts'
import { sheetHash } from './wage-calc.ts'
import { activeVault, openWorkerPersonal } from '../../vault/index.ts'

const SHEET = { zh: '工资表', en: 'Pay sheet' }

interface LiveLine {
  worker_id: string
  name: string
  id_number_enc: string | null
  id_number: string | null
  record_count: number
  good: number
  rejected: number
  gross: number
  adj: number
  ded: number
}

/** A month's lines computed from the work records settled on it (the live figures of a draft). */
async function liveLines(db: DbOrTx, sheetId: string, workshopId: string, month: string): Promise<PaysheetLine[]> {
  const rows = await queryRows<LiveLine>(
    db,
    sql`select r.worker_id::text as worker_id, w.name, w.id_number_enc, w.id_number, count(*)::int as record_count,
          sum(r.good_qty)::bigint as good, sum(r.rejected_qty)::bigint as rejected,
          coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') = r.pay_month), 0)::bigint as gross,
          coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') < r.pay_month), 0)::bigint as adj,
          coalesce((select sum(d.amount_fen) from paysheet_deductions d where d.paysheet_id = ${sheetId}::uuid and d.worker_id = r.worker_id and d.status = 'approved'), 0)::bigint as ded
        from work_records r join workers w on w.id = r.worker_id
        where r.workshop_id = ${workshopId}::uuid and r.pay_month = ${month}
        group by r.worker_id, w.name, w.id_number_enc, w.id_number order by w.name, r.worker_id`,
  )
  const vault = activeVault()
  return rows.map((r) => ({
    id: null,
    workerId: r.worker_id,
    workerName: r.name,
    idNumberMasked: maskIdNumber(openWorkerPersonal(vault, { idNumberEnc: r.id_number_enc, phoneEnc: null, disabilityGradeEnc: null, idNumber: r.id_number }).idNumber),
    recordCount: r.record_count,
    goodQty: Number(r.good),
    rejectedQty: Number(r.rejected),
    grossFen: Number(r.gross),
    adjustmentsFen: Number(r.adj),
    deductionsFen: Number(r.ded),
    // A draft shows the arithmetic as it stands (a later correction can make it negative; the lock refuses that).
    totalFen: Number(r.gross) + Number(r.adj) - Number(r.ded),
    paidOn: null,
    payMethod: null,
    payReference: null,
  }))
}

async function adjustmentsOf(db: DbOrTx, sheet: { id: string; workshopId: string; month: string; status: string }) {
  const rows =
    isOpen(sheet.status)
      ? await queryRows<{ id: number; worker_id: string; name: string; original: number | null; work_month: string; work_date: string; amount: number }>(
          db,
          sql`select r.id, r.worker_id::text as worker_id, w.name, coalesce(r.reversal_of, r.correction_of) as original,
                to_char(r.work_date, 'YYYY-MM') as work_month, r.work_date::text as work_date, r.amount_fen as amount
              from work_records r join workers w on w.id = r.worker_id
              where r.workshop_id = ${sheet.workshopId}::uuid and r.pay_month = ${sheet.month} and to_char(r.work_date, 'YYYY-MM') < ${sheet.month}
              order by r.id`,
        )
      : await queryRows<{ id: number; worker_id: string; name: string; original: number | null; work_month: string; work_date: string; amount: number }>(
          db,
          sql`select a.work_record_id as id, a.worker_id::text as worker_id, w.name, a.original_record_id as original, a.work_month,
                r.work_date::text as work_date, a.amount_fen as amount
              from paysheet_adjustments a join workers w on w.id = a.worker_id join work_records r on r.id = a.work_record_id
              where a.paysheet_id = ${sheet.id}::uuid order by a.work_record_id`,
        )
  return rows.map((r) => ({
    workerId: r.worker_id,
    workerName: r.name,
    workRecordId: Number(r.id),
    originalRecordId: r.original === null ? null : Number(r.original),
    workMonth: r.work_month,
    workDate: r.work_date,
    amountFen: Number(r.amount),
  }))
}

export type SheetRow = typeof paysheets.$inferSelect

/** Lines not frozen yet: a draft, or a sheet awaiting approval (its month is closed, so the live figures are final). */
export const isOpen = (status: string) => status === 'draft' || status === 'submitted'

/** A sheet row, if the scope covers it (same 404 as a missing one). */
export async function loadSheet(db: DbOrTx, scope: Scope, id: string): Promise<SheetRow & { workshopName: string }> {
  const [row] = await db
    .select({ s: paysheets, workshopName: workshops.name })
    .from(paysheets)
    .innerJoin(workshops, eq(workshops.id, paysheets.workshopId))
    .where(and(eq(paysheets.id, id), paysheetRows(scope)))
  if (!row) throw notFound(SHEET)
  return { ...row.s, workshopName: row.workshopName }
}

function summaryOf(s: SheetRow & { workshopName: string }, lines: PaysheetLine[] | null): PaysheetSummary {
  const sum = (f: (l: PaysheetLine) => number) => (lines ?? []).reduce((a, l) => a + f(l), 0)
  const frozen = !isOpen(s.status)
  return {
    id: s.id,
    workshopId: s.workshopId,
    workshopName: s.workshopName,
    regionCode: s.regionCode,
    month: s.month,
    status: s.status as PaysheetSummary['status'],
    workerCount: frozen ? (s.workerCount ?? 0) : (lines ?? []).length,
    goodQty: frozen ? (s.goodQty ?? 0) : sum((l) => l.goodQty),
    grossFen: frozen ? (s.grossFen ?? 0) : sum((l) => l.grossFen),
    adjustmentsFen: frozen ? (s.adjustmentsFen ?? 0) : sum((l) => l.adjustmentsFen),
    deductionsFen: frozen ? (s.deductionsFen ?? 0) : sum((l) => l.deductionsFen),
    totalFen: frozen ? (s.totalFen ?? 0) : sum((l) => l.totalFen),
    lockedAt: iso(s.lockedAt),
    paidAt: iso(s.paidAt),
  }
}

export async function getPaysheet(db: DbOrTx, caller: Caller, id: string): Promise<Paysheet> {
  authorize(caller, 'paysheets.read')
  const sheet = await sheetOf(db, caller.scope, id)
  await auditRead(db, caller, { action: 'paysheet.read', targetType: 'paysheet', targetId: id, regionCode: sheet.regionCode, subjectIds: sheet.lines.map((l) => l.workerId) })
  return sheet
}

/** One sheet with its lines (live for a draft, stored once frozen) and adjustments; no permission check (writers answer with it). */
export async function sheetOf(db: DbOrTx, scope: Scope, id: string): Promise<Paysheet> {
  const s = await loadSheet(db, scope, id)
  let lines: PaysheetLine[]
  if (isOpen(s.status)) lines = await liveLines(db, s.id, s.workshopId, s.month)
  else {
    const rows = await db.select().from(paysheetLines).where(eq(paysheetLines.paysheetId, s.id)).orderBy(paysheetLines.workerName, paysheetLines.workerId)
    lines = rows.map((l) => ({
      id: l.id,
      workerId: l.workerId,
      workerName: l.workerName,
      idNumberMasked: l.idNumberMasked,
      recordCount: l.recordCount,
      goodQty: l.goodQty,
      rejectedQty: l.rejectedQty,
      grossFen: l.grossFen,
      adjustmentsFen: l.adjustmentsFen,
      deductionsFen: l.deductionsFen,
      totalFen: l.totalFen,
      paidOn: l.paidOn,
      payMethod: l.payMethod,
      payReference: l.payReference,
    }))
  }
  const summary = summaryOf(s, lines)
  return {
    ...summary,
    hash: s.hash,
    prevHash: s.prevHash,
    totalInWords: fenToCapitals(summary.totalFen),
    lines,
    adjustments: await adjustmentsOf(db, s),
    deductions: await deductionsOf(db, s.id),
  }
}

/** Every deduction entered on a sheet, with the worker's name (pending ones too: the page shows what awaits approval). */
export async function deductionsOf(db: DbOrTx, sheetId: string): Promise<Deduction[]> {
  const rows = await queryRows<{ id: string; worker_id: string; name: string; code: DeductionCode; amount_fen: number; reason: string; status: Deduction['status']; created_at: string; approved_at: string | null; rejected_at: string | null; reject_reason: string | null }>(
    db,
    sql`select d.id::text, d.worker_id::text, w.name, d.code, d.amount_fen, d.reason, d.status,
          to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
          to_char(d.approved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as approved_at,
          to_char(d.rejected_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as rejected_at, d.reject_reason
        from paysheet_deductions d join workers w on w.id = d.worker_id where d.paysheet_id = ${sheetId}::uuid order by w.name, d.created_at, d.id`,
  )
  return rows.map((r) => ({
    id: r.id,
    workerId: r.worker_id,
    workerName: r.name,
    code: r.code,
    amountFen: Number(r.amount_fen),
    reason: r.reason,
    status: r.status,
    createdAt: r.created_at,
    approvedAt: r.approved_at,
    rejectedAt: r.rejected_at,
    rejectReason: r.reject_reason,
  }))
}

export async function listPaysheets(db: DbOrTx, caller: Caller, q: z.output<typeof PaysheetListQuerySchema> & PageQuery) {
  authorize(caller, 'paysheets.read')
  const conds: SQL[] = [paysheetRows(caller.scope)]
  if (q.workshopId) conds.push(eq(paysheets.workshopId, q.workshopId))
  if (q.month) conds.push(eq(paysheets.month, q.month))
  if (q.status) conds.push(eq(paysheets.status, q.status))
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(paysheets).where(where)) as [{ n: number }]
  const rows = await db
    .select({
      s: paysheets,
      workshopName: workshops.name,
      // Drafts are recomputed live from the records settled on the month.
      live: sql<{ workers: number; good: number; gross: number; adj: number; ded: number } | null>`(case when ${paysheets.status} in ('draft', 'submitted') then (
        select json_build_object('workers', count(distinct r.worker_id), 'good', coalesce(sum(r.good_qty), 0),
          'gross', coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') = r.pay_month), 0),
          'adj', coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') < r.pay_month), 0),
          'ded', (select coalesce(sum(d.amount_fen), 0) from paysheet_deductions d where d.paysheet_id = ${paysheets.id} and d.status = 'approved'))
        from work_records r where r.workshop_id = ${paysheets.workshopId} and r.pay_month = ${paysheets.month}) end)`,
    })
    .from(paysheets)
    .innerJoin(workshops, eq(workshops.id, paysheets.workshopId))
    .where(where)
    .orderBy(desc(paysheets.month), workshops.name)
    .limit(limit)
    .offset(offset)
  const items = rows.map(({ s, workshopName, live }) => {
    const base = summaryOf({ ...s, workshopName }, null)
    if (!isOpen(s.status) || !live) return base
    const gross = Number(live.gross)
    const adj = Number(live.adj)
    const ded = Number(live.ded)
    return { ...base, workerCount: Number(live.workers), goodQty: Number(live.good), grossFen: gross, adjustmentsFen: adj, deductionsFen: ded, totalFen: gross + adj - ded }
  })
  return { items, total: n, page: q.page, pageSize: q.pageSize }
}

/** Recomputes a locked sheet's hash from its stored lines and checks the link to the previous sheet. */
export async function verifyPaysheet(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'paysheets.read')
  const s = await loadSheet(db, caller.scope, id)
  if (isOpen(s.status)) return { id: s.id, valid: false, storedHash: null, computedHash: null, chainValid: false, reason: `${s.status}: not locked yet` }
  const lines = await db.select().from(paysheetLines).where(eq(paysheetLines.paysheetId, s.id))
  const adjs = await queryRows<{ worker_id: string; work_record_id: number; original_record_id: number | null; amount_fen: number }>(
    db,
    sql`select worker_id::text, work_record_id, original_record_id, amount_fen from paysheet_adjustments where paysheet_id = ${s.id}::uuid`,
  )
  const computed = sheetHash({
    workshopId: s.workshopId,
    month: s.month,
    prevHash: s.prevHash,
    lines: lines.map((l) => ({ workerId: l.workerId, goodQty: l.goodQty, rejectedQty: l.rejectedQty, grossFen: l.grossFen, adjustmentsFen: l.adjustmentsFen, deductionsFen: l.deductionsFen, totalFen: l.totalFen })),
    adjustments: adjs.map((a) => ({ workerId: a.worker_id, workRecordId: Number(a.work_record_id), originalRecordId: a.original_record_id === null ? null : Number(a.original_record_id), amountFen: Number(a.amount_fen) })),
    deductions: (await deductionsOf(db, s.id)).filter((d) => d.status === 'approved').map((d) => ({ id: d.id, workerId: d.workerId, code: d.code, amountFen: d.amountFen })),
  })
  let chainValid: boolean
  let reason: string | null = null
  if (s.prevPaysheetId) {
    const [prev] = await db.select({ hash: paysheets.hash, seq: paysheets.chainSeq, ws: paysheets.workshopId }).from(paysheets).where(eq(paysheets.id, s.prevPaysheetId))
    chainValid = !!prev && prev.hash === s.prevHash && prev.ws === s.workshopId && prev.seq === (s.chainSeq ?? 0) - 1
  } else chainValid = s.prevHash === null && s.chainSeq === 1
  if (!chainValid) reason = 'chain: previous sheet hash does not match'
  // Stored totals must agree with the lines, and the lines with the hash.
  const totalsOk = lines.reduce((a, l) => a + l.totalFen, 0) === s.totalFen && lines.every((l) => l.grossFen + l.adjustmentsFen - l.deductionsFen === l.totalFen)
  if (computed !== s.hash) reason = 'hash: stored lines differ from what was locked'
  else if (!totalsOk) reason = 'totals: sheet totals differ from its lines'
  return { id: s.id, valid: computed === s.hash && chainValid && totalsOk, storedHash: s.hash, computedHash: computed, chainValid, reason }
}
