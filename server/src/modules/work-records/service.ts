import { randomUUID } from 'node:crypto'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type {
  DaySheet,
  PageQuery,
  WorkProduct,
  WorkRecord,
  WorkRecordCorrectionSchema,
  WorkRecordListQuerySchema,
  WorkProductCreateSchema,
  WorkerEarnings,
  WorkRecordCreateSchema,
} from '@gongfang/shared'
import { monthRange, thisMonth } from '@gongfang/shared/clock'
import { queryRows, type Db, type DbKind, type DbOrTx, type Tx } from '../../db/client.ts'
import { workRecords, workshopProducts, workshops, workers } from '../../db/schema/index.ts'
import { authorize } from '../../auth/access/index.ts'
import { seesSensitiveFacts } from '../../auth/access/registry.ts'
import { ownWorkerId, workRecordRows, workRecordWriterRows, workshopRows } from '../../auth/access/wages.ts'
import type { Caller } from '../../auth/caller.ts'
import type { Scope } from '../../auth/scope.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { pageWindow } from '../../http/pagination.ts'
import { runIdempotent, type IdempotencyKey } from '../../http/idempotency.ts'
import { lineAmountFenNumber, nextMonth } from '../paysheets/wage-calc.ts'
import { ingestRunner, type IngestResult } from './ingest.ts'
import { hasDisability } from '../../vault/index.ts'

type CreateInput = z.output<typeof WorkRecordCreateSchema>
type CorrectionInput = z.output<typeof WorkRecordCorrectionSchema>
type ListQuery = z.output<typeof WorkRecordListQuerySchema> & PageQuery

const WORKSHOP = { zh: '工坊', en: 'Workshop' }
const RECORD = { zh: '计件记录', en: 'Work record' }

/** Postgres array literal of simple tokens (uuids, dates): passed as one parameter on both drivers. */
export const pgArray = (xs: readonly string[]) => `{${xs.join(',')}}`

/** The workshop, if the caller's scope covers it (same 404 as a missing one). */
export async function scopedWorkshop(db: DbOrTx, scope: Scope, id: string) {
  const [ws] = await db
    .select({ id: workshops.id, name: workshops.name, regionCode: workshops.regionCode })
    .from(workshops)
    .where(and(eq(workshops.id, id), workshopRows(scope)))
  if (!ws) throw notFound(WORKSHOP)
  return ws
}

/**
 * Makes sure the pay-sheet rows of these months exist (draft) and takes a share lock on them, so a
 * concurrent lock of the month waits for this write (and this write sees the lock once it commits).
 */
export async function monthStatuses(tx: Tx, workshopId: string, regionCode: string, months: readonly string[]) {
  const uniq = [...new Set(months)].sort()
  const read = () =>
    queryRows<{ month: string; status: string }>(
      tx,
      sql`select month, status from paysheets where workshop_id = ${workshopId}::uuid and month = any(${pgArray(uniq)}::text[]) order by month for share`,
    )
  let rows = await read()
  if (rows.length < uniq.length) {
    await tx.execute(sql`insert into paysheets (workshop_id, region_code, month, status)
      select ${workshopId}::uuid, ${regionCode}, m, 'draft' from unnest(${pgArray(uniq)}::text[]) as m
      on conflict (workshop_id, month) do nothing`)
    rows = await read()
  }
  return new Map(rows.map((r) => [r.month, r.status]))
}

/** The first month after `month` whose sheet is still open: where a late correction is settled. */
export async function nextOpenMonth(tx: Tx, workshopId: string, regionCode: string, month: string): Promise<string> {
  let m = nextMonth(month)
  for (let i = 0; i < 240; i++) {
    const status = (await monthStatuses(tx, workshopId, regionCode, [m])).get(m)
    if (status === 'draft') return m
    m = nextMonth(m)
  }
  throw new Error('no open month found')
}

type RecordRow = typeof workRecords.$inferSelect

