// npm run bench:cockpit — the cockpit on a province-sized data set on PostgreSQL
// (bash scripts/with-postgres.sh npm run bench:cockpit). Generates ≈11,000 workshops, 500,000 workers and
// 10 million work records for 2025 with bulk SQL (generate_series, triggers off), builds the roll-ups once,
// then times summary and children at province, city and county level from the roll-ups and straight from the
// base tables, and how soon a new wage shows. BENCH_SCALE=0.01 for a quick run.
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { openDatabase, queryRows, type DbOrTx } from '../src/db/client.ts'
import { bootstrap } from '../src/db/bootstrap.ts'
import { childrenOf, figuresOf, periodOf } from '../src/modules/cockpit/service.ts'
import { directFigures } from '../src/modules/cockpit/direct.ts'
import { emptyRaw, periodDates, toFigures, type RawFigures } from '../src/modules/cockpit/figures.ts'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const WORKSHOPS = Math.round(11_000 * SCALE)
const WORKERS = Math.round(500_000 * SCALE)
const RECORDS_PER_WORKER = 20
const ROLLUP_RUNS = Number(process.env.BENCH_RUNS ?? 50)
const DIRECT_RUNS = Number(process.env.BENCH_DIRECT_RUNS ?? 5)
const GOALS = { p95Ms: 100, ratio: 20, freshMs: 1000 }
const LEVELS = [
  { name: 'province', code: '33' },
  { name: 'city', code: '3311' },
  { name: 'county', code: '331126' },
]

const url = process.env.DATABASE_URL
if (!url) {
  console.error('bench:cockpit needs PostgreSQL: bash scripts/with-postgres.sh npm run bench:cockpit')
  process.exit(2)
}
const dbName = 'gf_bench_cockpit'
const benchUrl = (() => {
  const u = new URL(url)
  u.pathname = `/${dbName}`
  return u.toString()
})()

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1)

