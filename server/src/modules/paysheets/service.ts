import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Context } from 'hono'
import type { z } from 'zod'
import ExcelJS from 'exceljs'
import { maskIdNumber, type ApprovalRule, type IncomeReport, type PageQuery, type Paysheet, type PaysheetLine, type PaysheetListQuerySchema, type PaysheetPaySchema, type PaysheetSummary } from '@gongfang/shared'
import { queryRows, type DbOrTx, type Tx } from '../../db/client.ts'
import { paysheetApprovalRules, paysheetLines, paysheetPayments, paysheets, workshops } from '../../db/schema/index.ts'
import { regionInScope, scopeFilter, type Scope } from '../../auth/scope.ts'
import { audit } from '../../audit/audit.ts'
import type { AppEnv } from '../../http/env.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { monthStatuses, pgArray, scopedWorkshop, todayInChina } from '../work-records/service.ts'
import { fenToCapitals, fenToYuanString, sheetHash, type HashAdjustment, type HashLine } from './wage-calc.ts'

const SHEET = { zh: '工资表', en: 'Pay sheet' }

function sheetScope(scope: Scope): SQL {
  // Pay sheets show every worker's pay: never to workers or enterprises, even of their own workshop.
  if (scope.kind === 'worker' || scope.kind === 'enterprise') return sql`false`
  return scopeFilter(scope, { workshopId: paysheets.workshopId, regionCode: paysheets.regionCode })
}

interface LiveLine {
  worker_id: string
  name: string
  id_number: string
  record_count: number
  good: number
  rejected: number
  gross: number
  adj: number
}

/** A month's lines computed from the work records settled on it (the live figures of a draft). */
async function liveLines(db: DbOrTx, workshopId: string, month: string): Promise<PaysheetLine[]> {
  const rows = await queryRows<LiveLine>(
    db,
    sql`select r.worker_id::text as worker_id, w.name, w.id_number, count(*)::int as record_count,
          sum(r.good_qty)::bigint as good, sum(r.rejected_qty)::bigint as rejected,
          coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') = r.pay_month), 0)::bigint as gross,
          coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') < r.pay_month), 0)::bigint as adj
        from work_records r join workers w on w.id = r.worker_id
        where r.workshop_id = ${workshopId}::uuid and r.pay_month = ${month}
        group by r.worker_id, w.name, w.id_number order by w.name, r.worker_id`,
  )
  return rows.map((r) => ({
    id: null,
    workerId: r.worker_id,
    workerName: r.name,
    idNumberMasked: maskIdNumber(r.id_number),
    recordCount: r.record_count,
    goodQty: Number(r.good),
    rejectedQty: Number(r.rejected),
    grossFen: Number(r.gross),
    adjustmentsFen: Number(r.adj),
    totalFen: Number(r.gross) + Number(r.adj),
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

type SheetRow = typeof paysheets.$inferSelect

/** Lines not frozen yet: a draft, or a sheet awaiting approval (its month is closed, so the live figures are final). */
const isOpen = (status: string) => status === 'draft' || status === 'submitted'

async function loadSheet(db: DbOrTx, scope: Scope, id: string): Promise<SheetRow & { workshopName: string }> {
  const [row] = await db
    .select({ s: paysheets, workshopName: workshops.name })
    .from(paysheets)
    .innerJoin(workshops, eq(workshops.id, paysheets.workshopId))
    .where(and(eq(paysheets.id, id), sheetScope(scope)))
  if (!row) throw notFound(SHEET)
  return { ...row.s, workshopName: row.workshopName }
}

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : String(d))

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
    totalFen: frozen ? (s.totalFen ?? 0) : sum((l) => l.totalFen),
    lockedAt: iso(s.lockedAt),
    paidAt: iso(s.paidAt),
  }
}

export async function getPaysheet(db: DbOrTx, scope: Scope, id: string): Promise<Paysheet> {
  const s = await loadSheet(db, scope, id)
  let lines: PaysheetLine[]
  if (isOpen(s.status)) lines = await liveLines(db, s.workshopId, s.month)
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
  }
}