/** `facts`: whether the caller sees the worker's low-income and disability flags (seesSensitiveFacts). */
export function toWorkRecord(r: RecordRow, workerName: string, reversed: boolean, facts: boolean): WorkRecord {
  return {
    id: r.id,
    workshopId: r.workshopId,
    workerId: r.workerId,
    workerName,
    regionCode: r.regionCode,
    workDate: r.workDate,
    payMonth: r.payMonth ?? r.workDate.slice(0, 7),
    productId: r.productId,
    allocationId: r.allocationId,
    product: r.product,
    goodQty: r.goodQty,
    rejectedQty: r.rejectedQty,
    rateCentifen: r.rateCentifen,
    amountFen: r.amountFen,
    hours: r.workMinutes === null ? null : r.workMinutes / 60,
    lowIncome: facts ? r.lowIncome : null,
    disabled: facts ? r.disabled : null,
    reversalOf: r.reversalOf,
    correctionOf: r.correctionOf,
    reversed,
    note: r.note,
    recordedAt: r.recordedAt instanceof Date ? r.recordedAt.toISOString() : String(r.recordedAt),
  }
}

/**
 * Records a day sheet (one line or thousands, all or nothing). Group commit: concurrent day sheets are
 * validated and written together by the database's ingest runner (ingest.ts), each still all or nothing.
 */
export async function recordWorkLines(db: Db, kind: DbKind, caller: Caller, input: CreateInput, idem: IdempotencyKey | null): Promise<IngestResult> {
  const user = authorize(caller, 'work-records.write')
  return ingestRunner(db, kind).submit({ caller, user, input, key: idem?.key ?? null, requestHash: idem?.requestHash ?? '' })
}

/** A correction, once per Idempotency-Key: a reversing line and (unless only reversing) a replacing line. */
export async function correctWorkRecord(db: Db, caller: Caller, id: number, input: CorrectionInput, idem: IdempotencyKey | null) {
  authorize(caller, 'work-records.write')
  return runIdempotent(db, idem, async (tx) => ({ status: 201 as const, body: await writeCorrection(tx, caller, id, input) }))
}

/** A correction: a reversing line (−original) and, with new quantities, a replacing line; both linked to the original. */
async function writeCorrection(tx: Tx, caller: Caller, id: number, input: CorrectionInput) {
  const user = authorize(caller, 'work-records.write')
  const [orig] = await tx
    .select()
    .from(workRecords)
    .where(and(eq(workRecords.id, id), workRecordWriterRows(caller.scope)))
  if (!orig) throw notFound(RECORD)
  if (orig.reversalOf !== null)
    throw new ProblemError(409, 'is-reversal', { zh: '冲销行不能再更正', en: 'A reversing line cannot be corrected' })
  const [already] = await tx.select({ id: workRecords.id }).from(workRecords).where(eq(workRecords.reversalOf, orig.id))
  if (already) throw new ProblemError(409, 'already-reversed', { zh: '该记录已被冲销', en: 'This line has already been reversed' })
  if (input.rateCentifen !== undefined && orig.allocationId === null)
    throw new ProblemError(422, 'rate-fixed', { zh: '自有产品按产品单价计算，不能改单价', en: "A product line uses the product's rate" })

  const workMonth = orig.workDate.slice(0, 7)
  let payMonth = workMonth
  const status = (await monthStatuses(tx, orig.workshopId, orig.regionCode, [workMonth])).get(workMonth)
  if (status !== 'draft') payMonth = await nextOpenMonth(tx, orig.workshopId, orig.regionCode, workMonth)

  const base = {
    workshopId: orig.workshopId,
    workerId: orig.workerId,
    regionCode: orig.regionCode,
    workDate: orig.workDate,
    payMonth,
    lowIncome: orig.lowIncome,
    disabled: orig.disabled,
    productId: orig.productId,
    allocationId: orig.allocationId,
    product: orig.product,
    batchId: randomUUID(),
    recordedBy: user.id,
  }
  const [reversal] = await tx
    .insert(workRecords)
    .values({
      ...base,
      goodQty: -orig.goodQty,
      rejectedQty: -orig.rejectedQty,
      rateCentifen: orig.rateCentifen,
      amountFen: -orig.amountFen,
      workMinutes: orig.workMinutes === null ? null : -orig.workMinutes,
      reversalOf: orig.id,
      note: input.reason,
    })
    .returning()
  let replacement: RecordRow | undefined
  // The schema asks for goodQty or an explicit reverse: true; only the latter reverses without a replacement.
  if (input.reverse !== true && input.goodQty !== undefined) {
    const rate = input.rateCentifen ?? orig.rateCentifen
    ;[replacement] = await tx
      .insert(workRecords)
      .values({
        ...base,
        goodQty: input.goodQty,
        rejectedQty: input.rejectedQty ?? orig.rejectedQty,
        rateCentifen: rate,
        amountFen: lineAmountFenNumber(input.goodQty, rate),
        workMinutes: orig.workMinutes,
        correctionOf: orig.id,
        note: input.reason,
      })
      .returning()
  }
  const [w] = await tx.select({ name: workers.name, regionCode: workers.regionCode }).from(workers).where(eq(workers.id, orig.workerId))
  await audit(tx, caller, {
    action: 'work-records.correct',
    targetType: 'work_record',
    targetId: String(orig.id),
    regionCode: orig.regionCode,
    detail: { reversal: reversal!.id, replacement: replacement?.id ?? null, payMonth, reason: input.reason },
  })
  const facts = seesSensitiveFacts(caller, { workerId: orig.workerId, regionCode: w!.regionCode, workshopId: orig.workshopId })
  return { reversal: toWorkRecord(reversal!, w!.name, false, facts), replacement: replacement ? toWorkRecord(replacement, w!.name, false, facts) : null }
}

