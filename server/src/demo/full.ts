/**
 * The full demo: what `npm start` shows a newcomer. On top of the small demo's registry (re-spread so Qingyuan's
 * 18 workshops employ 1,600+ people, workshops opened before last year) it writes daily work for every Lishui
 * worker from January of last year to yesterday, pay sheets locked and paid month by month, and the other ten
 * cities' workshops with a thinner set of workers working this year. Every figure the cockpit shows is computed
 * by the product from those daily lines (the roll-ups fold them through the same queue as any day sheet).
 *
 * The first start runs only the quick part (`seedFullForeground`: the demo workshop's two years and everyone's
 * last days); the rest runs after the server answers (`loadFullDemo`), month by month in statements of a few
 * seconds, resumable: a month already written is skipped, so a restart neither regenerates nor duplicates.
 */
import { sql } from 'drizzle-orm'
import { addDays, addMonths, today as chinaToday } from '@gongfang/shared/clock'
import { queryRows, type Db } from '../db/client.ts'
import { lockSheets } from '../modules/paysheets/lock.ts'
import { foldPendingWork } from '../modules/cockpit/fold.ts'
import { seedAroundHistory } from './around.ts'
import { LISHUI_TYPE_COUNTS, LISHUI_WORKSHOPS, generateRegistry, triggersOffLocally, withBulkLoad } from './registry.ts'

/** Lishui's workers per county: Qingyuan's 1,600+ jobs as reported, the rest by the counties' workshops. */
export const LISHUI_WORKERS_FULL: Record<string, number> = {
  '331102': 900, // 莲都区
  '331121': 830, // 青田县
  '331122': 1_030, // 缙云县
  '331123': 760, // 遂昌县
  '331124': 790, // 松阳县
  '331125': 550, // 云和县
  '331126': 1_590, // 庆元县 (+ the demo workshop's members)
  '331127': 620, // 景宁畲族自治县
  '331181': 229, // 龙泉市 (7,299 in all, + 叶秀英)
}

/** Zhejiang reports 11,145 workshops; Lishui's 941 come from the registry step. */
export const PROVINCE_WORKSHOPS = 11_145
/** The other ten cities' workers in the demo: enough for the province map and /public, far below the real 490,000. */
export const OTHER_CITIES_WORKERS = 1_200
/** Members the demo workshop (the `operator` account's) has on its day sheet. */
const DEMO_WORKSHOP_MEMBERS = 32

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
 * A day's pay (fen) around which each worker's days vary: 170 yuan, about 2,450 yuan a month of 15 days. Most
 * come on 50–70 % of the weekdays (Mon–Sat): part-time near home, between the fields and the family.
 */
const DAY_PAY_FEN = 17_000
const ATTEND_MIN = 50
const ATTEND_SPREAD = 21

export interface DemoLoadStatus {
  state: 'off' | 'loading' | 'done' | 'failed'
  /** 0–100. */
  percent: number
  step: string
  startedAt: string | null
  finishedAt: string | null
  /** Work-record lines written by the background load. */
  lines: number
}

let status: DemoLoadStatus = { state: 'off', percent: 0, step: '', startedAt: null, finishedAt: null, lines: 0 }
export const demoLoadStatus = (): DemoLoadStatus => status

const firstMonthOf = (today: string) => `${Number(today.slice(0, 4)) - 1}-01`
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m)
  return out
}

/** The registry step of the full demo: Lishui with Qingyuan's 1,600+ jobs, workshops open before last year. */
export async function seedFullRegistry(db: Db): Promise<void> {
  await withBulkLoad(db, async (tx) => {
    await generateRegistry(tx, {
      seed: 20260331,
      workshopsByCounty: LISHUI_WORKSHOPS,
      typeCounts: LISHUI_TYPE_COUNTS,
      workers: 7_299,
      workersByCounty: LISHUI_WORKERS_FULL,
      openedYears: [2019, 2024],
      joinWithinDays: 60,
      // The articles count workshops built and running: nearly all operate.
      statusMix: [0.96, 0.02, 0.015],
      allOperating: ['331126'],
      enterprisesPerCounty: 18,
    })
  })
}

