/**
 * Freezing pay sheets: lines and late-correction adjustments copied from the work records, then each
 * workshop's sheets SHA-256 chained in month order. Set-based, for one sheet or a province's month.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../db/client.ts'
import { inRegion } from '../../auth/access/wages.ts'
import { pgArray } from '../work-records/service.ts'
import { sheetHash, type HashAdjustment, type HashLine } from './wage-calc.ts'
import { maskIdNumber, netAfterDeductions } from '@gongfang/shared'
import { ProblemError } from '../../http/problem.ts'
import { FIELDS, activeVault, openMany } from '../../vault/index.ts'

/**
 * Locks draft sheets set-based (one sheet from the API, a whole region's month from the batch job):
 * freezes their lines and late-correction adjustments, then chains each workshop's SHA-256 hashes.
 * Callers have checked scope and status and hold the rows FOR UPDATE.
 */
export async function lockSheets(tx: Tx, ids: readonly string[], userId: string | null): Promise<void> {
  if (ids.length === 0) return
  const idArr = pgArray(ids)
  // Pending deductions would otherwise be frozen unapproved with the month: decide them first.
  const pending = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from paysheet_deductions where paysheet_id = any(${idArr}::uuid[]) and status = 'pending'`)
  if ((pending[0]?.n ?? 0) > 0)
    throw new ProblemError(409, 'deductions-pending', { zh: '工资表有待审批的扣款，请先审批或删除后再锁定', en: 'The pay sheet has deductions awaiting approval; approve or remove them before locking' })
  // Each worker's line on each sheet, summed from the work records in one pass, with who they are. A line of the
  // sheet's own month is gross; one of an earlier month (a late correction) an adjustment, compared as dates from
  // the month's first day (the same as comparing 'YYYY-MM' text, without formatting every line).
  const lines = await queryRows<SheetLine & { enc: string | null; plain: string | null; late: number }>(
    tx,
    sql`select a.paysheet_id::text as paysheet_id, a.worker_id::text as worker_id, w.name as worker_name, w.id_number_enc as enc, w.id_number as plain,
        a.record_count, a.good_qty, a.rejected_qty, a.gross_fen, a.adjustments_fen, coalesce(d.fen, 0) as deductions_fen, a.fen - coalesce(d.fen, 0) as total_fen, a.late
      from (select p.id as paysheet_id, r.worker_id, count(*)::int as record_count, sum(r.good_qty) as good_qty, sum(r.rejected_qty) as rejected_qty,
              coalesce(sum(r.amount_fen) filter (where r.work_date >= ms.d and r.work_date < ms.e), 0) as gross_fen,
              coalesce(sum(r.amount_fen) filter (where r.work_date < ms.d), 0) as adjustments_fen, sum(r.amount_fen) as fen,
              count(*) filter (where r.work_date < ms.d)::int as late
            from paysheets p cross join lateral (select to_date(p.month, 'YYYY-MM') as d, (to_date(p.month, 'YYYY-MM') + interval '1 month')::date as e) ms
            join work_records r on r.workshop_id = p.workshop_id and r.pay_month = p.month
            where p.id = any(${idArr}::uuid[])
            group by p.id, r.worker_id) a
      join workers w on w.id = a.worker_id
      left join (select paysheet_id, worker_id, sum(amount_fen)::bigint as fen from paysheet_deductions
        where paysheet_id = any(${idArr}::uuid[]) and status = 'approved' group by paysheet_id, worker_id) d on d.paysheet_id = a.paysheet_id and d.worker_id = a.worker_id`,
  )
  // The frozen lines keep the masked ID number (the shared mask). The sealed numbers are opened here only, once per
  // worker with lines on the sheets; a province's month opens 500,000 (on worker threads above a few thousand).
  const vault = activeVault()
  const people = [...new Map(lines.map((l) => [l.worker_id, l])).values()]
  const sealed = people.filter((w) => w.enc != null)
  const opened = new Map((await openMany(vault, FIELDS.workerIdNumber, sealed.map((w) => w.enc!))).map((n, i) => [sealed[i]!.worker_id, n]))
  const masks = new Map(people.map((w) => [w.worker_id, maskIdNumber(opened.get(w.worker_id) ?? w.plain ?? '')]))
  // Each line written once, with its mask (an update after the insert wrote every line twice and ran the
  // paid-ledger guard on each).
  for (let i = 0; i < lines.length; i += 5000) {
    const rows = lines.slice(i, i + 5000).map(({ enc: _enc, plain: _plain, late: _late, ...l }) => ({ ...l, id_number_masked: masks.get(l.worker_id) ?? '' }))
    await tx.execute(sql`insert into paysheet_lines (paysheet_id, worker_id, worker_name, id_number_masked, record_count, good_qty, rejected_qty, gross_fen, adjustments_fen, deductions_fen, total_fen)
      select paysheet_id, worker_id, worker_name, id_number_masked, record_count, good_qty, rejected_qty, gross_fen, adjustments_fen, deductions_fen, total_fen
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(paysheet_id uuid, worker_id uuid, worker_name text, id_number_masked text, record_count int,
        good_qty bigint, rejected_qty bigint, gross_fen bigint, adjustments_fen bigint, deductions_fen bigint, total_fen bigint)`)
  }
  // Each late line is frozen as an adjustment too, read again only for the sheets that have any.
  const late = [...new Set(lines.filter((l) => l.late > 0).map((l) => l.paysheet_id))]
  if (late.length)
    await tx.execute(sql`insert into paysheet_adjustments (paysheet_id, worker_id, work_record_id, original_record_id, work_month, amount_fen)
      select p.id, r.worker_id, r.id, coalesce(r.reversal_of, r.correction_of), to_char(r.work_date, 'YYYY-MM'), r.amount_fen
      from paysheets p join work_records r on r.workshop_id = p.workshop_id and r.pay_month = p.month
      where p.id = any(${pgArray(late)}::uuid[]) and r.work_date < to_date(p.month, 'YYYY-MM')`)
  const sheets = await queryRows<{ id: string; workshop_id: string; month: string }>(
    tx,
    sql`select id::text, workshop_id::text, month from paysheets where id = any(${idArr}::uuid[]) order by workshop_id, month`,
  )
  // A correction settled after a deduction was approved can leave less than it takes: refuse the lock.
  for (const l of lines) {
    const ded = Number(l.deductions_fen)
    if (ded === 0) continue
    const r = netAfterDeductions(Number(l.gross_fen) + Number(l.adjustments_fen), [{ amountFen: ded, status: 'approved' }])
    if (!r.ok) throw new ProblemError(422, 'net-negative', { zh: `${l.worker_name}：${r.zh}`, en: `${l.worker_name}: ${r.en}` })
  }
  const deds = await queryRows<{ id: string; paysheet_id: string; worker_id: string; code: string; amount_fen: number }>(
    tx,
    sql`select id::text, paysheet_id::text, worker_id::text, code, amount_fen from paysheet_deductions where paysheet_id = any(${idArr}::uuid[]) and status = 'approved'`,
  )
  const dedsBy = group(deds, (d) => d.paysheet_id)
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
  const out: { id: string; seq: number; prevId: string | null; prevHash: string | null; hash: string; workers: number; good: number; rejected: number; gross: number; adj: number; ded: number }[] = []
  for (const s of sheets) {
    const prev = last.get(s.workshop_id) ?? { id: null, hash: null, seq: 0 }
    const ls: HashLine[] = (linesBy.get(s.id) ?? []).map((l) => ({
      workerId: l.worker_id,
      goodQty: Number(l.good_qty),
      rejectedQty: Number(l.rejected_qty),
      grossFen: Number(l.gross_fen),
      adjustmentsFen: Number(l.adjustments_fen),
      deductionsFen: Number(l.deductions_fen),
      totalFen: Number(l.total_fen),
    }))
    const as: HashAdjustment[] = (adjsBy.get(s.id) ?? []).map((a) => ({
      workerId: a.worker_id,
      workRecordId: Number(a.work_record_id),
      originalRecordId: a.original_record_id === null ? null : Number(a.original_record_id),
      amountFen: Number(a.amount_fen),
    }))
    const ds = (dedsBy.get(s.id) ?? []).map((d) => ({ id: d.id, workerId: d.worker_id, code: d.code, amountFen: Number(d.amount_fen) }))
    const hash = sheetHash({ workshopId: s.workshop_id, month: s.month, prevHash: prev.hash, lines: ls, adjustments: as, deductions: ds })
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
      ded: ls.reduce((a, l) => a + (l.deductionsFen ?? 0), 0),
    })
    last.set(s.workshop_id, { id: s.id, hash, seq: prev.seq + 1 })
  }
  for (let i = 0; i < out.length; i += 5000) {
    const chunk = out.slice(i, i + 5000)
    const col = (f: (o: (typeof out)[number]) => string | number | null) => pgArray(chunk.map((o) => { const v = f(o); return v === null ? 'NULL' : String(v) }))
    await tx.execute(sql`update paysheets p set status = 'locked', chain_seq = v.seq, prev_paysheet_id = v.prev_id, prev_hash = v.prev_hash, hash = v.hash,
        worker_count = v.workers, good_qty = v.good, rejected_qty = v.rejected, gross_fen = v.gross, adjustments_fen = v.adj, deductions_fen = v.ded, total_fen = v.gross + v.adj - v.ded,
        locked_at = now(), locked_by = ${userId}::uuid
      from unnest(${col((o) => o.id)}::uuid[], ${col((o) => o.seq)}::int[], ${col((o) => o.prevId)}::uuid[], ${col((o) => o.prevHash)}::text[], ${col((o) => o.hash)}::text[],
        ${col((o) => o.workers)}::int[], ${col((o) => o.good)}::bigint[], ${col((o) => o.rejected)}::bigint[], ${col((o) => o.gross)}::bigint[], ${col((o) => o.adj)}::bigint[], ${col((o) => o.ded)}::bigint[])
        as v(id, seq, prev_id, prev_hash, hash, workers, good, rejected, gross, adj, ded)
      where p.id = v.id`)
  }
}

/** A worker's line on a sheet as summed from the work records (numbers as the driver gives them). */
type SheetLine = {
  paysheet_id: string
  worker_id: string
  worker_name: string
  record_count: number
  good_qty: number | string
  rejected_qty: number | string
  gross_fen: number | string
  adjustments_fen: number | string
  deductions_fen: number | string
  total_fen: number | string
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


/** Locks every draft sheet of a month in a region in one transaction (province batch; bench). */
export async function lockMonth(tx: Tx, regionPrefix: string, month: string, userId: string | null): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id::text from paysheets where month = ${month} and status = 'draft' and ${inRegion(sql`region_code`, regionPrefix)} for update`,
  )
  await lockSheets(tx, rows.map((r) => r.id), userId)
  return rows.length
}
