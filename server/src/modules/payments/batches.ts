/**
 * Payment batches: the unpaid lines of locked pay sheets, one per worker and sheet, to the worker's usable
 * account (or in cash against a signature when there is none). A line is settled paid or failed; failed
 * lines (待重发) go into a later batch; a sheet is `paid` once every line with pay on it is.
 * Built set-based: a province's month is one statement.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { PageQuery } from '@gongfang/shared'
import { BANKS, type BankCode, type CashPaySchema, type PaymentBatch, type PaymentBatchCreateSchema, type PaymentBatchSummary, type PaymentLine, type Reconciliation } from '@gongfang/shared/payments'
import { formatFen } from '@gongfang/shared/money'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { batchRows } from '../../auth/access/payments.ts'
import { paysheetRows } from '../../auth/access/wages.ts'
import { queryRows, type Db, type DbOrTx, type Tx } from '../../db/client.ts'
import { paymentBatches, paysheets } from '../../db/schema/index.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { runIdempotent, type IdempotencyKey } from '../../http/idempotency.ts'
import { pgArray } from '../work-records/service.ts'

const BATCH = { zh: '发放批次', en: 'Payment batch' }
const SHEET = { zh: '工资表', en: 'Pay sheet' }

/** Holder and worker are the same person when the names match, spaces and middle dots aside (as accounts.ts). */
const sameNameSql = (a: SQL, b: SQL) =>
  sql`(${a} = ${b} or regexp_replace(${a}, '[[:space:]·•．.]', '', 'g') = regexp_replace(${b}, '[[:space:]·•．.]', '', 'g'))`

/** The longest common prefix of region codes: the deepest region every sheet lies in. */
export function commonRegion(codes: readonly string[]): string {
  let p = codes[0] ?? ''
  for (const c of codes) while (!c.startsWith(p)) p = p.slice(0, -1)
  return p
}

export async function loadBatch(db: DbOrTx, caller: Caller, id: string) {
  const [b] = await db.select().from(paymentBatches).where(and(eq(paymentBatches.id, id), batchRows(caller.scope)))
  if (!b) throw notFound(BATCH)
  return b
}