/**
 * One statement: daily lines (Mon–Sat, with absences, fewer around the Spring Festival) for the members of the
 * workshops `where` selects, from `from` to `to`. A worker's pattern follows from a hash of who they are (name,
 * birth date, village, household: deterministic, unlike the random UUIDs); the quantity is what their day's
 * pay buys at the product’s rate, so a day pays about 70–270 yuan. Returns the lines and their total.
 */
async function writeLines(
  db: Db,
  from: string,
  to: string,
  where: ReturnType<typeof sql>,
  bucket: Bucket = { of: 1, k: 0 },
  support?: string,
): Promise<{ lines: number; fen: number }> {
  if (from > to) return { lines: 0, fen: 0 }
  const supportIds = support ?? (await supportWorkshops(db))
  return db.transaction(async (tx) => {
    // The lines are valid by construction (members, their workshops' products): without row triggers the
    // foreign-key checks are skipped (a 30 k-line county month on PGlite: 5.0 → 3.7 s), and the lines are folded
    // into the roll-ups in the same transaction by the product's own fold, instead of through the queue (written
    // and emptied again: 2.5 M rows) as the insert trigger would. Without the right to do so (a PostgreSQL role
    // that is not a superuser) triggers stay on and queue the lines for the fold.
    const replica = await triggersOffLocally(tx)
    const out = await insertLines(tx, from, to, where, bucket, supportIds)
    if (replica) {
      await tx.execute(sql`set local session_replication_role = origin`)
      await tx.execute(sql`select cockpit_fold_ids(${out.ids}::bigint[])`)
    }
    return { lines: out.lines, fen: out.fen }
  })
}

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
  return `{${rows.map((r) => r.id).join(',')}}`
}

/** The workers whose identity hash ≡ k (mod of): a county's workers in slices of about 50. */
export interface Bucket {
  of: number
  k: number
}
const workerHash = sql`abs(hashtext(wk.name || wk.birth_date::text || wk.region_code || coalesce(wk.household, ''))::bigint)`

/**
 * The lines themselves. Everything that depends only on the member (identity hash, skill, attendance, day pay,
 * products, low-income days) is computed once per member and everything that depends only on the day (weekday,
 * month factor, Spring Festival, pay month) once per day; a line is then integer arithmetic on the two (5× less
 * work per line than computing both for every line). `support` lists the workshops for disabled workers
 * (supportWorkshops).
 */
export function demoLinesSelect(from: string, to: string, where: ReturnType<typeof sql>, bucket: Bucket, support: string): ReturnType<typeof sql> {
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
      where h.h % ${bucket.of} = ${bucket.k}
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
            greatest(1, mem.base * cal.mf * (85 + (mem.h + cal.doy * 104729) % 31) / 100000000) as target
          from mem join cal on cal.d between mem.s and mem.e
          where (mem.h + cal.doy * 31) % 100 < case when cal.spring then 25 else mem.attend end) x
    -- The quantity is what the day's pay buys at the product's rate.
    cross join lateral (select 1 + (x.hh % x.np)::int as k) k0
    cross join lateral (select k0.k, x.rates[k0.k] as rate, greatest(1, (x.target * 100 + x.rates[k0.k] / 2) / x.rates[k0.k]) as qty) q`
}

async function insertLines(db: Db, from: string, to: string, where: ReturnType<typeof sql>, bucket: Bucket, support: string): Promise<{ lines: number; fen: number; ids: string }> {
  const [r] = await queryRows<{ lines: number; fen: number; ids: string | null }>(
    db,
    sql`with ins as (
      insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen,
        low_income, disabled, product_id, product, pay_month, work_minutes)
      select * from (${demoLinesSelect(from, to, where, bucket, support)}) l
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