/** Lines a list counts at most (the pages beyond are reached by narrowing: workshop, worker, month). */
export const COUNT_CAP = 10_000

export async function listWorkRecords(db: DbOrTx, caller: Caller, q: ListQuery) {
  authorize(caller, 'work-records.read')
  const conds: SQL[] = [workRecordRows(caller.scope)]
  if (q.workshopId) conds.push(eq(workRecords.workshopId, q.workshopId))
  if (q.workerId) conds.push(eq(workRecords.workerId, q.workerId))
  if (q.month) {
    const { from, to } = monthRange(q.month)
    conds.push(sql`${workRecords.workDate} between ${from} and ${to}`)
  }
  if (q.from) conds.push(sql`${workRecords.workDate} >= ${q.from}`)
  if (q.to) conds.push(sql`${workRecords.workDate} <= ${q.to}`)
  const where = and(...conds)
  const { limit, offset } = pageWindow(q)
  // Counting a province's 20 million lines took seconds: the count stops past COUNT_CAP and says so.
  const [{ n }] = (await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${workRecords} where ${where} limit ${COUNT_CAP + 1}) x`,
  )) as [{ n: number }]
  const rows = await db
    .select({
      r: workRecords,
      name: workers.name,
      workerRegion: workers.regionCode,
      reversed: sql<boolean>`exists(select 1 from work_records x where x.reversal_of = ${workRecords.id})`,
    })
    .from(workRecords)
    .innerJoin(workers, eq(workers.id, workRecords.workerId))
    .where(where)
    .orderBy(sql`${workRecords.workDate} desc, ${workRecords.id} desc`)
    .limit(limit)
    .offset(offset)
  const facts = (x: (typeof rows)[number]) => seesSensitiveFacts(caller, { workerId: x.r.workerId, regionCode: x.workerRegion, workshopId: x.r.workshopId })
  return {
    items: rows.map((x) => toWorkRecord(x.r, x.name, x.reversed, facts(x))),
    total: Math.min(n, COUNT_CAP),
    page: q.page,
    pageSize: q.pageSize,
    ...(n > COUNT_CAP ? { totalCapped: true } : {}),
  }
}

export async function daySheet(db: DbOrTx, caller: Caller, q: { workshopId: string; date: string }): Promise<DaySheet> {
  authorize(caller, 'work-records.read')
  const { date } = q
  const ws = await scopedWorkshop(db, caller.scope, q.workshopId)
  const members = await queryRows<{ id: string; name: string; region_code: string; low_income: boolean; disabled: boolean }>(
    db,
    sql`select distinct w.id::text, w.name, w.region_code,
        exists(select 1 from worker_low_income_periods p where p.worker_id = w.id and p.start_on <= ${date}::date and (p.end_on is null or p.end_on >= ${date}::date)) as low_income,
        ${hasDisability('w')} as disabled
      from workshop_members m join workers w on w.id = m.worker_id
      where m.workshop_id = ${ws.id}::uuid and m.start_on <= ${date}::date and (m.end_on is null or m.end_on >= ${date}::date)
      order by w.name`,
  )
  const items = await queryRows<{ kind: 'product' | 'allocation'; id: string; name: string; unit: string; rate: number }>(
    db,
    sql`select 'product' as kind, id::text, name, unit, worker_rate_centifen as rate from workshop_products where workshop_id = ${ws.id}::uuid and active
        union all
        select 'allocation', a.id::text, o.product, '件', o.worker_rate_centifen from allocations a join orders o on o.id = a.order_id
        where a.workshop_id = ${ws.id}::uuid and a.status = 'accepted'`,
  )
  const [st] = await queryRows<{ status: string }>(db, sql`select status from paysheets where workshop_id = ${ws.id}::uuid and month = ${date.slice(0, 7)}`)
  const rows = await db
    .select({ r: workRecords, name: workers.name, workerRegion: workers.regionCode, reversed: sql<boolean>`exists(select 1 from work_records x where x.reversal_of = ${workRecords.id})` })
    .from(workRecords)
    .innerJoin(workers, eq(workers.id, workRecords.workerId))
    .where(and(eq(workRecords.workshopId, ws.id), eq(workRecords.workDate, date)))
    .orderBy(workRecords.id)
  return {
    workshopId: ws.id,
    workshopName: ws.name,
    date,
    monthStatus: (st?.status ?? 'draft') as DaySheet['monthStatus'],
    workers: members.map((m) => {
      const facts = seesSensitiveFacts(caller, { workerId: m.id, regionCode: m.region_code, workshopId: ws.id })
      return { id: m.id, name: m.name, lowIncome: facts ? m.low_income : null, disabled: facts ? m.disabled : null }
    }),
    items: items.map((i) => ({ kind: i.kind, id: i.id, name: i.name, unit: i.unit, workerRateCentifen: Number(i.rate) })),
    records: rows.map((x) => toWorkRecord(x.r, x.name, x.reversed, seesSensitiveFacts(caller, { workerId: x.r.workerId, regionCode: x.workerRegion, workshopId: ws.id }))),
  }
}

/** A worker's money by day (of one month) and by month, with each month's pay status. */
export async function workerEarnings(db: DbOrTx, caller: Caller, q: { workerId?: string; month?: string }): Promise<WorkerEarnings> {
  const user = authorize(caller, 'work-records.read')
  const { scope } = caller
  const workerId = q.workerId ?? user.workerId
  if (!workerId) throw new ProblemError(422, 'worker-required', { zh: '请指定工人', en: 'workerId is required' })
  const month = q.month
  const [w] = await db.select({ id: workers.id, name: workers.name }).from(workers).where(eq(workers.id, workerId))
  // Visible when the caller's scope covers at least one of the worker's records, or it is the worker.
  const self = ownWorkerId(scope)
  const visible =
    self !== null
      ? self === workerId
      : w !== undefined &&
        (await db.select({ id: workRecords.id }).from(workRecords).where(and(eq(workRecords.workerId, workerId), workRecordRows(scope))).limit(1)).length > 0
  if (!w || !visible) throw notFound({ zh: '工人', en: 'Worker' })
  const scoped = workRecordRows(scope)
  const months = await queryRows<{ month: string; days: number; good: number; amount: number }>(
    db,
    sql`select to_char(work_date, 'YYYY-MM') as month, count(distinct work_date)::int as days, sum(good_qty)::bigint as good, sum(amount_fen)::bigint as amount
        from work_records where worker_id = ${workerId}::uuid and ${scoped} group by 1 order by 1 desc`,
  )
  const sheets = await queryRows<{ month: string; status: string; total: number | null; paid_on: string | null }>(
    db,
    sql`select p.month, p.status, l.total_fen as total, l.paid_on::text as paid_on
        from paysheets p left join paysheet_lines l on l.paysheet_id = p.id and l.worker_id = ${workerId}::uuid
        where p.workshop_id in (select workshop_id from work_records where worker_id = ${workerId}::uuid and ${scoped} group by workshop_id)`,
  )
  // Net by pay month: what a locked sheet pays this worker (the slip's net), or, on a sheet still open, the
  // work so far less the deductions already approved.
  const nets = await queryRows<{ month: string; net: number }>(
    db,
    sql`with mine as (select workshop_id from work_records where worker_id = ${workerId}::uuid and ${scoped} group by workshop_id),
        closed as (select id, workshop_id, month from paysheets where status in ('locked', 'paid') and workshop_id in (select workshop_id from mine))
        select month, sum(fen)::bigint as net from (
          select c.month, l.total_fen as fen from closed c join paysheet_lines l on l.paysheet_id = c.id and l.worker_id = ${workerId}::uuid
          union all
          select work_records.pay_month, work_records.amount_fen from work_records
            where work_records.worker_id = ${workerId}::uuid and ${scoped}
              and not exists (select 1 from closed c where c.workshop_id = work_records.workshop_id and c.month = work_records.pay_month)
          union all
          select p.month, -d.amount_fen from paysheet_deductions d join paysheets p on p.id = d.paysheet_id
            where d.worker_id = ${workerId}::uuid and d.status = 'approved' and p.status not in ('locked', 'paid') and p.workshop_id in (select workshop_id from mine)
        ) x group by month`,
  )
  const netOf = new Map(nets.map((n) => [n.month, Number(n.net)]))
  const byMonth = new Map<string, typeof sheets>()
  for (const s of sheets) byMonth.set(s.month, [...(byMonth.get(s.month) ?? []), s])
  const focus = month ?? months[0]?.month ?? thisMonth(caller.clock)
  const { from: a, to: b } = monthRange(focus)
  const days = await queryRows<{ date: string; good: number; rejected: number; amount: number }>(
    db,
    sql`select work_date::text as date, sum(good_qty)::bigint as good, sum(rejected_qty)::bigint as rejected, sum(amount_fen)::bigint as amount
        from work_records where worker_id = ${workerId}::uuid and ${scoped} and work_date between ${a}::date and ${b}::date group by 1 order by 1 desc`,
  )
  return {
    workerId,
    workerName: w.name,
    months: months.map((m) => {
      const ss = byMonth.get(m.month) ?? []
      const status = ss.length === 0 ? 'none' : ss.every((s) => s.status === 'paid') ? 'paid' : ss.some((s) => s.status === 'locked' || s.status === 'paid') ? 'locked' : 'draft'
      const paid = ss.filter((s) => s.paid_on !== null)
      return {
        month: m.month,
        days: m.days,
        goodQty: Number(m.good),
        amountFen: Number(m.amount),
        netFen: netOf.get(m.month) ?? Number(m.amount),
        payStatus: status,
        paidFen: paid.length ? paid.reduce((x, s) => x + Number(s.total ?? 0), 0) : null,
        paidOn: paid.length ? paid.map((s) => s.paid_on!).sort().at(-1)! : null,
      }
    }),
    days: days.map((d) => ({ date: d.date, goodQty: Number(d.good), rejectedQty: Number(d.rejected), amountFen: Number(d.amount) })),
  }
}

export async function listProducts(db: DbOrTx, caller: Caller, workshopId: string): Promise<WorkProduct[]> {
  authorize(caller, 'work-records.read')
  const ws = await scopedWorkshop(db, caller.scope, workshopId)
  const rows = await db.select().from(workshopProducts).where(eq(workshopProducts.workshopId, ws.id)).orderBy(workshopProducts.name)
  return rows.map(toProduct)
}

const toProduct = (p: typeof workshopProducts.$inferSelect): WorkProduct => ({
  id: p.id,
  workshopId: p.workshopId,
  name: p.name,
  unit: p.unit,
  workerRateCentifen: p.workerRateCentifen,
  workshopRateCentifen: p.workshopRateCentifen,
  active: p.active,
})

export async function createProduct(db: Db, caller: Caller, input: z.output<typeof WorkProductCreateSchema>): Promise<WorkProduct> {
  authorize(caller, 'work-records.write')
  return db.transaction(async (tx) => {
    const ws = await scopedWorkshop(tx, caller.scope, input.workshopId)
    const [p] = await tx
      .insert(workshopProducts)
      .values({ workshopId: ws.id, name: input.name, unit: input.unit, workerRateCentifen: input.workerRateCentifen, workshopRateCentifen: input.workshopRateCentifen ?? null })
      .returning()
    await audit(tx, caller, { action: 'work-products.create', targetType: 'workshop_product', targetId: p!.id, regionCode: ws.regionCode, detail: { name: p!.name, workerRateCentifen: p!.workerRateCentifen } })
    return toProduct(p!)
  })
}

/** The workshops the caller may record piece work for (operator: own; staff: region), for pickers. */
export async function recordableWorkshops(db: DbOrTx, caller: Caller) {
  authorize(caller, 'work-records.read')
  return db
    .select({ id: workshops.id, name: workshops.name, regionCode: workshops.regionCode })
    .from(workshops)
    .where(workshopRows(caller.scope))
    .orderBy(workshops.name)
    .limit(200)
}