async function generate(client: pg.Client) {
  const q = (text: string) => client.query(text)
  await q(`set session_replication_role = replica`) // bulk load: no triggers, no FK checks; roll-ups rebuilt after
  await q(`set work_mem = '2GB'`) // the rebuild's grouping and window sort stay in memory
  await q(`set maintenance_work_mem = '1GB'`)
  let t0 = performance.now()
  await q(`create temp table v as select row_number() over (order by code) - 1 as idx, code from regions where level = 5`)
  await q(`create temp table ws as
    select i as idx, gen_random_uuid() as id, v.code as region
    from generate_series(0, ${WORKSHOPS - 1}) i join v on v.idx = (i::bigint * 7919) % (select count(*) from v)`)
  await q(`insert into workshops (id, name, type, region_code, status, opened_on, daily_capacity, worker_places)
    select id, '基准工坊' || idx, (array['processing','recruitment','ecommerce','agritourism','brand','industry'])[1 + idx % 6], region,
      case when idx % 25 = 0 then 'suspended' else 'operating' end, date '2022-01-01' + (idx % 1200), 1000, 40 from ws`)
  await q(`create temp table wk as select i as idx, gen_random_uuid() as id from generate_series(0, ${WORKERS - 1}) i`)
  await q(`insert into workers (id, name, id_number, birth_date, sex, region_code, disability_grade, baseline_monthly_income_fen)
    select wk.id, '基准工人' || wk.idx, 'B' || lpad(wk.idx::text, 17, '0'), date '1950-01-01' + (wk.idx % 20000),
      case when wk.idx % 2 = 0 then 'F' else 'M' end, ws.region, case when wk.idx % 25 = 0 then 2 end, 80000 + (wk.idx % 50) * 1000
    from wk join ws on ws.idx = wk.idx % ${WORKSHOPS}`)
  console.log(`  registry: ${WORKSHOPS.toLocaleString('en')} workshops, ${WORKERS.toLocaleString('en')} workers in ${secs(t0)} s`)

  t0 = performance.now()
  // Each worker: 20 lines over 2025 at their workshop; 10% low-income, 4% disabled; 1 in 50 lines a reversal-sized correction.
  await q(`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen, low_income, disabled)
    select ws.id, wk.id, ws.region, date '2025-01-01' + ((i / ${WORKERS}) * 18 + (wk.idx % 17))::int,
      50 + (i % 150), 1250, (50 + (i % 150)) * 1250 / 100 * (case when i % 50 = 0 then -1 else 1 end) / (case when i % 50 = 0 then 10 else 1 end),
      wk.idx % 10 = 0, wk.idx % 25 = 0
    from generate_series(0, ${WORKERS * RECORDS_PER_WORKER - 1}) i
    join wk on wk.idx = i % ${WORKERS}
    join ws on ws.idx = wk.idx % ${WORKSHOPS}`)
  console.log(`  work_records: ${(WORKERS * RECORDS_PER_WORKER).toLocaleString('en')} lines in ${secs(t0)} s`)

  t0 = performance.now()
  await q(`create temp table ent as select i as idx, gen_random_uuid() as id from generate_series(0, ${Math.max(10, Math.round(WORKSHOPS / 2))} - 1) i`)
  await q(`insert into enterprises (id, name, credit_code, region_code) select id, '基准企业' || idx, 'E' || lpad(idx::text, 17, '0'), '3311' from ent`)
  await q(`insert into workshop_enterprises (workshop_id, enterprise_id, since)
    select ws.id, ent.id, date '2022-01-01' + (ws.idx % 1200) from ws join ent on ent.idx = ws.idx % (select count(*) from ent)
    union all
    select ws.id, ent.id, null from ws join ent on ent.idx = (ws.idx + 1) % (select count(*) from ent) where ws.idx % 3 = 0`)
  await q(`insert into deliveries (workshop_id, region_code, delivered_on, quantity, accepted_qty, accepted_on)
    select ws.id, ws.region, date '2025-01-01' + (i % 360), 1000, 990, date '2025-01-02' + (i % 360)
    from generate_series(0, ${WORKSHOPS * 10 - 1}) i join ws on ws.idx = i % ${WORKSHOPS}`)
  await q(`insert into sales_sessions (workshop_id, region_code, session_date, platform, orders_count, sales_fen)
    select ws.id, ws.region, date '2025-01-01' + (i % 360), 'douyin', 10 + i % 90, 100000 + i % 900000
    from generate_series(0, ${WORKSHOPS * 10 - 1}) i join ws on ws.idx = i % ${WORKSHOPS} where ws.idx % 6 = 2`)
  const [col] = (await q(`insert into collectives (name, kind, region_code) values ('基准村集体', 'collective', (select code from v limit 1)) returning id`)).rows
  await q(`insert into collective_incomes (collective_id, region_code, kind, amount_fen, income_date, source_workshop_id)
    select '${col.id}', ws.region, 'rent', 500000, date '2025-01-15' + (i % 12) * 30, ws.id
    from generate_series(0, ${WORKSHOPS * 4 - 1}) i join ws on ws.idx = i % ${WORKSHOPS}`)
  console.log(`  links, deliveries, sales, collective income in ${secs(t0)} s`)
  await q(`set session_replication_role = origin`)
  t0 = performance.now()
  await q(`analyze`)
  await q(`select cockpit_rebuild()`)
  await q(`analyze`)
  console.log(`  roll-ups rebuilt from base tables in ${secs(t0)} s`)
}