/** Sheets of the month for workshops with lines and none yet; locked (hash chain in month order) when `lock`. */
async function sheetsFor(db: Db, month: string, where: ReturnType<typeof sql>, opts: { lock: boolean; paid: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const sheets = await queryRows<{ id: string }>(
      tx,
      // From the workshops, each probed through its (workshop, pay month) index: no scan of every line.
      sql`insert into paysheets (workshop_id, region_code, month, status)
          select w.id, w.region_code, ${month}, 'draft' from workshops w
          where ${where} and exists (select 1 from work_records r where r.workshop_id = w.id and r.pay_month = ${month})
          on conflict (workshop_id, month) do nothing returning id::text`,
    )
    if (!opts.lock || !sheets.length) return
    await lockSheets(tx, sheets.map((s) => s.id), null)
    if (!opts.paid) return
    const paidOn = addDays(`${addMonths(month, 1)}-01`, 4)
    const ids = `{${sheets.map((s) => s.id).join(',')}}`
    await tx.execute(sql`update paysheet_lines set paid_on = ${paidOn}::date, pay_method = 'bank', pay_reference = ${'DEMO-' + month}
      where paysheet_id = any(${ids}::uuid[])`)
    await tx.execute(sql`insert into paysheet_payments (paysheet_id, paid_on, method, reference, amount_fen)
      select id, ${paidOn}::date, 'bank', ${'DEMO-' + month}, total_fen from paysheets where id = any(${ids}::uuid[])`)
    await tx.execute(sql`update paysheets set status = 'paid', paid_at = ${paidOn}::date + time '10:00' - interval '8 hours' where id = any(${ids}::uuid[])`)
  })
}

const demoWorkshopSql = sql`w.name = '东门村香菇分拣共富工坊'`
const notDemoWorkshop = sql`w.name <> '东门村香菇分拣共富工坊'`

/**
 * The quick part, in the first start's bootstrap: the demo workshop gets its day-sheet crew (neighbours from
 * 松源街道's other workshops move to it), then two years of its daily lines and sheets (locked and paid but for
 * last month), and every workshop's last three days. The background load writes the rest.
 */
export async function seedFullForeground(db: Db): Promise<void> {
  const today = chinaToday()
  const thisMonth = today.slice(0, 7)
  const yesterday = addDays(today, -1)
  const [demo] = await queryRows<{ id: string }>(db, sql`select id::text from workshops w where ${demoWorkshopSql}`)
  if (!demo) return
  await db.execute(sql`with moved as (
      select m.worker_id from workshop_members m join workshops w on w.id = m.workshop_id join workers k on k.id = m.worker_id
      where w.region_code like '331126%' and w.id <> ${demo.id}::uuid and m.end_on is null
      -- Neighbours from the township first, and not the disabled members of the workshops for disabled workers.
      order by (w.region_code like '331126001%') desc, (k.disability_grade_enc is not null), w.region_code, m.start_on, m.worker_id limit ${DEMO_WORKSHOP_MEMBERS - 1})
    , gone as (delete from workshop_members m using moved where m.worker_id = moved.worker_id returning m.worker_id)
    insert into workshop_members (workshop_id, worker_id, start_on) select ${demo.id}::uuid, worker_id, '2022-06-01' from gone`)
  await db.execute(sql`delete from workshop_products where workshop_id = ${demo.id}::uuid
    and not exists (select 1 from work_records r where r.product_id = workshop_products.id)`)
  await ensureProducts(db)
  const first = firstMonthOf(today)
  await writeLines(db, `${first}-01`, yesterday, demoWorkshopSql)
  const recentFrom = [addDays(today, -3), `${thisMonth}-01`].sort().at(-1)!
  await writeLines(db, recentFrom, yesterday, notDemoWorkshop)
  for (const month of monthsBetween(first, thisMonth)) {
    await sheetsFor(db, month, demoWorkshopSql, { lock: month < thisMonth, paid: month < addMonths(thisMonth, -1) })
  }
  await sheetsFor(db, thisMonth, notDemoWorkshop, { lock: false, paid: false })
}

