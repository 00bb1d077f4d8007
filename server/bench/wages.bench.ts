/**
 * npm run bench:wages — piece-work ingestion and month locking.
 *  1. API ingestion on PGlite: POST /api/work-records (one line, own Idempotency-Key) over loopback HTTP from
 *     16 keep-alive clients in a worker thread (load-client.mjs; WAGES_BENCH_CLIENTS, WAGES_BENCH_REQUESTS);
 *     req/s and latency percentiles (goal ≥ 1,000 req/s, p99 ≤ 50 ms), for lines of one month and for lines
 *     spread over nine months (the cockpit fold's costly case). The server folds in the background as in prod.
 *  2. Bulk ingestion: day sheets of 5,000 lines through the same API (goal ≥ 20,000 records/s on PostgreSQL).
 *  3. Province month: 11,000 workshops, 500,000 workers, WAGES_BENCH_DAYS (default 6) records each;
 *     time to compute and lock every sheet of the month with its hash chain (goal ≤ 60 s on PostgreSQL).
 * Parts 2–3 use DATABASE_URL; without it the script runs them on a throwaway PostgreSQL (scripts/with-postgres.sh).
 * WAGES_BENCH_PROVINCE_ONLY=1 skips part 2; WAGES_BENCH_SKIP_PROVINCE=1 skips part 3.
 */
import { serve } from '@hono/node-server'
import { Worker } from 'node:worker_threads'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase, queryRows, type Database, type Db } from '../src/db/client.ts'
import { bootstrap } from '../src/db/bootstrap.ts'
import { createApp } from '../src/app.ts'
import { hashPassword } from '../src/auth/password.ts'
import { lockMonth } from '../src/modules/paysheets/lock.ts'
import { randomBytes } from 'node:crypto'
import { luhnCheckDigit } from '@gongfang/shared/payments'
import { createVault, seal, blindIndex } from '../src/vault/vault.ts'
import { FIELDS, activeVault, setActiveVault } from '../src/vault/index.ts'
import { systemCaller } from '../src/auth/caller.ts'
import { batchBankFile } from '../src/modules/payments/bank-files.ts'
import { createBatch } from '../src/modules/payments/batches.ts'
import { ingestRunner } from '../src/modules/work-records/ingest.ts'
import { foldPendingWork, startBackgroundFold } from '../src/modules/cockpit/fold.ts'
import { whenRequestsIdle } from '../src/http/in-flight.ts'

const PASSWORD = 'bench-password-1'
const VILLAGE = '331126001200'
const pgOnly = process.argv.includes('--pg-only') // --pglite-only: part 1 only

