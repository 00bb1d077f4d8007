/**
 * Day-sheet ingestion (POST /api/work-records) with group commit.
 *
 * Requests that arrive while a write is running wait and go together in the next one: one statement reads
 * the facts of every line of the batch (scope, membership, low-income and disability status on the day,
 * rates, pay-sheet status), and one statement writes every valid request: Idempotency-Keys, draft pay
 * sheets, the lines and the audit rows. Each request is still all or nothing: a request that fails
 * validation is answered alone, and if the batch statement fails, each request is written on its own so
 * that the error reaches only the request that caused it. A single PGlite connection thus does two
 * statements per batch instead of a dozen per request.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { WorkRecord, WorkRecordCreateSchema } from '@gongfang/shared'
import { compileSql, preparedRows, queryRows, type Db, type DbKind, type DbOrTx } from '../../db/client.ts'
import { authorize } from '../../auth/access/index.ts'
import { workshopRows } from '../../auth/access/wages.ts'
import { callerToday, type Caller } from '../../auth/caller.ts'
import type { AuthUser } from '../../auth/user.ts'
import type { Scope } from '../../auth/scope.ts'
import { ProblemError, notFound, sqlState } from '../../http/problem.ts'
import { retryOnConflict, storedResult } from '../../http/idempotency.ts'
import { lineAmountFenNumber } from '../paysheets/wage-calc.ts'
import { GroupRunner, type Outcome } from '../../http/group-runner.ts'

type CreateInput = z.output<typeof WorkRecordCreateSchema>
export interface BatchBody {
  batchId: string
  records: WorkRecord[]
}
export interface IngestJob {
  caller: Caller
  /** The caller's user, once authorized to write work records. */
  user: AuthUser
  input: CreateInput
  /** Idempotency-Key and the hash of the request it was first used for. */
  key: string | null
  requestHash: string
}
export interface IngestResult {
  body: BatchBody
  replayed: boolean
}

const WORKSHOP = { zh: '工坊', en: 'Workshop' }
const INVALID = { zh: '输入有误', en: 'Invalid input' }

export const monthLocked = (month: string) =>
  new ProblemError(
    409,
    'month-locked',
    { zh: `${month} 的工资表已锁定`, en: `The pay sheet of ${month} is locked` },
    { zh: '锁定后该月不再变动；请对原记录做更正，差额记入下月工资表', en: 'A locked month never changes; correct the original line and the difference goes to the next open sheet' },
  )

// ---------------------------------------------------------------------------------------------------------
// Facts of a batch: one statement.

interface LineFacts {
  n: number
  name: string | null
  member: boolean
  low: boolean
  dis: boolean
  item: string | null
  rate: number | null
}
interface JobFacts {
  i: number
  region: string
  lines: LineFacts[]
  /** Months of its lines whose pay sheet is no longer a draft. */
  locked: Set<string>
}

// One row per line of a visible workshop (a job whose workshop is out of scope or missing has no rows).
const FACTS_SQL = `with j as (select * from jsonb_to_recordset($1::jsonb) as j(i int, ws uuid, g int)),
      l as (select * from jsonb_to_recordset($2::jsonb) as l(i int, n int, w uuid, d date, p uuid, a uuid)),
      v as (select j.i, j.ws, workshops.region_code from j join workshops on workshops.id = j.ws and (SCOPE))
    select l.i, l.n, v.region_code as region, w.name,
      exists(select 1 from workshop_members m where m.workshop_id = v.ws and m.worker_id = l.w
        and m.start_on <= l.d and (m.end_on is null or m.end_on >= l.d)) as member,
      exists(select 1 from worker_low_income_periods p where p.worker_id = l.w
        and p.start_on <= l.d and (p.end_on is null or p.end_on >= l.d)) as low,
      coalesce(w.disability_grade_enc is not null or w.disability_grade is not null, false) as dis,
      coalesce(pr.name, o.product) as item, coalesce(pr.worker_rate_centifen, o.worker_rate_centifen) as rate,
      to_char(l.d, 'YYYY-MM') as month, ps.status as sheet
    from l join v on v.i = l.i
    left join workers w on w.id = l.w
    left join workshop_products pr on pr.id = l.p and pr.workshop_id = v.ws and pr.active
    left join allocations al on al.id = l.a and al.workshop_id = v.ws and al.status = 'accepted'
    left join orders o on o.id = al.order_id
    left join paysheets ps on ps.workshop_id = v.ws and ps.month = to_char(l.d, 'YYYY-MM')`

