/**
 * The full demo's daily work, set-based in the database: the lines of a slice of workers (what each member earns
 * on each weekday, from a hash of who they are), folded into the roll-ups in the same transaction; and each month's
 * pay sheets, locked in month order and paid. full.ts decides what is written when; province.ts reuses it.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Tx } from '../db/client.ts'
import { lockSheets } from '../modules/paysheets/lock.ts'
import { pgArray } from '../modules/work-records/service.ts'
import { foldPendingWork } from '../modules/cockpit/fold.ts'
import { triggersOffLocally } from './registry.ts'

/** Piece work by workshop type: [name, unit, worker rate in centifen per unit, workshop rate]. */
const FULL_PRODUCTS: Record<string, [string, string, number, number][]> = {
  processing: [
    ['香菇分拣', '斤', 3_000, 4_500],
    ['来料加工（组装）', '件', 1_200, 1_800],
  ],
  recruitment: [
    ['服装缝制', '件', 45_000, 65_000],
    ['电子元件插件', '百件', 20_000, 30_000],
  ],
  ecommerce: [
    ['直播订单打包', '单', 8_000, 12_000],
    ['农产品分级装箱', '箱', 30_000, 45_000],
  ],
  agritourism: [
    ['民宿服务', '小时', 160_000, 220_000],
    ['农家餐帮厨', '小时', 150_000, 210_000],
  ],
  brand: [
    ['竹编工艺品', '件', 600_000, 900_000],
    ['畲族彩带编织', '米', 150_000, 220_000],
  ],
  industry: [
    ['竹制品打磨', '件', 25_000, 40_000],
    ['汽配组装', '件', 6_000, 9_000],
  ],
}

/**
 * A day's pay (fen) around which each worker's days vary: 203 yuan, about 2,450 yuan a month of 12–13 days. Most
 * come on 40–58 % of the weekdays (Mon–Sat): part-time near home, between the fields and the family. No day's
 * target is above DAY_CAP_FEN (a day of piece work pays at most about 300 yuan once rounded to whole pieces).
 */
const DAY_PAY_FEN = 20_300
const DAY_CAP_FEN = 27_000
const ATTEND_MIN = 40
const ATTEND_SPREAD = 19

/**
 * One statement: daily lines (Mon–Sat, with absences, fewer around the Spring Festival) for the members of the
 * workshops `where` selects, from `from` to `to`. A worker's pattern follows from a hash of who they are (name,
 * birth date, village, household: deterministic, unlike the random UUIDs); the quantity is what their day's
 * pay buys at the product’s rate, so a day pays about 85–300 yuan. Returns the lines and their total.
 */
export async function writeLines(
  db: Db,
  from: string,
  to: string,
  where: ReturnType<typeof sql>,
  opts: { support?: string; sheets?: DemoSheets } = {},
): Promise<{ lines: number; fen: number; ms: WorkMs }> {
  const ms: WorkMs = { insert: 0, fold: 0, sheets: 0 }
  if (from > to) return { lines: 0, fen: 0, ms }
  const supportIds = opts.support ?? (await supportWorkshops(db))
  return db.transaction(async (tx) => {
    // The lines are valid by construction (members, their workshops' products): without row triggers the
    // foreign-key checks are skipped (a 30 k-line county month on PGlite: 5.0 → 3.7 s), and the lines are folded
    // into the roll-ups in the same transaction by the product's own fold, instead of through the queue (written
    // and emptied again: 2.5 M rows) as the insert trigger would. Without the right to do so (a PostgreSQL role
    // that is not a superuser) triggers stay on and queue the lines for the fold.
    let t = performance.now()
    const lap = (k: keyof WorkMs) => void ((ms[k] += performance.now() - t), (t = performance.now()))
    const replica = await triggersOffLocally(tx)
    const out = await insertLines(tx, from, to, where, supportIds)
    lap('insert')
    // Triggers stay off for the fold and the sheets too: their rows derive from lines valid by construction, and
    // the foreign-key checks of roll-up rows and sheet lines (each line checked again when paid in the same
    // transaction) cost several seconds of the full demo's load.
    if (replica) {
      await tx.execute(sql`select cockpit_fold_ids(${out.ids}::bigint[])`)
      lap('fold')
    }
    // The same workshops' sheets while their lines are fresh in the cache: a slice holds whole workshops, so each
    // workshop's months are all here and its hash chain is made in month order.
    if (opts.sheets) await sheetsIn(tx, where, { from: opts.sheets.from, to: opts.sheets.through, lock: true, paidBefore: opts.sheets.paidBefore })
    lap('sheets')
    return { lines: out.lines, fen: out.fen, ms }
  })
}