/** Makes a batch from the unpaid lines of locked sheets (failed lines of earlier batches included). */
export async function createBatch(db: Db, caller: Caller, input: z.output<typeof PaymentBatchCreateSchema>, idem: IdempotencyKey | null) {
  const user = authorize(caller, 'payments.batches.write')
  const ids = [...new Set(input.paysheetIds)]
  return runIdempotent(db, idem, async (tx) => {
    const sheets = await tx
      .select({ id: paysheets.id, status: paysheets.status, regionCode: paysheets.regionCode, workshopId: paysheets.workshopId })
      .from(paysheets)
      .where(and(sql`${paysheets.id} = any(${pgArray(ids)}::uuid[])`, paysheetRows(caller.scope)))
      .for('update')
    if (sheets.length !== ids.length) throw notFound(SHEET)
    const open = sheets.filter((s) => s.status === 'draft' || s.status === 'submitted')
    if (open.length)
      throw new ProblemError(409, 'not-locked', { zh: `有 ${open.length} 张工资表尚未锁定，锁定后才能发放`, en: `${open.length} pay sheet(s) are not locked yet; lock them before paying` })
    // One batch number per China day, in order: the lock keeps two batches made at once from taking the same one.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('payment_batches.number'))`)
    const day = callerToday(caller).replaceAll('-', '')
    const [{ n }] = (await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from payment_batches where number like ${`PB${day}-%`}`)) as [{ n: number }]
    const number = `PB${day}-${String(n + 1).padStart(3, '0')}`
    const workshopIds = [...new Set(sheets.map((s) => s.workshopId))]
    const [batch] = await tx
      .insert(paymentBatches)
      .values({
        number,
        regionCode: commonRegion(sheets.map((s) => s.regionCode)),
        workshopId: workshopIds.length === 1 ? workshopIds[0]! : null,
        note: input.note ?? null,
        createdBy: user.id,
        createdByName: user.displayName ?? user.username,
      })
      .returning()
    // A province's month sorts 500,000 lines for their numbers: in memory, not in temporary files.
    if (sheets.length > 500) await tx.execute(sql`set local work_mem = '128MB'`)
    const inserted = await queryRows<{ n: number; total: number }>(
      tx,
      sql`with todo as (
          select l.id, l.paysheet_id, l.worker_id, l.total_fen, a.id as account_id,
            row_number() over (order by p.month, p.workshop_id, l.worker_name, l.id) as seq
          from paysheet_lines l
          join paysheets p on p.id = l.paysheet_id
          join workers w on w.id = l.worker_id
          left join worker_accounts a on a.worker_id = l.worker_id and a.retired_at is null
            and (${sameNameSql(sql`a.holder_name`, sql`w.name`)} or a.proxy_approved_at is not null)
          where l.paysheet_id = any(${pgArray(ids)}::uuid[]) and l.paid_on is null and l.total_fen > 0
            and not exists (select 1 from payment_lines x where x.paysheet_line_id = l.id and x.status in ('pending', 'paid'))
        ), ins as (
          insert into payment_lines (batch_id, paysheet_id, paysheet_line_id, worker_id, amount_fen, method, account_id, reference, seq)
          select ${batch!.id}::uuid, paysheet_id, id, worker_id, total_fen, case when account_id is null then 'cash' else 'bank' end, account_id,
            ${number} || '-' || lpad(seq::text, 6, '0'), seq
          from todo
          returning amount_fen
        )
        select count(*)::int as n, coalesce(sum(amount_fen), 0)::bigint as total from ins`,
    )
    const made = inserted[0]!
    if (made.n === 0)
      throw new ProblemError(409, 'nothing-to-pay', { zh: '所选工资表没有待发放的工资（已发放或已在其他批次中）', en: 'Nothing left to pay on these sheets (paid, or already in another batch)' })
    // Statistics now, not when autovacuum gets round to it: planned for an empty table, the summary below and the
    // bank file join 500,000 fresh lines by nested loops of index lookups (≈ 4× slower than hash joins).
    if (made.n >= 10_000) await tx.execute(sql`analyze payment_lines`)
    await audit(tx, caller, {
      action: 'payments.batch.create',
      targetType: 'payment_batch',
      targetId: batch!.id,
      regionCode: batch!.regionCode,
      detail: { number, sheets: ids.length, lines: made.n, totalFen: Number(made.total) },
    })
    return { status: 201 as const, body: await batchOf(tx, caller, batch!.id, { page: 1, pageSize: 200 }) }
  })
}

interface LineRow {
  id: number
  reference: string
  paysheet_id: string
  month: string
  workshop_name: string
  worker_id: string
  worker_name: string
  amount_fen: number
  method: string
  bank: string | null
  last4: string | null
  status: string
  failure_reason: string | null
  settled_on: string | null
  signed_by: string | null
}

function lineView(r: LineRow): PaymentLine {
  return {
    id: Number(r.id),
    reference: r.reference,
    paysheetId: r.paysheet_id,
    month: r.month,
    workshopName: r.workshop_name,
    workerId: r.worker_id,
    workerName: r.worker_name,
    amountFen: Number(r.amount_fen),
    method: r.method as PaymentLine['method'],
    bankName: r.bank ? (BANKS[r.bank as BankCode]?.zh ?? r.bank) : null,
    accountNumberMasked: r.last4 ? `**** ${r.last4}` : null,
    status: r.status as PaymentLine['status'],
    failureReason: r.failure_reason,
    settledOn: r.settled_on,
    signedBy: r.signed_by,
  }
}

/** The lines of a batch with what a person reads: month, workshop, worker, bank, last 4. */
export async function batchLines(db: DbOrTx, batchId: string, where: SQL = sql`true`, window?: { limit: number; offset: number }) {
  const page = window ? sql`limit ${window.limit} offset ${window.offset}` : sql``
  const rows = await queryRows<LineRow>(
    db,
    sql`select x.id, x.reference, x.paysheet_id::text as paysheet_id, p.month, ws.name as workshop_name, x.worker_id::text as worker_id,
          w.name as worker_name, x.amount_fen, x.method, a.bank, a.last4, x.status, x.failure_reason, x.settled_on::text as settled_on, x.signed_by
        from payment_lines x
        join paysheets p on p.id = x.paysheet_id
        join workshops ws on ws.id = p.workshop_id
        join workers w on w.id = x.worker_id
        left join worker_accounts a on a.id = x.account_id
        where x.batch_id = ${batchId}::uuid and ${where}
        order by x.seq ${page}`,
  )
  return rows.map(lineView)
}

export async function batchReconciliation(db: DbOrTx, batchId: string): Promise<Reconciliation> {
  const [r] = await queryRows<{ lines: number; net: number; paid: number; failed: number; unpaid: number; pl: number; fl: number; ul: number }>(
    db,
    sql`select count(*)::int as lines, coalesce(sum(amount_fen), 0)::bigint as net,
          coalesce(sum(amount_fen) filter (where status = 'paid'), 0)::bigint as paid,
          coalesce(sum(amount_fen) filter (where status = 'failed'), 0)::bigint as failed,
          coalesce(sum(amount_fen) filter (where status = 'pending'), 0)::bigint as unpaid,
          count(*) filter (where status = 'paid')::int as pl, count(*) filter (where status = 'failed')::int as fl,
          count(*) filter (where status = 'pending')::int as ul
        from payment_lines where batch_id = ${batchId}::uuid`,
  )
  return reconciliationOf(r!)
}

function reconciliationOf(r: { lines: number; net: number; paid: number; failed: number; unpaid: number; pl: number; fl: number; ul: number }): Reconciliation {
  const [net, paid, failed, unpaid] = [Number(r.net), Number(r.paid), Number(r.failed), Number(r.unpaid)]
  return {
    lines: r.lines,
    netFen: net,
    paidFen: paid,
    failedFen: failed,
    unpaidFen: unpaid,
    paidLines: r.pl,
    failedLines: r.fl,
    unpaidLines: r.ul,
    balanced: paid + failed + unpaid === net && r.pl + r.fl + r.ul === r.lines,
  }
}

const SUMMARY = sql`b.id::text as id, b.number, b.region_code, ws.name as workshop_name, b.status, b.note, b.created_at, b.created_by_name,
  (select coalesce(json_agg(distinct p.month), '[]') from payment_lines x join paysheets p on p.id = x.paysheet_id where x.batch_id = b.id) as months,
  (select count(*) from payment_lines x where x.batch_id = b.id)::int as line_count,
  (select count(*) from payment_lines x where x.batch_id = b.id and x.method = 'bank')::int as bank_lines,
  (select coalesce(sum(x.amount_fen), 0) from payment_lines x where x.batch_id = b.id)::bigint as total_fen`

interface SummaryRow {
  id: string
  number: string
  region_code: string
  workshop_name: string | null
  status: string
  note: string | null
  created_at: Date | string
  created_by_name: string | null
  months: string[] | string
  line_count: number
  bank_lines: number
  total_fen: number
}

function summaryView(r: SummaryRow): PaymentBatchSummary {
  const months = (typeof r.months === 'string' ? (JSON.parse(r.months) as string[]) : r.months).slice().sort()
  return {
    id: r.id,
    number: r.number,
    regionCode: r.region_code,
    workshopName: r.workshop_name,
    months,
    status: r.status as PaymentBatchSummary['status'],
    lineCount: r.line_count,
    bankLines: r.bank_lines,
    cashLines: r.line_count - r.bank_lines,
    totalFen: Number(r.total_fen),
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_name,
  }
}

/** One batch with a page of its lines and its reconciliation. */
export async function batchOf(db: DbOrTx, caller: Caller, id: string, q: PageQuery & { status?: PaymentLine['status'] }): Promise<PaymentBatch> {
  const b = await loadBatch(db, caller, id)
  const [row] = await queryRows<SummaryRow>(db, sql`select ${SUMMARY} from payment_batches b left join workshops ws on ws.id = b.workshop_id where b.id = ${b.id}::uuid`)
  const where = q.status ? sql`x.status = ${q.status}` : sql`true`
  return { ...summaryView(row!), lines: await batchLines(db, b.id, where, pageWindow(q)), reconciliation: await batchReconciliation(db, b.id) }
}

export async function getBatch(db: DbOrTx, caller: Caller, id: string, q: PageQuery & { status?: PaymentLine['status'] }) {
  authorize(caller, 'payments.batches.read')
  return batchOf(db, caller, id, q)
}

export async function listBatches(db: DbOrTx, caller: Caller, q: PageQuery & { status?: 'open' | 'settled' }) {
  authorize(caller, 'payments.batches.read')
  const where = and(batchRows(caller.scope), q.status ? eq(paymentBatches.status, q.status) : undefined)!
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(paymentBatches).where(where)) as [{ n: number }]
  const { limit, offset } = pageWindow(q)
  const ids = await db.select({ id: paymentBatches.id }).from(paymentBatches).where(where).orderBy(sql`${paymentBatches.createdAt} desc, ${paymentBatches.number} desc`).limit(limit).offset(offset)
  const rows = ids.length
    ? await queryRows<SummaryRow>(
        db,
        sql`select ${SUMMARY} from payment_batches b left join workshops ws on ws.id = b.workshop_id
          where b.id = any(${pgArray(ids.map((r) => r.id))}::uuid[]) order by b.created_at desc, b.number desc`,
      )
    : []
  return { items: rows.map(summaryView), total: n, page: q.page, pageSize: q.pageSize }
}

/**
 * Settles lines paid: the sheet lines get the date, method and reference; sheets whose every line with pay is
 * paid become `paid`; a batch with no pending line is settled. Callers hold the batch row.
 */
export async function markPaid(tx: Tx, caller: Caller, batchId: string, lines: readonly { id: number; paidOn: string; signedBy?: string | null }[]) {
  if (lines.length === 0) return
  const payload = JSON.stringify(lines.map((l) => ({ id: l.id, d: l.paidOn, s: l.signedBy ?? null })))
  const changed = await queryRows<{ paysheet_id: string; paysheet_line_id: number; amount_fen: number; method: string; reference: string; settled_on: string }>(
    tx,
    sql`update payment_lines x set status = 'paid', settled_on = v.d::date, signed_by = coalesce(v.s, x.signed_by), settled_at = now(), failure_reason = null
      from jsonb_to_recordset(${payload}::jsonb) as v(id bigint, d text, s text)
      where x.id = v.id and x.batch_id = ${batchId}::uuid and x.status = 'pending'
      returning x.paysheet_id::text as paysheet_id, x.paysheet_line_id, x.amount_fen, x.method, x.reference, x.settled_on::text as settled_on`,
  )
  if (changed.length === 0) return
  const rows = JSON.stringify(changed.map((c) => ({ l: c.paysheet_line_id, d: c.settled_on, m: c.method, r: c.reference })))
  await tx.execute(sql`update paysheet_lines l set paid_on = v.d::date, pay_method = v.m, pay_reference = v.r
    from jsonb_to_recordset(${rows}::jsonb) as v(l bigint, d text, m text, r text) where l.id = v.l`)
  // One payment record per sheet, date and method: what the pay sheet's own history shows.
  await tx.execute(sql`insert into paysheet_payments (paysheet_id, paid_on, method, reference, amount_fen, by_user_id)
    select v.p::uuid, v.d::date, v.m, ${`batch ${batchId}`}, sum(v.a), ${caller.user?.id ?? null}::uuid
    from jsonb_to_recordset(${JSON.stringify(changed.map((c) => ({ p: c.paysheet_id, d: c.settled_on, m: c.method, a: Number(c.amount_fen) })))}::jsonb) as v(p text, d text, m text, a bigint)
    group by v.p, v.d, v.m`)
  await queueWageNotices(tx, changed.map((c) => c.reference))
  const sheetIds = pgArray([...new Set(changed.map((c) => c.paysheet_id))])
  await tx.execute(sql`update paysheets p set status = 'paid', paid_at = ${caller.clock.now()}
    where p.id = any(${sheetIds}::uuid[]) and p.status = 'locked'
      and not exists (select 1 from paysheet_lines l where l.paysheet_id = p.id and l.paid_on is null and l.total_fen > 0)`)
}

/** Marks failed lines (待重发): they leave the batch's pending set and may go into a later batch. */
export async function markFailed(tx: Tx, batchId: string, lines: readonly { id: number; reason: string }[]) {
  if (lines.length === 0) return
  await tx.execute(sql`update payment_lines x set status = 'failed', failure_reason = v.r, settled_at = now()
    from jsonb_to_recordset(${JSON.stringify(lines.map((l) => ({ id: l.id, r: l.reason })))}::jsonb) as v(id bigint, r text)
    where x.id = v.id and x.batch_id = ${batchId}::uuid and x.status = 'pending'`)
}

export async function settleBatchIfDone(tx: Tx, batchId: string) {
  await tx.execute(sql`update payment_batches b set status = case when exists (select 1 from payment_lines x where x.batch_id = b.id and x.status = 'pending') then 'open' else 'settled' end
    where b.id = ${batchId}::uuid`)
}

/** Cash lines paid against a signature (the worker's, or the approved proxy's). */
export async function payCash(db: Db, caller: Caller, id: string, input: z.output<typeof CashPaySchema>) {
  authorize(caller, 'payments.batches.write')
  return db.transaction(async (tx) => {
    const b = await loadBatch(tx, caller, id)
    await tx.execute(sql`select id from payment_batches where id = ${b.id}::uuid for update`)
    const ids = [...new Set(input.lineIds)]
    const found = await queryRows<{ id: number; method: string; status: string }>(
      tx,
      sql`select id, method, status from payment_lines where batch_id = ${b.id}::uuid and id = any(${pgArray(ids.map(String))}::bigint[])`,
    )
    if (found.length !== ids.length) throw new ProblemError(404, 'line-not-found', { zh: '所选行不在该批次中', en: 'A selected line is not in this batch' })
    const wrong = found.filter((l) => l.method !== 'cash' || l.status !== 'pending')
    if (wrong.length)
      throw new ProblemError(409, 'line-not-cash-pending', {
        zh: `有 ${wrong.length} 行不是待发的现金行（银行行以银行回单为准）`,
        en: `${wrong.length} line(s) are not pending cash lines (bank lines are settled by the bank's return)`,
      })
    await markPaid(tx, caller, b.id, ids.map((l) => ({ id: l, paidOn: input.paidOn, signedBy: input.signedBy })))
    await settleBatchIfDone(tx, b.id)
    await audit(tx, caller, { action: 'payments.cash', targetType: 'payment_batch', targetId: b.id, regionCode: b.regionCode, detail: { lines: ids.length, signedBy: input.signedBy, note: input.note ?? null } })
    return batchOf(tx, caller, b.id, { page: 1, pageSize: 200 })
  })
}