/** Whether this database is a full demo (its demo workshop has its crew): only then does the background load run. */
export async function isFullDemo(db: Db): Promise<boolean> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workshop_members m join workshops w on w.id = m.workshop_id where ${demoWorkshopSql}`)
  return Number(r?.n ?? 0) >= DEMO_WORKSHOP_MEMBERS
}

const wait = () => new Promise((r) => setTimeout(r, 20))

/**
 * The background part: the foreground's queued lines folded; every Lishui worker's days from January of last
 * year to the foreground's days, a slice of about 50 workers per transaction (each worker's days in one
 * slice, so the roll-up fold meets each worker once), folded as it goes; Lishui's sales and visitors; the months' sheets, locked in month
 * order (each workshop's hash chain) and paid but for last month; the other cities' lines for this year (their
 * registry comes first). Each statement stays within a few seconds, so requests keep being answered meanwhile.
 */
export async function loadFullDemo(db: Db, log: (m: string) => void = () => {}, opts: { lastAttempt?: boolean } = {}): Promise<DemoLoadStatus> {
  const today = chinaToday()
  const thisMonth = today.slice(0, 7)
  const first = firstMonthOf(today)
  const recentFrom = [addDays(today, -3), `${thisMonth}-01`].sort().at(-1)!
  const lastMonth = addMonths(thisMonth, -1)
  // A resumed load keeps the first attempt's start time.
  status = { state: 'loading', percent: 0, step: 'start', startedAt: status.startedAt ?? new Date().toISOString(), finishedAt: null, lines: 0 }
  const t0 = Date.now()
  try {
    const counties = Object.keys(LISHUI_WORKERS_FULL)
    const months = monthsBetween(first, lastMonth)
    // Progress: Lishui's lines ≈ 70 %, sales and visitors, sheets ≈ 16 %, the other cities ≈ 10 %.
    const set = (percent: number, step: string) => {
      status = { ...status, step, percent: Math.min(99, Math.round(percent)) }
    }
    const note = (step: string) => log(`  demo: ${step} (${((Date.now() - t0) / 1000).toFixed(1)} s, ${status.lines.toLocaleString('en')} lines)`)
    // The foreground's lines first (the readers would fold them otherwise). Then the other cities' registry, city
    // by city: its bulk load ends in the product's cockpit_rebuild(), cheap only before Lishui's lines are there.
    await foldQueue(db)
    set(1, 'other cities')
    await seedOtherCities(db)
    await ensureProducts(db)
    note('other cities registered')
    set(5, 'lines')
    const lishui = await writeDemoWork(db, {
      from: `${first}-01`,
      to: addDays(recentFrom, -1),
      counties,
      progress: (done, total, lines) => {
        status.lines += lines
        set(5 + (67 * done) / total, `lines ${done}/${total}`)
      },
    })
    note(`Lishui lines (writing ${(lishui.writeMs / 1000).toFixed(1)} s, folding ${(lishui.foldMs / 1000).toFixed(1)} s)`)
    const [{ sales }] = (await queryRows<{ sales: number }>(db, sql`select count(*)::int as sales from sales_sessions`)) as [{ sales: number }]
    if (!sales) {
      set(72, 'sales and visitors')
      await seedAroundHistory(db, { fromLastJanuary: true })
      note('sales and visitors')
    }
    await closeDemoMonths(db, months, counties, {
      paidBefore: lastMonth,
      progress: (month, done) => {
        set(74 + (16 * done) / months.length, month)
      },
    })
    note('sheets')
    // The other cities: this year's work, thinner (their sheets stay open: nobody pays them in the demo).
    await writeDemoWork(db, {
      from: `${today.slice(0, 4)}-01-01`,
      to: addDays(today, -1),
      counties: (await queryRows<{ city: string }>(db, sql`select distinct substr(code, 1, 4) as city from regions where level = 2 and code like '33%' and code not like '3311%' order by 1`)).map((r) => r.city),
      // A thin set (about 120 workers a city): bigger slices, the same lines a transaction as Lishui's.
      sliceWorkers: 150,
      progress: (done, total, lines) => {
        status.lines += lines
        set(90 + (10 * done) / total, `other cities ${done}/${total}`)
      },
    })
    status = { ...status, state: 'done', percent: 100, step: 'done', finishedAt: new Date().toISOString() }
    note('fully loaded')
  } catch (err) {
    // Before the last attempt the caller resumes (a restarted database thread, say): still loading, not failed.
    const why = err instanceof Error ? err.message : String(err)
    status = opts.lastAttempt === false ? { ...status, state: 'loading', step: `resuming: ${why}` } : { ...status, state: 'failed', step: why }
    throw err
  }
  return status
}

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
    /** Workers per transaction: about 50 (lines and their fold, about a second) keeps each short on PGlite; bulk loads on PostgreSQL take more. */
    sliceWorkers?: number
  },
): Promise<{ lines: number; fen: number; writeMs: number; foldMs: number }> {
  let lines = 0
  let fen = 0
  let writeMs = 0
  let foldMs = 0
  if (opts.from > opts.to) return { lines, fen, writeMs, foldMs }
  const slices: { where: ReturnType<typeof sql>; bucket: Bucket; has: boolean }[] = []
  for (const county of opts.counties) {
    const where = sql`w.region_code like ${county + '%'} and ${notDemoWorkshop}`
    const [{ n }] = (await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from workshop_members m join workshops w on w.id = m.workshop_id where ${where}`,
    )) as [{ n: number }]
    const of = Math.max(1, Math.ceil(n / (opts.sliceWorkers ?? 50)))
    // The slices that already have lines in the range (a restart), found for the whole county at once: one index
    // probe (worker, date) per member. A lateral LIMIT 1, not EXISTS: the planner may turn an EXISTS into a
    // semi-join over every line of the range (a restart took 98 s on PostgreSQL with Lishui's 3.5 M lines).
    const written = new Set(
      (
        await queryRows<{ k: number }>(
          db,
          sql`select distinct (${workerHash} % ${of})::int as k from workshop_members m join workshops w on w.id = m.workshop_id join workers wk on wk.id = m.worker_id
              cross join lateral (select 1 from work_records r where r.worker_id = m.worker_id and r.work_date between ${opts.from}::date and ${opts.to}::date
                and r.workshop_id = m.workshop_id limit 1) hit
              where ${where}`,
        )
      ).map((r) => Number(r.k)),
    )
    for (let k = 0; k < of; k++) slices.push({ where, bucket: { of, k }, has: written.has(k) })
  }
  const support = await supportWorkshops(db)
  let done = 0
  for (const { where, bucket, has } of slices) {
    let out = { lines: 0, fen: 0 }
    if (!has) {
      const t0 = Date.now()
      out = await writeLines(db, opts.from, opts.to, where, bucket, support)
      const t1 = Date.now()
      await foldQueue(db)
      writeMs += t1 - t0
      foldMs += Date.now() - t1
    }
    lines += out.lines
    fen += out.fen
    opts.progress?.(++done, slices.length, out.lines)
  }
  return { lines, fen, writeMs, foldMs }
}