export async function listPaysheets(db: DbOrTx, scope: Scope, q: z.output<typeof PaysheetListQuerySchema> & PageQuery) {
  const conds: SQL[] = [sheetScope(scope)]
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
      live: sql<{ workers: number; good: number; gross: number; adj: number } | null>`(case when ${paysheets.status} in ('draft', 'submitted') then (
        select json_build_object('workers', count(distinct r.worker_id), 'good', coalesce(sum(r.good_qty), 0),
          'gross', coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') = r.pay_month), 0),
          'adj', coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') < r.pay_month), 0))
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
    return { ...base, workerCount: Number(live.workers), goodQty: Number(live.good), grossFen: gross, adjustmentsFen: adj, totalFen: gross + adj }
  })
  return { items, total: n, page: q.page, pageSize: q.pageSize }
}

function checkSheetWriter(c: Context<AppEnv>) {
  const role = c.var.user?.role
  if (role !== 'operator' && role !== 'admin' && role !== 'staff')
    throw new ProblemError(403, 'forbidden', { zh: '只有工坊负责人可以锁定或发放工资', en: 'Only operators lock and pay sheets' })
}

/** Opens (or returns) the draft sheet of a workshop-month. */
export async function openPaysheet(tx: Tx, c: Context<AppEnv>, workshopId: string, month: string): Promise<Paysheet> {
  checkSheetWriter(c)
  const ws = await scopedWorkshop(tx, c.var.scope, workshopId)
  await monthStatuses(tx, ws.id, ws.regionCode, [month])
  const [s] = await tx.select({ id: paysheets.id }).from(paysheets).where(and(eq(paysheets.workshopId, ws.id), eq(paysheets.month, month)))
  return getPaysheet(tx, c.var.scope, s!.id)
}

/**
 * Locks draft sheets set-based (one sheet from the API, a whole region's month from the batch job):
 * freezes their lines and late-correction adjustments, then chains each workshop's SHA-256 hashes.
 * Callers have checked scope and status and hold the rows FOR UPDATE.
 */
export async function lockSheets(tx: Tx, ids: readonly string[], userId: string | null): Promise<void> {
  if (ids.length === 0) return
  const idArr = pgArray(ids)
  await tx.execute(sql`insert into paysheet_lines (paysheet_id, worker_id, worker_name, id_number_masked, record_count, good_qty, rejected_qty, gross_fen, adjustments_fen, total_fen)
    select p.id, r.worker_id, w.name,
      case when length(w.id_number) < 8 then repeat('*', length(w.id_number)) else left(w.id_number, 4) || repeat('*', length(w.id_number) - 8) || right(w.id_number, 4) end,
      count(*), sum(r.good_qty), sum(r.rejected_qty),
      coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') = r.pay_month), 0),
      coalesce(sum(r.amount_fen) filter (where to_char(r.work_date, 'YYYY-MM') < r.pay_month), 0),
      sum(r.amount_fen)
    from paysheets p join work_records r on r.workshop_id = p.workshop_id and r.pay_month = p.month
    join workers w on w.id = r.worker_id
    where p.id = any(${idArr}::uuid[])
    group by p.id, r.worker_id, w.name, w.id_number`)
  await tx.execute(sql`insert into paysheet_adjustments (paysheet_id, worker_id, work_record_id, original_record_id, work_month, amount_fen)
    select p.id, r.worker_id, r.id, coalesce(r.reversal_of, r.correction_of), to_char(r.work_date, 'YYYY-MM'), r.amount_fen
    from paysheets p join work_records r on r.workshop_id = p.workshop_id and r.pay_month = p.month
    where p.id = any(${idArr}::uuid[]) and to_char(r.work_date, 'YYYY-MM') < p.month`)
  const sheets = await queryRows<{ id: string; workshop_id: string; month: string }>(
    tx,
    sql`select id::text, workshop_id::text, month from paysheets where id = any(${idArr}::uuid[]) order by workshop_id, month`,
  )
  const lines = await queryRows<{ paysheet_id: string; worker_id: string; good_qty: number; rejected_qty: number; gross_fen: number; adjustments_fen: number; total_fen: number }>(
    tx,
    sql`select paysheet_id::text, worker_id::text, good_qty, rejected_qty, gross_fen, adjustments_fen, total_fen from paysheet_lines where paysheet_id = any(${idArr}::uuid[])`,
  )
  const adjs = await queryRows<{ paysheet_id: string; worker_id: string; work_record_id: number; original_record_id: number | null; amount_fen: number }>(
    tx,
    sql`select paysheet_id::text, worker_id::text, work_record_id, original_record_id, amount_fen from paysheet_adjustments where paysheet_id = any(${idArr}::uuid[])`,
  )
  const prevs = await queryRows<{ workshop_id: string; id: string; hash: string; chain_seq: number }>(
    tx,
    sql`select distinct on (workshop_id) workshop_id::text, id::text, hash, chain_seq from paysheets
        where workshop_id in (select workshop_id from paysheets where id = any(${idArr}::uuid[])) and chain_seq is not null
        order by workshop_id, chain_seq desc`,
  )
  const linesBy = group(lines, (l) => l.paysheet_id)
  const adjsBy = group(adjs, (a) => a.paysheet_id)
  const last = new Map(prevs.map((p) => [p.workshop_id, { id: p.id as string | null, hash: p.hash as string | null, seq: Number(p.chain_seq) }]))
  const out: { id: string; seq: number; prevId: string | null; prevHash: string | null; hash: string; workers: number; good: number; rejected: number; gross: number; adj: number }[] = []
  for (const s of sheets) {
    const prev = last.get(s.workshop_id) ?? { id: null, hash: null, seq: 0 }
    const ls: HashLine[] = (linesBy.get(s.id) ?? []).map((l) => ({
      workerId: l.worker_id,
      goodQty: Number(l.good_qty),
      rejectedQty: Number(l.rejected_qty),
      grossFen: Number(l.gross_fen),
      adjustmentsFen: Number(l.adjustments_fen),
      totalFen: Number(l.total_fen),
    }))
    const as: HashAdjustment[] = (adjsBy.get(s.id) ?? []).map((a) => ({
      workerId: a.worker_id,
      workRecordId: Number(a.work_record_id),
      originalRecordId: a.original_record_id === null ? null : Number(a.original_record_id),
      amountFen: Number(a.amount_fen),
    }))
    const hash = sheetHash({ workshopId: s.workshop_id, month: s.month, prevHash: prev.hash, lines: ls, adjustments: as })
    out.push({
      id: s.id,
      seq: prev.seq + 1,
      prevId: prev.id,
      prevHash: prev.hash,
      hash,
      workers: ls.length,
      good: ls.reduce((a, l) => a + l.goodQty, 0),
      rejected: ls.reduce((a, l) => a + l.rejectedQty, 0),
      gross: ls.reduce((a, l) => a + l.grossFen, 0),
      adj: ls.reduce((a, l) => a + l.adjustmentsFen, 0),
    })
    last.set(s.workshop_id, { id: s.id, hash, seq: prev.seq + 1 })
  }
  for (let i = 0; i < out.length; i += 5000) {
    const chunk = out.slice(i, i + 5000)
    const col = (f: (o: (typeof out)[number]) => string | number | null) => pgArray(chunk.map((o) => { const v = f(o); return v === null ? 'NULL' : String(v) }))
    await tx.execute(sql`update paysheets p set status = 'locked', chain_seq = v.seq, prev_paysheet_id = v.prev_id, prev_hash = v.prev_hash, hash = v.hash,
        worker_count = v.workers, good_qty = v.good, rejected_qty = v.rejected, gross_fen = v.gross, adjustments_fen = v.adj, total_fen = v.gross + v.adj,
        locked_at = now(), locked_by = ${userId}::uuid
      from unnest(${col((o) => o.id)}::uuid[], ${col((o) => o.seq)}::int[], ${col((o) => o.prevId)}::uuid[], ${col((o) => o.prevHash)}::text[], ${col((o) => o.hash)}::text[],
        ${col((o) => o.workers)}::int[], ${col((o) => o.good)}::bigint[], ${col((o) => o.rejected)}::bigint[], ${col((o) => o.gross)}::bigint[], ${col((o) => o.adj)}::bigint[])
        as v(id, seq, prev_id, prev_hash, hash, workers, good, rejected, gross, adj)
      where p.id = v.id`)
  }
}

function group<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const x of xs) {
    const k = key(x)
    const arr = m.get(k)
    if (arr) arr.push(x)
    else m.set(k, [x])
  }
  return m
}

/** The approval rule covering a region (the longest matching prefix), if any. */
async function approvalRequired(db: DbOrTx, regionCode: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from paysheet_approval_rules where ${regionCode} like region_code || '%'`)
  return (rows[0]?.n ?? 0) > 0
}