/**
 * A month's reconciliation over the locked sheets in scope: Σ net of the sheets = Σ paid + Σ failed (waiting
 * to be paid again) + Σ unpaid (pending in a batch or in none). Net is read from the sheets, the rest from
 * their lines, so a line that went astray shows as unbalanced.
 */
export async function monthReconciliation(db: DbOrTx, caller: Caller, q: { month: string; workshopId?: string }): Promise<Reconciliation> {
  authorize(caller, 'payments.batches.read')
  const sheetWhere = and(eq(paysheets.month, q.month), sql`${paysheets.status} in ('locked', 'paid')`, paysheetRows(caller.scope), q.workshopId ? eq(paysheets.workshopId, q.workshopId) : undefined)!
  const [head] = await db.select({ net: sql<number>`coalesce(sum(${paysheets.totalFen}), 0)::bigint` }).from(paysheets).where(sheetWhere)
  const [r] = await queryRows<{ lines: number; paid: number; failed: number; unpaid: number; pl: number; fl: number; ul: number }>(
    db,
    sql`with l as (
          select l.id, l.total_fen, l.paid_on,
            exists (select 1 from payment_lines x where x.paysheet_line_id = l.id and x.status = 'failed')
              and not exists (select 1 from payment_lines x where x.paysheet_line_id = l.id and x.status in ('pending', 'paid')) as failed
          from paysheet_lines l where l.paysheet_id in (select ${paysheets.id} from ${paysheets} where ${sheetWhere})
        )
        select count(*)::int as lines,
          coalesce(sum(total_fen) filter (where paid_on is not null), 0)::bigint as paid,
          coalesce(sum(total_fen) filter (where paid_on is null and failed), 0)::bigint as failed,
          coalesce(sum(total_fen) filter (where paid_on is null and not failed), 0)::bigint as unpaid,
          count(*) filter (where paid_on is not null)::int as pl,
          count(*) filter (where paid_on is null and failed)::int as fl,
          count(*) filter (where paid_on is null and not failed)::int as ul
        from l`,
  )
  return reconciliationOf({ ...r!, net: Number(head!.net) })
}