/**
 * Each month's sheets for the counties' workshops (the demo workshop aside), in month order: locked, and paid
 * before `paidBefore`. One transaction per county and month: a whole city's month in one (150,000 lines) ran
 * past the embedded database's 30 s statement limit on a busy machine, which restarts its thread and the load.
 * A workshop's hash chain stays in month order: its county's months are locked one after the other.
 */
export async function closeDemoMonths(
  db: Db,
  months: string[],
  counties: string[],
  opts: { paidBefore: string; progress?: (month: string, done: number) => void },
): Promise<void> {
  let done = 0
  for (const month of [...months].sort()) {
    for (const county of counties) {
      await sheetsFor(db, month, sql`w.region_code like ${county + '%'} and ${notDemoWorkshop}`, { lock: true, paid: month < opts.paidBefore })
    }
    opts.progress?.(month, ++done)
  }
}

/** Folds what the writes queued, in chunks that keep each statement short. */
async function foldQueue(db: Db): Promise<void> {
  while ((await foldPendingWork(db, 40_000)) > 0) await wait()
}

/** The other ten cities' workshops, in proportion to their villages, with a thin set of workers. */
async function seedOtherCities(db: Db): Promise<void> {
  const counties = await queryRows<{ code: string; villages: number }>(
    db,
    sql`select c.code, (select count(*)::int from regions v where v.level = 5 and v.code like c.code || '%') as villages
        from regions c where c.level = 3 and c.code like '33%' and c.code not like '3311%' order by c.code`,
  )
  const [{ ws }] = (await queryRows<{ ws: number }>(db, sql`select count(*)::int as ws from workshops where region_code like '3311%'`)) as [{ ws: number }]
  const want = Math.max(0, PROVINCE_WORKSHOPS - ws)
  const all = counties.reduce((a, c) => a + c.villages, 0)
  const byCounty: Record<string, number> = {}
  const workersByCounty: Record<string, number> = {}
  let given = 0
  let people = 0
  for (const c of counties) {
    given += byCounty[c.code] = Math.floor((want * c.villages) / all)
    people += workersByCounty[c.code] = Math.floor((OTHER_CITIES_WORKERS * c.villages) / all)
  }
  for (let i = 0; given < want; i = (i + 1) % counties.length, given++) byCounty[counties[i]!.code]!++
  for (let i = 0; people < OTHER_CITIES_WORKERS; i = (i + 7) % counties.length, people++) workersByCounty[counties[i]!.code]!++
  // City by city, each in its own short transaction, so that requests meanwhile wait for one city at most; a city
  // already there (a restart) is kept. Triggers are off while a city loads (withBulkLoad) and the roll-ups rebuilt
  // once at the end, instead of after each city.
  const cities = [...new Set(counties.map((c) => c.code.slice(0, 4)))]
  let added = false
  for (const [i, city] of cities.entries()) {
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workshops where region_code like ${city + '%'}`)) as [{ n: number }]
    if (n) continue
    const pick = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([code]) => code.startsWith(city)))
    const people = Object.values(pick(workersByCounty)).reduce((a, b) => a + b, 0)
    await withBulkLoad(db, (tx) =>
      generateRegistry(tx, {
        seed: 33_2026 + i,
        workshopsByCounty: pick(byCounty),
        workers: people,
        workersByCounty: pick(workersByCounty),
        openedYears: [2019, 2025],
        joinWithinDays: 60,
        statusMix: [0.96, 0.02, 0.015],
        enterprisesPerCounty: 6,
      }),
      { rebuild: false },
    )
    added = true
  }
  // The roll-ups the registry's triggers would have kept, recomputed by the product once for all the cities (also
  // after a restart that stopped between a city and this rebuild: an operating workshop without its span).
  const [{ stale }] = (await queryRows<{ stale: boolean }>(
    db,
    sql`select exists (select 1 from workshops w where w.status = 'operating' and w.region_code not like '3311%'
          and not exists (select 1 from cockpit_workshop_spans s where s.workshop_id = w.id)) as stale`,
  )) as [{ stale: boolean }]
  if (added || stale) await db.execute(sql`select cockpit_rebuild()`)
}