async function sheetForUpdate(tx: Tx, c: Context<AppEnv>, id: string) {
  const s = await loadSheet(tx, c.var.scope, id)
  await tx.execute(sql`select id from paysheets where id = ${s.id}::uuid for update`)
  const [cur] = await tx.select({ status: paysheets.status }).from(paysheets).where(eq(paysheets.id, s.id))
  return { s, status: cur!.status }
}

/**
 * Locks a draft. Where the township requires approval, an operator's lock submits the sheet instead:
 * the month is closed at once (no new lines), and staff approve (→ locked, hashed) or send it back.
 */
export async function lockPaysheet(tx: Tx, c: Context<AppEnv>, id: string): Promise<Paysheet> {
  checkSheetWriter(c)
  const { s, status } = await sheetForUpdate(tx, c, id)
  if (status === 'submitted') throw new ProblemError(409, 'awaiting-approval', { zh: '工资表正在等待乡镇审批', en: 'The pay sheet is awaiting approval' })
  if (status !== 'draft') throw new ProblemError(409, 'already-locked', { zh: '工资表已锁定', en: 'The pay sheet is already locked' })
  if (s.month > todayInChina().slice(0, 7))
    throw new ProblemError(409, 'month-not-started', { zh: '不能锁定未来月份', en: 'A future month cannot be locked' })
  if (c.var.user!.role === 'operator' && (await approvalRequired(tx, s.regionCode))) {
    await tx.update(paysheets).set({ status: 'submitted', submittedAt: new Date(), submittedBy: c.var.user!.id }).where(eq(paysheets.id, s.id))
    await audit(tx, c.var.caller, { action: 'paysheets.submit', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { month: s.month } })
    return getPaysheet(tx, c.var.scope, s.id)
  }
  await lockSheets(tx, [s.id], c.var.user!.id)
  const sheet = await getPaysheet(tx, c.var.scope, s.id)
  await audit(tx, c.var.caller, { action: 'paysheets.lock', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { month: s.month, totalFen: sheet.totalFen, hash: sheet.hash } })
  return sheet
}