/** The direct way for children: one grouped pass over the base tables per figure family. */
async function directChildren(db: DbOrTx, code: string, from: string, to: string): Promise<Map<string, RawFigures>> {
  const { start, end } = periodDates(from, to)
  const len = { 2: 4, 4: 6, 6: 9, 9: 12 }[code.length]!
  const like = `${code}%`
  const out = new Map<string, RawFigures>()
  const get = (c: string) => out.get(c) ?? (out.set(c, emptyRaw()), out.get(c)!)
  const work = await queryRows<{ c: string; w: number; q: number }>(
    db,
    sql`select left(region_code, ${len}) as c, sum(amount_fen)::bigint as w, sum(good_qty)::bigint as q from work_records
        where region_code like ${like} and work_date between ${start} and ${end} group by 1`,
  )
  for (const r of work) Object.assign(get(r.c).sums, { wagesFen: Number(r.w), goodQty: Number(r.q) })
  const persons = await queryRows<{ c: string; a: number; l: number; d: number; m: number }>(
    db,
    sql`with m as (select left(region_code, ${len}) as c, worker_id, date_trunc('month', work_date) as mo, sum(amount_fen) as a,
                     coalesce(sum(amount_fen) filter (where low_income), 0) as l, coalesce(sum(amount_fen) filter (where disabled), 0) as d
                   from work_records where region_code like ${like} and work_date between ${start} and ${end} group by 1, 2, 3)
        select c, count(distinct worker_id) filter (where a > 0)::bigint as a, count(distinct worker_id) filter (where l > 0)::bigint as l,
          count(distinct worker_id) filter (where d > 0)::bigint as d, count(*) filter (where a > 0)::bigint as m from m group by c`,
  )
  for (const r of persons) get(r.c).persons = { all: Number(r.a), lowIncome: Number(r.l), disabled: Number(r.d), workerMonths: Number(r.m) }
  const types = await queryRows<{ c: string; type: string; n: number }>(
    db,
    sql`select left(w.region_code, ${len}) as c, w.type, count(*)::bigint as n from workshops w
        where w.region_code like ${like} and case
          when exists (select 1 from workshop_status_history h where h.workshop_id = w.id)
            then coalesce((select h.status from workshop_status_history h where h.workshop_id = w.id and h.effective_on <= ${end}
                           order by h.effective_on desc, h.id desc limit 1), '') = 'operating'
          else w.status = 'operating' and (w.opened_on is null or w.opened_on <= ${end}) end
        group by 1, 2`,
  )
  for (const r of types) get(r.c).byType[r.type] = Number(r.n)
  const ents = await queryRows<{ c: string; n: number }>(
    db,
    sql`select left(w.region_code, ${len}) as c, count(distinct we.enterprise_id)::bigint as n from workshop_enterprises we
        join workshops w on w.id = we.workshop_id where w.region_code like ${like} and (we.since is null or we.since <= ${end}) group by 1`,
  )
  for (const r of ents) get(r.c).enterprisesLinked = Number(r.n)
  for (const [table, dateCol, cols] of [
    ['deliveries', 'accepted_on', ['sum(accepted_qty)::bigint as "deliveredQty"']],
    ['collective_incomes', 'income_date', ['sum(amount_fen)::bigint as "collectiveIncomeFen"']],
    ['sales_sessions', 'session_date', ['sum(sales_fen)::bigint as "salesFen"', 'sum(orders_count)::bigint as "salesOrders"']],
    ['tourism_records', 'record_date', ['sum(visitors)::bigint as "tourismVisitors"', 'sum(revenue_fen)::bigint as "tourismRevenueFen"']],
  ] as const) {
    const rows = await queryRows<Record<string, string | number>>(
      db,
      sql`select left(region_code, ${len}) as c, ${sql.raw(cols.join(', '))} from ${sql.raw(table)}
          where region_code like ${like} and ${sql.raw(dateCol)} between ${start} and ${end} group by 1`,
    )
    for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== 'c') (get(String(r.c)).sums as unknown as Record<string, number>)[k] = Number(v)
  }
  for (const raw of out.values()) toFigures(raw) // same shaping as the roll-up side
  return out
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

async function time(runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    ms.push(performance.now() - t0)
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95) }
}