let prepared = 0
async function prepare(db: Db, workers: number) {
  const tag = String(++prepared)
  const [u] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (username, password_hash, display_name, role, region_code) values (${`bench-op-${tag}`}, ${await hashPassword(PASSWORD)}, '压测负责人', 'operator', ${VILLAGE}) returning id::text`,
  )
  const [ws] = await queryRows<{ id: string }>(
    db,
    sql`insert into workshops (name, type, region_code, operator_user_id, status) values (${`压测工坊${tag}`}, 'processing', ${VILLAGE}, ${u!.id}::uuid, 'operating') returning id::text`,
  )
  const ids = await queryRows<{ id: string }>(
    db,
    sql`insert into workers (name, id_number, birth_date, sex, region_code)
        select '压测工人' || i, 'BENCH' || ${tag} || lpad(i::text, 12, '0'), '1965-01-01', 'F', ${VILLAGE} from generate_series(1, ${workers}) i returning id::text`,
  )
  await db.execute(sql`insert into workshop_members (workshop_id, worker_id, start_on) select ${ws!.id}::uuid, w.id, '2020-01-01' from workers w where w.id_number like ${`BENCH${tag}%`}`)
  const [p] = await queryRows<{ id: string }>(
    db,
    sql`insert into workshop_products (workshop_id, name, worker_rate_centifen) values (${ws!.id}::uuid, '压测产品', 1234) returning id::text`,
  )
  return { workshopId: ws!.id, workerIds: ids.map((r) => r.id), productId: p!.id, username: `bench-op-${tag}` }
}

async function startServer(database: Database, username: string) {
  const app = createApp({ database, serveWeb: false })
  // As in server.ts: queued work records fold into the cockpit's roll-ups in the background.
  const stopFold = startBackgroundFold(database.db, { giveWay: () => whenRequestsIdle(1_000) })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })
  const { token } = (await login.json()) as { token: string }
  return { base, token, close: async () => { await stopFold(); await new Promise((r) => server.close(r)) } }
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!

interface LoadSpec {
  base: string
  path: string
  token: string
  total: number
  concurrency: number
  bodies: string[]
}
interface LoadResult {
  seconds: number
  latencies: number[]
  statuses: Record<string, number>
}

/** Runs the load generator (load-client.mjs) in a worker thread: the server keeps its own event loop. */
function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./load-client.mjs', import.meta.url), { workerData: spec })
    w.once('message', (m: LoadResult | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)))
    w.once('error', reject)
  })
}

/**
 * Day-sheet lines as operators send them: 200 workers, the days of one month (mode 'month'), so a worker's
 * first line of the month, which changes the cockpit's person counts, is rare. Mode 'spread' cycles each
 * worker through nine months, so most lines are a worker's first of a month: the roll-up's costly case.
 */
function lineBodies(fx: { workshopId: string; workerIds: string[]; productId: string }, mode: 'month' | 'spread') {
  return Array.from({ length: 1000 }, (_, i) => {
    const workDate = mode === 'month' ? `2025-06-${String(1 + (Math.floor(i / fx.workerIds.length) % 28)).padStart(2, '0')}` : `2025-0${1 + (i % 9)}-1${i % 10}`
    return JSON.stringify({ workshopId: fx.workshopId, lines: [{ workerId: fx.workerIds[i % fx.workerIds.length], workDate, productId: fx.productId, goodQty: 100 + (i % 500) }] })
  })
}

async function apiIngestion(label: string, database: Database, total: number, concurrency: number, mode: 'month' | 'spread' = 'month') {
  const fx = await prepare(database.db, 200)
  const srv = await startServer(database, fx.username)
  const bodies = lineBodies(fx, mode)
  label = `${label}, ${mode === 'month' ? 'one month of days' : 'each worker over nine months'}`
  const spec = { base: srv.base, path: '/api/work-records', token: srv.token, concurrency, bodies }
  await load({ ...spec, total: 200 }) // warm-up
  const before = { ...ingestRunner(database.db, database.kind).stats }
  const r = await load({ ...spec, total })
  const st = ingestRunner(database.db, database.kind).stats
  const lat = r.latencies.sort((a, b) => a - b)
  const rps = total / r.seconds
  const failures = total - (r.statuses['201'] ?? 0)
  const [{ n }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from work_records where workshop_id = ${fx.workshopId}::uuid`)) as [{ n: number }]
  console.log(
    `[${label}] API ingestion: ${total} requests (1 line each, own Idempotency-Key), ${concurrency} keep-alive clients in another thread: ${rps.toFixed(0)} req/s; ` +
      `latency p50 ${pct(lat, 50).toFixed(1)} ms, p95 ${pct(lat, 95).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms ` +
      `(goal ≥ 1,000 req/s: ${(rps / 1000).toFixed(2)}×; p99 goal ≤ 50 ms: ${pct(lat, 99) <= 50 ? 'met' : 'missed'}); ` +
      `group commit: ${st.jobs - before.jobs} requests in ${st.batches - before.batches} statements pairs (largest ${st.largest}); ` +
      `${n} lines stored for ${total + 200} requests${failures ? `; ${failures} requests failed: ${JSON.stringify(r.statuses)}` : ''}`,
  )
  await srv.close()
  return fx
}