/** Staff approve a submitted sheet (→ locked and hashed) or send it back to draft. */
export async function decidePaysheet(tx: Tx, c: Context<AppEnv>, id: string, approve: boolean): Promise<Paysheet> {
  const role = c.var.user?.role
  if (role !== 'staff' && role !== 'admin') throw new ProblemError(403, 'forbidden', { zh: '只有乡镇等工作人员可以审批', en: 'Only staff approve pay sheets' })
  const { s, status } = await sheetForUpdate(tx, c, id)
  if (status !== 'submitted') throw new ProblemError(409, 'not-submitted', { zh: '工资表未提交审批', en: 'The pay sheet is not awaiting approval' })
  if (approve) {
    await lockSheets(tx, [s.id], c.var.user!.id)
    await tx.update(paysheets).set({ approvedBy: c.var.user!.id }).where(eq(paysheets.id, s.id))
  } else await tx.update(paysheets).set({ status: 'draft', submittedAt: null, submittedBy: null }).where(eq(paysheets.id, s.id))
  const sheet = await getPaysheet(tx, c.var.scope, s.id)
  await audit(tx, c.var.caller, { action: approve ? 'paysheets.approve' : 'paysheets.reject', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { month: s.month, hash: sheet.hash } })
  return sheet
}

/** The approval rules in the caller's scope, and those above it that cover it (staff see what binds them). */
export async function listApprovalRules(db: DbOrTx, c: Context<AppEnv>): Promise<ApprovalRule[]> {
  const role = c.var.user?.role
  if (role !== 'staff' && role !== 'admin') throw new ProblemError(403, 'forbidden', { zh: '只有工作人员可以查看审批设置', en: 'Only staff see approval rules' })
  const own = c.var.scope.kind === 'region' ? c.var.scope.regionCode : ''
  const rows = await queryRows<{ region_code: string; name: string | null; created_at: string; username: string | null }>(
    db,
    sql`select r.region_code, g.name, r.created_at::text, u.display_name as username
        from paysheet_approval_rules r left join regions g on g.code = r.region_code left join users u on u.id = r.created_by
        where ${scopeFilter(c.var.scope, { regionCode: sql`r.region_code` })} or ${own} like r.region_code || '%'
        order by r.region_code`,
  )
  return rows.map((r) => ({ regionCode: r.region_code, regionName: r.name, createdAt: new Date(r.created_at).toISOString(), createdBy: r.username }))
}