/** 您 11 月工资 2,356.40 元已于 12 月 5 日转入尾号 1234 的账户: one message per paid line, sent by the outbox. */
async function queueWageNotices(tx: Tx, references: readonly string[]) {
  const rows = await queryRows<{ id: number; worker_id: string; month: string; amount: number; settled_on: string; last4: string | null }>(
    tx,
    sql`select x.id, x.worker_id::text as worker_id, p.month, x.amount_fen as amount, x.settled_on::text as settled_on, a.last4
      from payment_lines x join paysheets p on p.id = x.paysheet_id left join worker_accounts a on a.id = x.account_id
      where x.reference = any(${pgArray(references)}::text[]) and x.status = 'paid'`,
  )
  if (rows.length === 0) return
  const day = (d: string) => `${Number(d.slice(5, 7))} 月 ${Number(d.slice(8, 10))} 日`
  const messages = rows.map((r) => ({
    w: r.worker_id,
    k: `wage-paid:${r.id}`,
    b: `您 ${Number(r.month.slice(5))} 月工资 ${formatFen(Number(r.amount), { symbol: '' })} 元已于 ${day(r.settled_on)}${r.last4 ? `转入尾号 ${r.last4} 的账户` : '以现金发放'}。如有疑问，请在“我的工资”中提出。`,
  }))
  await tx.execute(sql`insert into outbox_messages (worker_id, kind, body, dedupe_key)
    select v.w::uuid, 'wage-paid', v.b, v.k from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as v(w text, k text, b text)
    on conflict (dedupe_key) do nothing`)
}