export async function batchFacts(db: Db, jobs: IngestJob[]): Promise<Map<number, JobFacts>> {
  // Jobs of one caller share a scope; the visibility rule is scopeFilter's, per distinct scope in the batch.
  const scopes: Scope[] = []
  const scopeIndex = (s: Scope) => {
    const k = scopes.indexOf(s)
    return k >= 0 ? k : scopes.push(s) - 1
  }
  const jobRows = jobs.map((j, i) => ({ i, ws: j.input.workshopId, g: scopeIndex(j.caller.scope) }))
  const lineRows = jobs.flatMap((j, i) =>
    j.input.lines.map((l, n) => ({ i, n, w: l.workerId, d: l.workDate, p: l.productId ?? null, a: l.allocationId ?? null })),
  )
  const visible = compileSql(
    db,
    sql.join(
      scopes.map((s, g) => sql`(j.g = ${g} and ${workshopRows(s)})`),
      sql` or `,
    ),
    2,
  )
  const rows = await preparedRows<LineFacts & { i: number; region: string; month: string; sheet: string | null }>(db, FACTS_SQL.replace('SCOPE', visible.text), [
    JSON.stringify(jobRows),
    JSON.stringify(lineRows),
    ...visible.params,
  ])
  const out = new Map<number, JobFacts>()
  for (const r of rows) {
    const i = Number(r.i)
    let f = out.get(i)
    if (!f) out.set(i, (f = { i, region: r.region, lines: [], locked: new Set() }))
    f.lines[Number(r.n)] = r
    if (r.sheet !== null && r.sheet !== 'draft') f.locked.add(r.month)
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Validation: a job and its facts → the rows to write, or the error for that request alone.

interface Prepared {
  job: IngestJob
  batchId: string
  regionCode: string
  names: Map<string, string>
  lines: NewLine[]
  months: string[]
  from: string
  to: string
  amountFen: number
}

export function prepare(job: IngestJob, f: JobFacts | undefined): Prepared {
  authorize(job.caller, 'work-records.write')
  if (!f) throw notFound(WORKSHOP)
  // The caller's China date: at 00:30 in Beijing a line of that day is today's, not tomorrow's.
  const today = callerToday(job.caller)
  const input = job.input
  const errors: { path: string; message: { zh: string; en: string } }[] = []
  input.lines.forEach((l, i) => {
    if (l.workDate > today) errors.push({ path: `lines.${i}.workDate`, message: { zh: '不能记录未来日期', en: 'Work date is in the future' } })
    if (l.workDate < '2000-01-01') errors.push({ path: `lines.${i}.workDate`, message: { zh: '日期过早', en: 'Work date too early' } })
  })
  if (errors.length) throw new ProblemError(422, 'validation', INVALID, undefined, errors)
  const batchId = randomUUID()
  const names = new Map<string, string>()
  const lines: NewLine[] = []
  let amountFen = 0
  input.lines.forEach((l, n) => {
    const lf = f.lines[n]
    if (!lf?.member)
      errors.push({ path: `lines.${n}.workerId`, message: { zh: '该工人当天不是本工坊成员', en: 'Not a member of this workshop on that day' } })
    if (!lf || lf.rate === null || lf.item === null)
      errors.push({
        path: `lines.${n}.${l.productId ? 'productId' : 'allocationId'}`,
        message: { zh: '本工坊没有该产品或已接受的派单', en: 'No such product or accepted allocation in this workshop' },
      })
    if (!lf?.member || lf.rate === null || lf.item === null) return
    names.set(l.workerId, lf.name ?? '')
    const rate = l.rateCentifen ?? Number(lf.rate)
    const amount = lineAmountFenNumber(l.goodQty, rate)
    amountFen += amount
    lines.push({
      n,
      workshop_id: input.workshopId,
      worker_id: l.workerId,
      region_code: f.region,
      work_date: l.workDate,
      pay_month: l.workDate.slice(0, 7),
      good_qty: l.goodQty,
      rejected_qty: l.rejectedQty,
      rate_centifen: rate,
      amount_fen: amount,
      low_income: lf.low,
      disabled: lf.dis,
      product_id: l.productId ?? null,
      allocation_id: l.allocationId ?? null,
      product: lf.item,
      work_minutes: l.hours === undefined ? null : Math.round(l.hours * 60),
      note: l.note ?? null,
      batch_id: batchId,
      recorded_by: job.user.id,
    })
  })
  if (errors.length) throw new ProblemError(422, 'validation', INVALID, undefined, errors)
  const months = [...new Set(lines.map((l) => l.pay_month))].sort()
  for (const m of months) if (f.locked.has(m)) throw monthLocked(m)
  const dates = input.lines.map((l) => l.workDate).sort()
  return { job, batchId, regionCode: f.region, names, lines, months, from: dates[0]!, to: dates[dates.length - 1]!, amountFen }
}

// ---------------------------------------------------------------------------------------------------------
// The write of a batch: one statement.

const LINE_COLS = [
  ['workshop_id', 'uuid'], ['worker_id', 'uuid'], ['region_code', 'text'], ['work_date', 'date'], ['pay_month', 'text'],
  ['good_qty', 'int'], ['rejected_qty', 'int'], ['rate_centifen', 'bigint'], ['amount_fen', 'bigint'], ['low_income', 'bool'],
  ['disabled', 'bool'], ['product_id', 'uuid'], ['allocation_id', 'uuid'], ['product', 'text'], ['work_minutes', 'int'],
  ['note', 'text'], ['batch_id', 'uuid'], ['recorded_by', 'uuid'],
] as const
const COLS = LINE_COLS.map(([c]) => c).join(', ')
const COL_TYPES = LINE_COLS.map(([c, t]) => `${c} ${t}`).join(', ')

interface RawRecord {
  id: number
  workshop_id: string
  worker_id: string
  region_code: string
  work_date: string
  pay_month: string | null
  product_id: string | null
  allocation_id: string | null
  product: string | null
  good_qty: number
  rejected_qty: number
  rate_centifen: number
  amount_fen: number
  work_minutes: number | null
  low_income: boolean
  disabled: boolean
  reversal_of: number | null
  correction_of: number | null
  note: string | null
  batch_id: string
  recorded_at: string
}

/** A line as prepared for the write: a record without what the database assigns. */
type NewLine = Omit<RawRecord, 'id' | 'reversal_of' | 'correction_of' | 'recorded_at' | 'pay_month'> & {
  pay_month: string
  recorded_by: string
  /** Its place in the request, and the request's place in the batch. */
  n: number
  i?: number
}

export function fromRaw(r: RawRecord, workerName: string, reversed = false): WorkRecord {
  return {
    id: Number(r.id),
    workshopId: r.workshop_id,
    workerId: r.worker_id,
    workerName,
    regionCode: r.region_code,
    workDate: r.work_date,
    payMonth: r.pay_month ?? r.work_date.slice(0, 7),
    productId: r.product_id,
    allocationId: r.allocation_id,
    product: r.product,
    goodQty: Number(r.good_qty),
    rejectedQty: Number(r.rejected_qty),
    rateCentifen: Number(r.rate_centifen),
    amountFen: Number(r.amount_fen),
    hours: r.work_minutes === null ? null : Number(r.work_minutes) / 60,
    lowIncome: r.low_income,
    disabled: r.disabled,
    reversalOf: r.reversal_of === null ? null : Number(r.reversal_of),
    correctionOf: r.correction_of === null ? null : Number(r.correction_of),
    reversed,
    note: r.note,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }
}

/** What an Idempotency-Key stores for a day sheet: enough to find its lines again (workshop_date index). */
export interface BatchRef {
  batchId: string
  workshopId?: string
  from?: string
  to?: string
  /** Older form: the id range of the lines. */
  lo?: number
  hi?: number
}

const WRITE_SQL = `with jb as (select * from jsonb_to_recordset($1::jsonb) as t(i int, key text, user_id uuid, request_hash text, body jsonb)),
  k as (insert into idempotency_keys (key, user_id, request_hash, status, body)
        select key, user_id, request_hash, 201, body from jb where key is not null
        on conflict do nothing returning key, user_id),
  go as (select jb.i from jb where jb.key is null or exists (select 1 from k where k.key = jb.key and k.user_id = jb.user_id)),
  sh as (select s.* from jsonb_to_recordset($2::jsonb) as s(i int, ws uuid, region text, month text) join go using (i)),
  ps as (select p.month, p.status from paysheets p where (p.workshop_id, p.month) in (select ws, month from sh) for share),
  chk as (select work_records_months_open(array_agg(distinct ps.month) filter (where ps.status <> 'draft')) as ok from ps),
  nps as (insert into paysheets (workshop_id, region_code, month, status)
          select distinct ws, region, month, 'draft' from sh on conflict (workshop_id, month) do nothing),
  ins as (insert into work_records (${COLS})
          select ${LINE_COLS.map(([c]) => `r.${c}`).join(', ')}
          from jsonb_to_recordset($3::jsonb) as r(i int, n int, ${COL_TYPES})
          join go using (i) cross join chk where chk.ok order by r.i, r.n
          returning id, recorded_at),
  aud as (insert into audit_log (user_id, username, action, target_type, target_id, region_code, ip, detail)
          select a.user_id, a.username, 'work-records.create', 'workshop', a.target_id, a.region_code, a.ip, a.detail
          from jsonb_to_recordset($4::jsonb) as a(i int, user_id uuid, username text, target_id text, region_code text, ip text, detail jsonb)
          join go using (i) cross join chk where chk.ok)
select (select coalesce(json_agg(i), '[]') from go) as went,
       (select coalesce(json_agg(ins.id order by ins.id), '[]') from ins) as ids,
       (select to_json(min(ins.recorded_at)) from ins) as at`

/**
 * Writes prepared requests in one statement. Returns which requests went (the others' keys were taken), the
 * new ids in input order (one INSERT … SELECT … ORDER BY takes its serial ids in that order) and the time
 * recorded, so the answer is built from what was sent instead of reading every line back.
 */
export async function writeBatch(db: Db, ps: Prepared[]): Promise<{ went: Set<number>; ids: number[]; recordedAt: string }> {
  const jobs = ps.map((p, i) => ({
    i,
    key: p.job.key,
    user_id: p.job.user.id,
    request_hash: p.job.requestHash,
    body: { ref: { batchId: p.batchId, workshopId: p.job.input.workshopId, from: p.from, to: p.to } satisfies BatchRef },
  }))
  const sheets = ps.flatMap((p, i) => p.months.map((month) => ({ i, ws: p.job.input.workshopId, region: p.regionCode, month })))
  const lines: NewLine[] = []
  ps.forEach((p, i) => {
    for (const l of p.lines) {
      l.i = i // the lines are this batch's own objects: tag them instead of copying 5,000 of them
      lines.push(l)
    }
  })
  const audits = ps.map((p, i) => ({
    i,
    user_id: p.job.user.id,
    username: p.job.user.username,
    target_id: p.job.input.workshopId,
    region_code: p.regionCode,
    ip: p.job.caller.ip,
    detail: { batchId: p.batchId, lines: p.lines.length, amountFen: p.amountFen },
  }))
  const [r] = await preparedRows<{ went: number[]; ids: number[]; at: string | null }>(db, WRITE_SQL, [
    JSON.stringify(jobs),
    JSON.stringify(sheets),
    JSON.stringify(lines),
    JSON.stringify(audits),
  ])
  return { went: new Set((r?.went ?? []).map(Number)), ids: (r?.ids ?? []).map(Number), recordedAt: r?.at ?? new Date().toISOString() }
}

const sqlDetail = (err: unknown): string | undefined =>
  (err as { detail?: string }).detail ?? (err as { cause?: { detail?: string } }).cause?.detail

/** A write error of one request as the caller should see it (a pay sheet locked meanwhile is a 409). */
function asRequestError(err: unknown): unknown {
  if (sqlState(err) === 'GF409') return monthLocked(sqlDetail(err)?.split(',')[0] ?? '')
  return err
}

/** The first answer of a day-sheet request, rebuilt from its lines (Idempotency-Key replays store only a reference). */
export async function batchResult(db: DbOrTx, ref: unknown): Promise<BatchBody> {
  const b = ref as BatchRef
  const where =
    b.workshopId && b.from && b.to
      ? sql`r.workshop_id = ${b.workshopId}::uuid and r.work_date between ${b.from}::date and ${b.to}::date and r.batch_id = ${b.batchId}::uuid`
      : sql`r.id between ${b.lo ?? 0} and ${b.hi ?? -1} and r.batch_id = ${b.batchId}::uuid`
  const rows = await queryRows<{ r: RawRecord; name: string }>(
    db,
    sql`select row_to_json(r) as r, w.name from work_records r join workers w on w.id = r.worker_id where ${where} order by r.id`,
  )
  return { batchId: b.batchId, records: rows.map((x) => fromRaw(x.r, x.name)) }
}

// ---------------------------------------------------------------------------------------------------------
// A batch, end to end.

async function replayOr(db: Db, job: IngestJob, otherwise: () => Outcome<IngestResult>): Promise<Outcome<IngestResult>> {
  if (!job.key) return otherwise()
  try {
    const prev = await storedResult<BatchBody>(db, job.user.id, job.key, job.requestHash, batchResult)
    return prev ? { ok: true, value: { body: prev.body, replayed: true } } : otherwise()
  } catch (error) {
    return { ok: false, error }
  }
}

export async function runIngestBatch(db: Db, jobs: IngestJob[]): Promise<Outcome<IngestResult>[]> {
  const out: Outcome<IngestResult>[] = new Array(jobs.length)
  const facts = await batchFacts(db, jobs)
  const ready: { i: number; p: Prepared }[] = []
  jobs.forEach((job, i) => {
    try {
      ready.push({ i, p: prepare(job, facts.get(i)) })
    } catch (error) {
      out[i] = { ok: false, error }
    }
  })
  const write = async (group: { i: number; p: Prepared }[]) => {
    // One autocommit statement: safe to run again whole if PostgreSQL aborted it for a deadlock.
    const { went, ids, recordedAt } = await retryOnConflict(() => writeBatch(db, group.map((g) => g.p)))
    let next = 0
    group.forEach((g, k) => {
      if (!went.has(k)) return // key taken: answered from the stored first result below
      // Complete the batch's own line objects into records (no copies of 5,000 lines).
      const records = g.p.lines.map((l) =>
        fromRaw(Object.assign(l, { id: ids[next++]!, reversal_of: null, correction_of: null, recorded_at: recordedAt }), g.p.names.get(l.worker_id) ?? ''),
      )
      out[g.i] = { ok: true, value: { body: { batchId: g.p.batchId, records }, replayed: false } }
    })
    if (next !== ids.length) console.error(`day-sheet write: ${ids.length} ids for ${next} lines`)
  }
  if (ready.length) {
    try {
      await write(ready)
    } catch (err) {
      if (ready.length === 1) out[ready[0]!.i] = { ok: false, error: asRequestError(err) }
      // Someone's request broke the shared statement: write each alone, so only that one fails.
      else
        for (const g of ready)
          await write([g]).catch((e: unknown) => {
            out[g.i] = { ok: false, error: asRequestError(e) }
          })
    }
  }
  // Keys already used (and failures of requests whose key already succeeded) answer with the first result.
  for (let i = 0; i < jobs.length; i++) {
    const o = out[i]
    if (o?.ok) continue
    const job = jobs[i]!
    out[i] = await replayOr(db, job, () => o ?? { ok: false, error: new Error('idempotency key vanished') })
  }
  return out
}

const runners = new WeakMap<Db, GroupRunner<IngestJob, IngestResult>>()

/** The process's day-sheet writer for a database (one batch at a time on PGlite, a few in parallel on PostgreSQL). */
export function ingestRunner(db: Db, kind: DbKind): GroupRunner<IngestJob, IngestResult> {
  let r = runners.get(db)
  if (!r) {
    r = new GroupRunner((jobs) => runIngestBatch(db, jobs), {
      concurrency: kind === 'pglite' ? 1 : 4,
      maxJobs: 64,
      maxWeight: 5000,
      weight: (j) => j.input.lines.length,
      // Two requests with one key never share a statement: the second must see the first's answer.
      sameSlot: (a, b) => a.key !== null && a.key === b.key && a.user.id === b.user.id,
    })
    runners.set(db, r)
  }
  return r
}