/** Staff turn the approval requirement on or off for a region of theirs (e.g. their township). */
export async function setApprovalRule(tx: Tx, c: Context<AppEnv>, regionCode: string, required: boolean) {
  const role = c.var.user?.role
  if (role !== 'staff' && role !== 'admin') throw new ProblemError(403, 'forbidden', { zh: '只有工作人员可以设置审批', en: 'Only staff set approval rules' })
  if (!regionInScope(c.var.scope, regionCode)) throw notFound({ zh: '区域', en: 'Region' })
  if (required) await tx.insert(paysheetApprovalRules).values({ regionCode, createdBy: c.var.user!.id }).onConflictDoNothing()
  else await tx.delete(paysheetApprovalRules).where(eq(paysheetApprovalRules.regionCode, regionCode))
  await audit(tx, c.var.caller, { action: 'paysheets.approval-rule', targetType: 'region', targetId: regionCode, regionCode, detail: { required } })
  return { regionCode, required }
}

/** Locks every draft sheet of a month in a region in one transaction (province batch; bench). */
export async function lockMonth(tx: Tx, regionPrefix: string, month: string, userId: string | null): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id::text from paysheets where month = ${month} and status = 'draft' and region_code like ${`${regionPrefix}%`} for update`,
  )
  await lockSheets(tx, rows.map((r) => r.id), userId)
  return rows.length
}

export async function payPaysheet(tx: Tx, c: Context<AppEnv>, id: string, input: z.output<typeof PaysheetPaySchema>): Promise<Paysheet> {
  checkSheetWriter(c)
  const s = await loadSheet(tx, c.var.scope, id)
  await tx.execute(sql`select id from paysheets where id = ${s.id}::uuid for update`)
  const [cur] = await tx.select({ status: paysheets.status }).from(paysheets).where(eq(paysheets.id, s.id))
  if (isOpen(cur!.status)) throw new ProblemError(409, 'not-locked', { zh: '请先锁定工资表再发放', en: 'Lock the sheet before paying it' })
  const unpaid = await tx
    .select({ id: paysheetLines.id, total: paysheetLines.totalFen })
    .from(paysheetLines)
    .where(and(eq(paysheetLines.paysheetId, s.id), isNull(paysheetLines.paidOn), ...(input.lineIds ? [inArray(paysheetLines.id, input.lineIds)] : [])))
  if (input.lineIds && unpaid.length !== new Set(input.lineIds).size)
    throw new ProblemError(409, 'line-not-payable', { zh: '所选行不属于该表或已发放', en: 'A selected line is not on this sheet or already paid' })
  if (unpaid.length === 0) throw new ProblemError(409, 'already-paid', { zh: '工资已全部发放', en: 'Everything on this sheet is paid' })
  const amount = unpaid.reduce((a, l) => a + l.total, 0)
  const [payment] = await tx
    .insert(paysheetPayments)
    .values({ paysheetId: s.id, lineId: unpaid.length === 1 && input.lineIds ? unpaid[0]!.id : null, paidOn: input.paidOn, method: input.method, reference: input.reference ?? null, amountFen: amount, byUserId: c.var.user!.id })
    .returning()
  await tx
    .update(paysheetLines)
    .set({ paidOn: input.paidOn, payMethod: input.method, payReference: input.reference ?? null })
    .where(inArray(paysheetLines.id, unpaid.map((l) => l.id)))
  const [left] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from paysheet_lines where paysheet_id = ${s.id}::uuid and paid_on is null`)
  if (left!.n === 0) await tx.update(paysheets).set({ status: 'paid', paidAt: new Date() }).where(eq(paysheets.id, s.id))
  await audit(tx, c.var.caller, { action: 'paysheets.pay', targetType: 'paysheet', targetId: s.id, regionCode: s.regionCode, detail: { paymentId: payment!.id, lines: unpaid.length, amountFen: amount, method: input.method } })
  return getPaysheet(tx, c.var.scope, s.id)
}