async function main() {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const reuse = process.env.BENCH_REUSE === '1' && (await admin.query(`select 1 from pg_database where datname = '${dbName}'`)).rowCount
  if (!reuse) {
    await admin.query(`drop database if exists ${dbName} with (force)`)
    await admin.query(`create database ${dbName}`)
  }
  await admin.end()
  const database = await openDatabase({ url: benchUrl, poolSize: 4 })
  const db = database.db
  console.log(`bench:cockpit on PostgreSQL (scale ${SCALE})`)
  if (!reuse) {
    const t0 = performance.now()
    await bootstrap(database, { demo: false })
    console.log(`  migrations + regions in ${secs(t0)} s`)
    const client = new pg.Client({ connectionString: benchUrl })
    await client.connect()
    await generate(client)
    await client.end()
  }
  const [counts] = await queryRows<{ w: number; k: number; r: number; wm: number; wc: number }>(
    db,
    sql`select (select count(*) from workshops)::bigint as w, (select count(*) from workers)::bigint as k, (select count(*) from work_records)::bigint as r,
          (select count(*) from cockpit_worker_months)::bigint as wm, (select count(*) from cockpit_worker_counts)::bigint as wc`,
  )
  console.log(
    `  data: ${Number(counts!.w).toLocaleString('en')} workshops, ${Number(counts!.k).toLocaleString('en')} workers, ${Number(counts!.r).toLocaleString('en')} work records; ` +
      `roll-ups: ${Number(counts!.wm).toLocaleString('en')} worker-month rows, ${Number(counts!.wc).toLocaleString('en')} person-count rows`,
  )

  const p = periodOf({ from: '2025-01', to: '2025-12' })
  console.log(`  period ${p.from}..${p.to}; roll-up runs ${ROLLUP_RUNS}, direct runs ${DIRECT_RUNS} (p95 of few runs ≈ max)`)
  console.log('  query              roll-up p50 / p95 ms     direct p50 / p95 ms     ratio (p50)')
  const results: { p95: number; ratio: number }[] = []
  for (const level of LEVELS) {
    // Correctness first: the fast answer must be the direct one.
    const fast = await figuresOf(db, level.code, p)
    const slow = await directFigures(db, { region: level.code }, p.from, p.to)
    if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error(`${level.code}: roll-up ${JSON.stringify(fast)} ≠ direct ${JSON.stringify(slow)}`)
    for (const kind of ['summary', 'children'] as const) {
      const r = await time(ROLLUP_RUNS, () => (kind === 'summary' ? figuresOf(db, level.code, p) : childrenOf(db, level.code, p)))
      const d = await time(DIRECT_RUNS, () =>
        kind === 'summary' ? directFigures(db, { region: level.code }, p.from, p.to) : directChildren(db, level.code, p.from, p.to),
      )
      const ratio = d.p50 / r.p50
      results.push({ p95: r.p95, ratio })
      console.log(
        `  ${`${kind} ${level.name}`.padEnd(18)} ${r.p50.toFixed(1).padStart(8)} / ${r.p95.toFixed(1).padEnd(10)}   ${d.p50.toFixed(0).padStart(8)} / ${d.p95.toFixed(0).padEnd(10)}   ${ratio.toFixed(0)}×`,
      )
    }
  }

  // Freshness: one wage line written through the trigger; how long until the province summary shows it.
  const before = await figuresOf(db, '33', p)
  const [one] = await queryRows<{ workshop_id: string; worker_id: string; region_code: string }>(
    db,
    sql`select workshop_id, worker_id, region_code from work_records where region_code like '331126%' limit 1`,
  )
  const w0 = performance.now()
  await db.execute(
    sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen)
        values (${one!.workshop_id}, ${one!.worker_id}, ${one!.region_code}, '2025-06-30', 10, 1000, 100)`,
  )
  const written = performance.now()
  let fresh = -1
  for (;;) {
    const now = await figuresOf(db, '33', p)
    if (now.wagesFen === before.wagesFen + 100) {
      fresh = performance.now() - w0
      break
    }
    if (performance.now() - w0 > 10_000) break
    await new Promise((r) => setTimeout(r, 5))
  }
  console.log(`  freshness: write (queued for the roll-up fold) ${(written - w0).toFixed(1)} ms; visible in the province summary ${fresh.toFixed(1)} ms after the write began`)

  const worstP95 = Math.max(...results.map((r) => r.p95))
  const worstRatio = Math.min(...results.map((r) => r.ratio))
  const ok = (b: boolean) => (b ? 'met' : 'NOT met')
  console.log(
    `  goals: p95 ≤ ${GOALS.p95Ms} ms: worst ${worstP95.toFixed(1)} ms ${ok(worstP95 <= GOALS.p95Ms)}; ≥ ${GOALS.ratio}× direct: worst ${worstRatio.toFixed(0)}× ${ok(worstRatio >= GOALS.ratio)}; ` +
      `fresh ≤ ${GOALS.freshMs} ms: ${fresh.toFixed(0)} ms ${ok(fresh >= 0 && fresh <= GOALS.freshMs)}`,
  )
  await database.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