/** Where a write's time went (ms): the lines' insert, their fold into the roll-ups, the sheets. */
export type WorkMs = { insert: number; fold: number; sheets: number }

/**
 * Workshops where at least 30 % of members are disabled: lighter work, and pay, for everyone there. Found once
 * per run (a pg array literal), not in every slice's statement.
 */
async function supportWorkshops(db: Db): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select sm.workshop_id::text as id from workshop_members sm join workers sw on sw.id = sm.worker_id
        group by sm.workshop_id having count(*) filter (where sw.disability_grade_enc is not null) * 10 >= 3 * count(*)`,
  )
  return pgArray(rows.map((r) => r.id))
}

/** A worker's identity hash (name, birth date, village, household): deterministic, unlike the random UUIDs. */
const workerHash = sql`abs(hashtext(wk.name || wk.birth_date::text || wk.region_code || coalesce(wk.household, ''))::bigint)`

/**
 * The lines themselves. Everything that depends only on the member (identity hash, skill, attendance, day pay,
 * products, low-income days) is computed once per member and everything that depends only on the day (weekday,
 * month factor, Spring Festival, pay month) once per day; a line is then integer arithmetic on the two (5× less
 * work per line than computing both for every line). `support` lists the workshops for disabled workers
 * (supportWorkshops).
 */
export function demoLinesSelect(from: string, to: string, where: ReturnType<typeof sql>, support: string): ReturnType<typeof sql> {
  return sql`with mem as materialized (
      select m.workshop_id, m.worker_id, ws.region_code, greatest(m.start_on, ${from}::date) as s, least(coalesce(m.end_on, ${to}::date), ${to}::date) as e,
        h.h, ${ATTEND_MIN} + h.h % ${ATTEND_SPREAD} as attend, wk.disability_grade_enc is not null as disabled,
        -- Integer arithmetic (fen × percentages): day pay × skill × (support); × month and day-to-day noise below.
        ${DAY_PAY_FEN}::bigint * (80 + h.h % 41) * (case when wk.disability_grade_enc is not null or ws.support then 72 else 100 end) as base,
        pr.ids, pr.names, pr.rates, cardinality(pr.ids) as np,
        (select range_agg(daterange(p.start_on, p.end_on, '[]')) from worker_low_income_periods p where p.worker_id = m.worker_id) as low
      from workshop_members m
      join (select w.id, w.region_code, w.id = any(${support}::uuid[]) as support
            from workshops w where w.status <> 'planned' and ${where}) ws on ws.id = m.workshop_id
      join workers wk on wk.id = m.worker_id
      cross join lateral (select ${workerHash} as h) h
      -- A workshop's products (by name).
      join (select workshop_id, array_agg(id order by name) as ids, array_agg(name order by name) as names, array_agg(worker_rate_centifen order by name) as rates
            from workshop_products group by workshop_id) pr on pr.workshop_id = m.workshop_id
    ), cal as materialized (
      -- Mon–Sat; the Spring Festival (25 January to 20 February) marked: fewer come then.
      select g.d::date as d, extract(doy from g.d)::int as doy, to_char(g.d, 'YYYY-MM') as pay_month,
        (array[90, 85, 100, 105, 100, 95, 90, 92, 100, 105, 110, 115])[extract(month from g.d)::int] as mf,
        to_char(g.d, 'MM-DD') between '01-25' and '02-20' as spring
      from generate_series(${from}::date, ${to}::date, interval '1 day') as g(d) where extract(isodow from g.d) < 7
    )
    select x.workshop_id, x.worker_id, x.region_code, x.d as work_date, q.qty as good_qty, q.qty * (x.hh % 3) / 100 as rejected_qty,
      q.rate as rate_centifen, (q.qty * q.rate + 50) / 100 as amount_fen, coalesce(x.low @> x.d, false) as low_income, x.disabled,
      x.ids[q.k] as product_id, x.names[q.k] as product, x.pay_month, 240 + (x.hh % 240) as work_minutes
    from (select mem.*, cal.d, cal.pay_month, (mem.h + cal.doy * 7919) % 1000003 as hh,
            -- Day-to-day noise of ±15 % around the day's pay.
            least(${DAY_CAP_FEN}, greatest(1, mem.base * cal.mf * (85 + (mem.h + cal.doy * 104729) % 31) / 100000000)) as target
          from mem join cal on cal.d between mem.s and mem.e
          where (mem.h + cal.doy * 31) % 100 < case when cal.spring then 25 else mem.attend end) x
    -- The quantity is what the day's pay buys at the product's rate.
    cross join lateral (select 1 + (x.hh % x.np)::int as k) k0
    cross join lateral (select k0.k, x.rates[k0.k] as rate, greatest(1, (x.target * 100 + x.rates[k0.k] / 2) / x.rates[k0.k]) as qty) q`
}

async function insertLines(db: Db, from: string, to: string, where: ReturnType<typeof sql>, support: string): Promise<{ lines: number; fen: number; ids: string }> {
  const [r] = await queryRows<{ lines: number; fen: number; ids: string | null }>(
    db,
    sql`with ins as (
      insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen,
        low_income, disabled, product_id, product, pay_month, work_minutes)
      select * from (${demoLinesSelect(from, to, where, support)}) l
      returning id, amount_fen)
    select count(*)::int as lines, coalesce(sum(amount_fen), 0)::bigint as fen, array_agg(id order by id)::text as ids from ins`,
  )
  return { lines: Number(r?.lines ?? 0), fen: Number(r?.fen ?? 0), ids: r?.ids ?? '{}' }
}

/** Products of every workshop that has members and none yet: two per workshop, by its type. */
export async function ensureProducts(db: Db): Promise<void> {
  const rows = Object.entries(FULL_PRODUCTS).flatMap(([type, ps]) => ps.map(([name, unit, worker, shop]) => ({ type, name, unit, worker, shop })))
  await db.execute(sql`insert into workshop_products (workshop_id, name, unit, worker_rate_centifen, workshop_rate_centifen)
    select w.id, p.name, p.unit, p.worker, p.shop
    from workshops w join jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as p(type text, name text, unit text, worker bigint, shop bigint) on p.type = w.type
    where exists (select 1 from workshop_members m where m.workshop_id = w.id)
      and not exists (select 1 from workshop_products x where x.workshop_id = w.id)`)
}

/** Which months' sheets a write makes: those from `from` to `through`, locked, and paid before `paidBefore`. */
export type DemoSheets = { from: string; through: string; paidBefore: string }

/** The sheets of months `from`..`to` (YYYY-MM) for workshops with lines and none yet, in one transaction. */
export async function sheetsFor(db: Db, where: ReturnType<typeof sql>, opts: { from: string; to: string; lock: boolean; paidBefore?: string }): Promise<void> {
  await db.transaction((tx) => sheetsIn(tx, where, opts))
}

/**
 * The sheets of months `from`..`to` for the workshops `where` selects that have lines then and no sheet yet;
 * when `lock`, locked (each workshop's hash chain in month order: lockSheets orders them) and, before
 * `paidBefore`, paid on the 5th of the next month.
 */
async function sheetsIn(tx: Tx, where: ReturnType<typeof sql>, opts: { from: string; to: string; lock: boolean; paidBefore?: string }): Promise<void> {
  const sheets = await queryRows<{ id: string }>(
    tx,
    // From the workshops, each month probed through the (workshop, pay month) index by a lateral LIMIT 1, not
    // EXISTS: the planner turned that into a semi-join over every line (28 s of the full demo's load).
    sql`insert into paysheets (workshop_id, region_code, month, status)
        select w.id, w.region_code, m.month, 'draft' from workshops w
        cross join (select to_char(g, 'YYYY-MM') as month from generate_series(to_date(${opts.from}, 'YYYY-MM'), to_date(${opts.to}, 'YYYY-MM'), interval '1 month') g) m
        cross join lateral (select 1 from work_records r where r.workshop_id = w.id and r.pay_month = m.month limit 1) hit
        where ${where}
        on conflict (workshop_id, month) do nothing returning id::text`,
  )
  if (!opts.lock || !sheets.length) return
  await lockSheets(tx, sheets.map((s) => s.id), null)
  if (!opts.paidBefore) return
  const ids = pgArray(sheets.map((s) => s.id))
  // Paid as the bank's confirmation would mark them, on sheets locked a moment ago: the paid-ledger guards, one
  // call a line, have nothing to guard here (kept on where the role may not turn them off).
  const off = await triggersOffLocally(tx)
  const paid = sql`select id, month, (to_date(month, 'YYYY-MM') + interval '1 month 4 days')::date as paid_on, 'DEMO-' || month as ref
    from paysheets where id = any(${ids}::uuid[]) and month < ${opts.paidBefore}`
  await tx.execute(sql`update paysheet_lines l set paid_on = p.paid_on, pay_method = 'bank', pay_reference = p.ref
    from (${paid}) p where l.paysheet_id = p.id`)
  await tx.execute(sql`insert into paysheet_payments (paysheet_id, paid_on, method, reference, amount_fen)
    select s.id, p.paid_on, 'bank', p.ref, s.total_fen from paysheets s join (${paid}) p on p.id = s.id`)
  await tx.execute(sql`update paysheets s set status = 'paid', paid_at = p.paid_on + time '10:00' - interval '8 hours' from (${paid}) p where s.id = p.id`)
  if (off) await tx.execute(sql`set local session_replication_role = origin`)
}

export const demoWorkshopSql = sql`w.name = '东门村香菇分拣共富工坊'`
export const notDemoWorkshop = sql`w.name <> '东门村香菇分拣共富工坊'`

/**
 * Daily lines from `from` to `to` for the members of the given regions' workshops (the demo workshop aside), a
 * slice of about 50 workers per transaction, folded into the roll-ups in it. A slice that
 * already has lines in the range (a restart) is skipped: running it again adds nothing.
 */
export async function writeDemoWork(
  db: Db,
  opts: {
    from: string
    to: string
    counties: string[]
    progress?: (done: number, total: number, lines: number) => void
    /**
     * Workers a slice: about 50 (two years of lines, their fold and sheets: under a second on PGlite). A request
     * that reaches the database waits for the transaction in progress: with 100 workers in each the public
     * summary took 1.0 s (median) during the load instead of 0.4 s. Bulk loads on PostgreSQL take more.
     */
    sliceWorkers?: number
    /**
     * Awaited before each transaction: the server lets waiting requests go first, and says whether any were
     * waiting. While none were, consecutive slices are written together, up to `mergeSlices` a transaction (a
     * bigger transaction costs less per line: a whole county in one was 15 % less work than in slices of 50); the
     * first request that waited brings it back to one slice.
     */
    giveWay?: () => Promise<boolean | void>
    /** The most slices one transaction may take while no request waits (default 1). */
    mergeSlices?: number
    /** The slice's sheets, made in its transaction: a restart finds a slice with both or with neither. */
    sheets?: DemoSheets
    /** Drop DEFERRED_LINE_INDEXES once a slice has written lines: the caller builds them after (buildDeferredIndexes). */
    deferIndexes?: boolean
  },
): Promise<{ lines: number; fen: number; ms: WorkMs & { queue: number; wait: number } }> {
  let lines = 0
  let fen = 0
  const ms = { insert: 0, fold: 0, sheets: 0, queue: 0, wait: 0 }
  if (opts.from > opts.to) return { lines, fen, ms }
  const slices: { ids: string[]; has: boolean }[] = []
  const size = opts.sliceWorkers ?? 50
  for (const county of opts.counties) {
    // The county's workshops in region-code order, with their members and whether they have lines in the range
    // already (a restart: one index probe (worker, date) per member, a lateral LIMIT 1, not EXISTS: the planner
    // may turn an EXISTS into a semi-join over every line of the range, 98 s on PostgreSQL with Lishui's lines).
    const shops = await queryRows<{ id: string; n: number; has: boolean }>(
      db,
      sql`select w.id::text as id, count(*)::int as n, bool_or(hit.x is not null) as has
          from workshops w join workshop_members m on m.workshop_id = w.id
          left join lateral (select 1 as x from work_records r where r.worker_id = m.worker_id and r.work_date between ${opts.from}::date and ${opts.to}::date
            and r.workshop_id = m.workshop_id limit 1) hit on true
          where w.region_code like ${county + '%'} and ${notDemoWorkshop}
          group by w.id, w.region_code, w.name order by w.region_code, w.name, w.id`,
    )
    // Neighbouring workshops together, about `size` members a slice: the roll-up rows of a workshop, its village
    // and township are then written by one slice, not by every slice that has one of their workers (a third fewer
    // roll-up writes than slices of workers by hash). A slice is written in one transaction: all or nothing.
    let ids: string[] = []
    let n = 0
    let has = false
    const cut = () => {
      if (ids.length) slices.push({ ids, has })
      ids = []
      n = 0
      has = false
    }
    for (const shop of shops) {
      ids.push(shop.id)
      n += shop.n
      has ||= shop.has
      if (n >= size) cut()
    }
    cut()
  }
  const support = await supportWorkshops(db)
  let done = 0
  let dropped = false
  let take = 1
  for (let i = 0; i < slices.length; ) {
    let out = { lines: 0, fen: 0 }
    const group = [slices[i]!]
    if (!group[0]!.has) {
      const t0 = performance.now()
      if ((await opts.giveWay?.()) === true) take = 1
      ms.wait += performance.now() - t0
      while (group.length < take && i + group.length < slices.length && !slices[i + group.length]!.has) group.push(slices[i + group.length]!)
      take = Math.min(take * 2, opts.mergeSlices ?? 1)
      const where = sql`w.id = any(${pgArray(group.flatMap((g) => g.ids))}::uuid[])`
      const w = await writeLines(db, opts.from, opts.to, where, { support, sheets: opts.sheets })
      for (const k of ['insert', 'fold', 'sheets'] as const) ms[k] += w.ms[k]
      out = w
      // After the first slice that wrote lines (a slice without any, say a workshop whose members' days all
      // fall outside the range, stays unmarked): a restart of a finished load drops nothing.
      if (opts.deferIndexes && w.lines > 0 && !dropped) {
        for (const name of Object.keys(DEFERRED_LINE_INDEXES)) await db.execute(sql.raw(`drop index if exists ${name}`))
        dropped = true
      }
      // Lines a role without the right to turn triggers off queued instead.
      const t1 = performance.now()
      await foldQueue(db)
      ms.queue += performance.now() - t1
    }
    lines += out.lines
    fen += out.fen
    i += group.length
    opts.progress?.((done += group.length), slices.length, out.lines)
  }
  return { lines, fen, ms }
}

/**
 * Indexes of work_records that neither the slices' fold nor their sheets nor the restart probe read (meanwhile a
 * workshop's lines are found through its (workshop, pay month) index). Kept up to date line by line they cost
 * about 11 µs a line on PGlite, 22 s of the full demo's load; built once after it, about 8 s for the three. The
 * definitions are the migrations' own (a test compares pg_indexes before and after).
 */
export const DEFERRED_LINE_INDEXES: Record<string, string> = {
  work_records_workshop_date_idx: '(workshop_id, work_date)',
  work_records_region_date_idx: '(region_code text_pattern_ops, work_date)',
  work_records_date_id_idx: '(work_date, id)',
}

/**
 * Builds the deferred indexes that are missing, each in one statement after the server's waiting requests, its
 * sort in memory (PostgreSQL's 64 MB default sorts two million lines' keys on disk).
 */
export async function buildDeferredIndexes(db: Db, giveWay?: () => Promise<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(DEFERRED_LINE_INDEXES)) {
    await giveWay?.()
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '256MB'`)
      await tx.execute(sql.raw(`create index if not exists ${name} on work_records using btree ${columns}`))
    })
  }
}

const wait = () => new Promise((r) => setTimeout(r, 20))

/** Folds what the writes queued, in chunks that keep each statement short. */
export async function foldQueue(db: Db): Promise<void> {
  while ((await foldPendingWork(db, 40_000)) > 0) await wait()
}