/** Recomputes a locked sheet's hash from its stored lines and checks the link to the previous sheet. */
export async function verifyPaysheet(db: DbOrTx, scope: Scope, id: string) {
  const s = await loadSheet(db, scope, id)
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
    lines: lines.map((l) => ({ workerId: l.workerId, goodQty: l.goodQty, rejectedQty: l.rejectedQty, grossFen: l.grossFen, adjustmentsFen: l.adjustmentsFen, totalFen: l.totalFen })),
    adjustments: adjs.map((a) => ({ workerId: a.worker_id, workRecordId: Number(a.work_record_id), originalRecordId: a.original_record_id === null ? null : Number(a.original_record_id), amountFen: Number(a.amount_fen) })),
  })
  let chainValid: boolean
  let reason: string | null = null
  if (s.prevPaysheetId) {
    const [prev] = await db.select({ hash: paysheets.hash, seq: paysheets.chainSeq, ws: paysheets.workshopId }).from(paysheets).where(eq(paysheets.id, s.prevPaysheetId))
    chainValid = !!prev && prev.hash === s.prevHash && prev.ws === s.workshopId && prev.seq === (s.chainSeq ?? 0) - 1
  } else chainValid = s.prevHash === null && s.chainSeq === 1
  if (!chainValid) reason = 'chain: previous sheet hash does not match'
  // Stored totals must agree with the lines, and the lines with the hash.
  const totalsOk = lines.reduce((a, l) => a + l.totalFen, 0) === s.totalFen && lines.every((l) => l.grossFen + l.adjustmentsFen === l.totalFen)
  if (computed !== s.hash) reason = 'hash: stored lines differ from what was locked'
  else if (!totalsOk) reason = 'totals: sheet totals differ from its lines'
  return { id: s.id, valid: computed === s.hash && chainValid && totalsOk, storedHash: s.hash, computedHash: computed, chainValid, reason }
}