async function bulkIngestion(label: string, database: Database, batches: number, batchSize: number, concurrency: number) {
  const fx = await prepare(database.db, 500)
  const srv = await startServer(database, fx.username)
  // Day sheets of a year, built before the clock starts; the load thread only sends them.
  const bodies = Array.from({ length: batches }, (_, b) =>
    JSON.stringify({
      workshopId: fx.workshopId,
      lines: Array.from({ length: batchSize }, (_, i) => ({
        workerId: fx.workerIds[(b * batchSize + i) % fx.workerIds.length],
        workDate: `2024-${String(1 + (b % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        productId: fx.productId,
        goodQty: 50 + (i % 700),
        rejectedQty: i % 3,
      })),
    }),
  )
  const elu0 = performance.eventLoopUtilization()
  const r = await load({ base: srv.base, path: '/api/work-records', token: srv.token, total: batches, concurrency, bodies })
  const elu = performance.eventLoopUtilization(elu0).utilization
  if ((r.statuses['201'] ?? 0) !== batches) throw new Error(`bulk statuses ${JSON.stringify(r.statuses)}`)
  const rate = (batches * batchSize) / r.seconds
  console.log(
    `[${label}] bulk ingestion: ${batches} day sheets × ${batchSize} lines, ${concurrency} concurrent: ${(batches * batchSize).toLocaleString('en')} records in ${r.seconds.toFixed(2)} s = ${rate.toFixed(0)} records/s (goal ≥ 20,000: ${(rate / 20000).toFixed(2)}×); server event loop busy ${(elu * 100).toFixed(0)} %`,
  )
  await srv.close()
}

async function provinceLock(label: string, database: Database, workshopsN: number, workersN: number, days: number) {
  const db = database.db
  // Locking masks the ID numbers it freezes into the lines, and the batch's bank file opens account numbers.
  setActiveVault(createVault(randomBytes(32)))
  const month = '2025-10'
  let t = performance.now()
  await db.execute(sql`insert into workshops (name, type, region_code, status)
    select 'P工坊' || v.n, 'processing', v.code, 'operating'
    from (select code, row_number() over (order by code) as n from regions where level = 5 and code like '33%') v
    cross join generate_series(0, ${Math.ceil(workshopsN / 20000)}) k where v.n + k * 100000 <= ${workshopsN}`)
  const [{ n: wsCount }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from workshops where name like 'P工坊%'`)) as [{ n: number }]
  await db.execute(sql`insert into workers (name, id_number, birth_date, sex, region_code)
    select 'P工人' || i, 'PROV' || lpad(i::text, 14, '0'), '1965-01-01', 'F', '331126001200' from generate_series(1, ${workersN}) i`)
  await db.execute(sql`insert into workshop_members (workshop_id, worker_id, start_on)
    select ws.id, w.id, '2020-01-01'
    from (select id, row_number() over (order by id) - 1 as n from workers where id_number like 'PROV%') w
    join (select id, row_number() over (order by id) - 1 as n from workshops where name like 'P工坊%') ws on ws.n = w.n % ${wsCount}`)
  const setupPeople = (performance.now() - t) / 1000
  t = performance.now()
  await db.execute(sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen, product, pay_month)
    select m.workshop_id, m.worker_id, ws.region_code, (${`${month}-01`}::date + d), q, q % 7, 1234, round(q::numeric * 1234 / 100)::bigint, '压测', ${month}
    from workshop_members m join workshops ws on ws.id = m.workshop_id
    cross join generate_series(0, ${days - 1}) d
    cross join lateral (select 100 + (abs(hashtext(m.worker_id::text || d)) % 400) as q) qq
    where ws.name like 'P工坊%'`)
  await db.execute(sql`insert into paysheets (workshop_id, region_code, month) select id, region_code, ${month} from workshops where name like 'P工坊%'`)
  await db.execute(sql`analyze`)
  const setupRecords = (performance.now() - t) / 1000
  const records = workersN * days
  console.log(`[${label}] province set: ${wsCount.toLocaleString('en')} workshops, ${workersN.toLocaleString('en')} workers, ${records.toLocaleString('en')} work records in ${month} (setup ${setupPeople.toFixed(1)} s + ${setupRecords.toFixed(1)} s = ${(records / setupRecords).toFixed(0)} records/s set-based)`)
  t = performance.now()
  const locked = await db.transaction((tx) => lockMonth(tx, '33', month, null))
  const secs = (performance.now() - t) / 1000
  const [chk] = await queryRows<{ lines: number; total: string; rec: string }>(
    db,
    sql`select (select count(*)::int from paysheet_lines l join paysheets p on p.id = l.paysheet_id where p.month = ${month}) as lines,
        (select sum(total_fen)::text from paysheets where month = ${month}) as total,
        (select sum(amount_fen)::text from work_records where pay_month = ${month}) as rec`,
  )
  console.log(
    `[${label}] compute + lock the month: ${locked.toLocaleString('en')} sheets, ${chk!.lines.toLocaleString('en')} lines, hash-chained, in ${secs.toFixed(1)} s (goal ≤ 60 s: ${(60 / secs).toFixed(1)}× headroom); Σ sheets ${chk!.total} fen = Σ records ${chk!.rec} fen: ${chk!.total === chk!.rec ? 'yes' : 'NO'}`,
  )
  await provinceBatch(label, database, month, chk!.total)
}

/**
 * The month's wages paid through one payment batch: every worker with a bank card (sealed like any account), one
 * batch over all the locked sheets, then its bank file (GBK CSV and xlsx). The service is called directly: over
 * HTTP a batch takes at most 500 sheets at a time.
 */
async function provinceBatch(label: string, database: Database, month: string, sheetsTotal: string) {
  const db = database.db
  const vault = activeVault()
  const [admin] = await queryRows<{ id: string }>(db, sql`insert into users (username, password_hash, display_name, role) values ('bench-admin', 'x', '压测管理员', 'admin') returning id::text`)
  const caller = systemCaller({ user: { id: admin!.id, username: 'bench-admin', displayName: '压测管理员', role: 'admin', regionCode: null, enterpriseId: null, collectiveId: null, workerId: null, locale: 'zh-CN' } })
  let t = performance.now()
  const workers = await queryRows<{ id: string; name: string }>(db, sql`select id::text, name from workers where id_number like 'PROV%' order by id`)
  for (let i = 0; i < workers.length; i += 50_000) {
    const chunk = workers.slice(i, i + 50_000)
    const numbers = chunk.map((_, j) => {
      const body = `621799${String(i + j).padStart(12, '0')}`
      return body + luhnCheckDigit(body)
    })
    const arr = (xs: string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`
    await db.execute(sql`insert into worker_accounts (worker_id, bank, account_type, account_number_enc, account_number_bidx, last4, holder_name)
      select w, 'zjrcu', 'bank_card', e, b, l, h
      from unnest(${arr(chunk.map((w) => w.id))}::uuid[], ${arr(numbers.map((n) => seal(vault, FIELDS.workerAccountNumber, n)))}::text[],
        ${arr(numbers.map((n) => blindIndex(vault, FIELDS.workerAccountNumber, n)))}::text[], ${arr(numbers.map((n) => n.slice(-4)))}::text[],
        ${arr(chunk.map((w) => w.name))}::text[]) as x(w, e, b, l, h)`)
  }
  console.log(`[${label}] setup: ${workers.length.toLocaleString('en')} bank accounts sealed and stored in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  const sheetIds = (await queryRows<{ id: string }>(db, sql`select id::text from paysheets where month = ${month} and status = 'locked'`)).map((r) => r.id)
  t = performance.now()
  const made = await createBatch(db, caller, { paysheetIds: sheetIds }, null)
  const built = (performance.now() - t) / 1000
  const batch = made.body as { id: string; lineCount?: number; totalFen?: number }
  const [lines] = await queryRows<{ n: number; total: string }>(db, sql`select count(*)::int as n, sum(amount_fen)::text as total from payment_lines where batch_id = ${batch.id}::uuid`)
  for (const template of ['generic-csv', 'generic-xlsx']) {
    t = performance.now()
    const file = await batchBankFile(db, caller, batch.id, template)
    const secs = (performance.now() - t) / 1000
    const rows = Number(file.headers['X-Row-Count'])
    const total = file.headers['X-Total-Fen']
    console.log(
      `[${label}] payment batch of the month: ${lines!.n.toLocaleString('en')} lines from ${sheetIds.length.toLocaleString('en')} sheets built in ${built.toFixed(1)} s; ` +
        `${template} bank file of ${rows.toLocaleString('en')} rows (${(file.body.byteLength / 1e6).toFixed(1)} MB) in ${secs.toFixed(1)} s; ` +
        `together ${(built + secs).toFixed(1)} s (goal ≤ 30 s: ${(30 / (built + secs)).toFixed(2)}×); file total ${total} fen = Σ sheets' net ${sheetsTotal} fen: ${total === sheetsTotal && lines!.total === sheetsTotal ? 'yes' : 'NO'}`,
    )
  }
}

async function freshPostgres(url: string, name: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const u = new URL(url)
  u.pathname = `/${name}`
  const database = await openDatabase({ url: u.toString(), poolSize: 20 })
  await bootstrap(database, { demo: false })
  return database
}

/** Folds what the writes queued for the cockpit (normally done in the background and by readers). */
async function foldQueue(label: string, database: Database) {
  const [{ n }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cockpit_pending_work`)) as [{ n: number }]
  const t = performance.now()
  const folded = await foldPendingWork(database.db)
  const secs = (performance.now() - t) / 1000
  console.log(`[${label}] cockpit fold of what is still queued: ${folded.toLocaleString('en')} of ${n.toLocaleString('en')} lines in ${secs.toFixed(2)} s (${(folded / Math.max(secs, 1e-9)).toFixed(0)} lines/s)`)
}

async function main() {
  const days = Number(process.env.WAGES_BENCH_DAYS ?? 6)
  const n = Number(process.env.WAGES_BENCH_REQUESTS ?? 3000)
  if (!pgOnly) {
    // On disk, as `npm start` runs: on its own thread over the wire protocol (the server's default), and in the
    // server's thread (GONGFANG_PGLITE_THREAD=0), in the same run so that the two compare on the same load.
    for (const threaded of [false, true]) {
      const label = threaded ? 'PGlite thread' : 'PGlite in-process'
      const dir = mkdtempSync(join(tmpdir(), 'gf-bench-wages-'))
      const lite = await openDatabase({ dataDir: dir, threaded })
      await bootstrap(lite, { demo: false })
      await apiIngestion(label, lite, n, Number(process.env.WAGES_BENCH_CLIENTS ?? 16))
      await apiIngestion(label, lite, n, 16, 'spread')
      await bulkIngestion(label, lite, 4, 5000, 1)
      await foldQueue(label, lite)
      await lite.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const url = process.env.DATABASE_URL
  if (process.argv.includes('--pglite-only')) return
  if (!url) {
    // Parts 2–3 want PostgreSQL: run them on a throwaway cluster.
    const r = spawnSync('bash', ['scripts/with-postgres.sh', 'npx', 'tsx', 'server/bench/wages.bench.ts', '--pg-only'], { stdio: 'inherit' })
    process.exit(r.status ?? 1)
  }
  // Writers only queue lines for the cockpit (one small insert per statement); the fold is timed on its own.
  // WAGES_BENCH_PROVINCE_ONLY=1 runs part 3 alone (profiling the lock and the batch on a shared machine).
  if (!process.env.WAGES_BENCH_PROVINCE_ONLY) {
    const a = await freshPostgres(url, 'gf_bench_wages_api')
    await apiIngestion('PostgreSQL', a, n, 16)
    await bulkIngestion('PostgreSQL', a, 20, 5000, 4)
    await foldQueue('PostgreSQL', a)
    await a.close()
  }
  if (process.env.WAGES_BENCH_SKIP_PROVINCE) return
  const b = await freshPostgres(url, 'gf_bench_wages_province')
  // The province set is loaded set-based; queueing 3,000,000 lines for the cockpit is the cockpit's own benchmark.
  await b.db.execute(sql`alter table work_records disable trigger cockpit_work_records_ins`)
  await provinceLock('PostgreSQL', b, 11_000, 500_000, days)
  await b.close()
}

await main()