export async function exportPaysheetXlsx(db: DbOrTx, scope: Scope, id: string): Promise<{ filename: string; data: Buffer }> {
  const sheet = await getPaysheet(db, scope, id)
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(`${sheet.month} 工资表`, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.mergeCells('A1:I1')
  ws.getCell('A1').value = `${sheet.workshopName} ${sheet.month.replace('-', ' 年 ')} 月计件工资表`
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A1').alignment = { horizontal: 'center' }
  ws.addRow([`状态：${{ draft: '草稿', submitted: '待审批', locked: '已锁定', paid: '已发放' }[sheet.status]}`, '', '', '', '', '', '', sheet.hash ? `校验码：${sheet.hash.slice(0, 16)}` : ''])
  const header = ws.addRow(['序号', '姓名', '身份证号', '合格件数', '次品件数', '应发（元）', '调整（元）', '实发（元）', '签字'])
  header.font = { bold: true }
  const yuan = (f: number) => Number(fenToYuanString(f)) // display cell; the exact figure is also in the fen column below
  sheet.lines.forEach((l, i) => ws.addRow([i + 1, l.workerName, l.idNumberMasked, l.goodQty, l.rejectedQty, yuan(l.grossFen), yuan(l.adjustmentsFen), yuan(l.totalFen), '']))
  const total = ws.addRow(['合计', '', '', sheet.goodQty, sheet.lines.reduce((a, l) => a + l.rejectedQty, 0), yuan(sheet.grossFen), yuan(sheet.adjustmentsFen), yuan(sheet.totalFen), ''])
  total.font = { bold: true }
  ws.addRow([`合计金额（大写）：${sheet.totalInWords}`])
  for (const c of ['F', 'G', 'H']) ws.getColumn(c).numFmt = '#,##0.00'
  ws.columns.forEach((col, i) => (col.width = [6, 10, 22, 10, 10, 12, 12, 12, 14][i]))
  const data = Buffer.from(await wb.xlsx.writeBuffer())
  return { filename: `${sheet.workshopName}-${sheet.month}-工资表.xlsx`, data }
}

/** Per month: the workshop's income from accepted pieces vs the wages on its sheets and paid out. */
export async function workshopIncome(db: DbOrTx, scope: Scope, workshopId: string, from: string, to: string): Promise<IncomeReport> {
  const ws = await scopedWorkshop(db, scope, workshopId)
  if (scope.kind === 'worker' || scope.kind === 'enterprise') throw notFound({ zh: '工坊', en: 'Workshop' })
  const deliveries = await queryRows<{ month: string; qty: number; amount: number | null; n_amount: number }>(
    db,
    sql`select to_char(accepted_on, 'YYYY-MM') as month, coalesce(sum(accepted_qty), 0)::bigint as qty, sum(amount_fen)::bigint as amount, count(amount_fen)::int as n_amount
        from deliveries where workshop_id = ${ws.id}::uuid and accepted_on is not null and to_char(accepted_on, 'YYYY-MM') between ${from} and ${to} group by 1`,
  )
  // Without deliveries: good pieces × the workshop rate of the product or order, rounded half-up per line.
  const records = await queryRows<{ month: string; qty: number; amount: number }>(
    db,
    sql`select to_char(r.work_date, 'YYYY-MM') as month, sum(r.good_qty)::bigint as qty,
          coalesce(sum(round(r.good_qty::numeric * coalesce(p.workshop_rate_centifen, o.workshop_rate_centifen, 0) / 100)), 0)::bigint as amount
        from work_records r
        left join workshop_products p on p.id = r.product_id
        left join allocations a on a.id = r.allocation_id left join orders o on o.id = a.order_id
        where r.workshop_id = ${ws.id}::uuid and to_char(r.work_date, 'YYYY-MM') between ${from} and ${to} group by 1`,
  )
  const wages = await queryRows<{ month: string; wages: number; paid: number }>(
    db,
    sql`select p.month, coalesce(sum(l.total_fen), 0)::bigint as wages, coalesce(sum(l.total_fen) filter (where l.paid_on is not null), 0)::bigint as paid
        from paysheets p left join paysheet_lines l on l.paysheet_id = p.id
        where p.workshop_id = ${ws.id}::uuid and p.month between ${from} and ${to} and p.status <> 'draft' group by 1`,
  )
  const months = [...new Set([...deliveries, ...records, ...wages].map((r) => r.month))].sort()
  const d = new Map(deliveries.map((r) => [r.month, r]))
  const rec = new Map(records.map((r) => [r.month, r]))
  const w = new Map(wages.map((r) => [r.month, r]))
  return {
    workshopId: ws.id,
    months: months.map((m) => {
      const dm = d.get(m)
      const rm = rec.get(m)
      const useDeliveries = dm !== undefined && dm.n_amount > 0
      return {
        month: m,
        acceptedQty: Number(useDeliveries ? dm.qty : (rm?.qty ?? 0)),
        incomeFen: Number(useDeliveries ? dm.amount : (rm?.amount ?? 0)),
        incomeSource: useDeliveries ? 'deliveries' : rm ? 'work-records' : 'none',
        wagesFen: Number(w.get(m)?.wages ?? 0),
        wagesPaidFen: Number(w.get(m)?.paid ?? 0),
      }
    }),
  }
}
