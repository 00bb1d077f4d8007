// npm run bench:import — rows/s of a 100,000-worker import (CSV, one transaction) on PGlite, and on
// PostgreSQL when DATABASE_URL is set (bash scripts/with-postgres.sh npm run bench:import).
import { sql } from 'drizzle-orm'
import { openDatabase, queryRows, type Database } from '../src/db/client.ts'
import { bootstrap } from '../src/db/bootstrap.ts'
import { toCsv } from '../src/files/export.ts'
import { parseSpreadsheet } from '../src/files/import.ts'
import { prepareImport, writeImport, type ImportCaller } from '../src/modules/imports/service.ts'
import { SAMPLE_WORKER_COLUMNS, sampleWorkerRows } from '../src/modules/imports/sample-data.ts'

const N = Number(process.env.BENCH_ROWS ?? 100_000)
const GOALS = { pglite: 5_000, postgres: 20_000 }

async function run(database: Database) {
  const t0 = performance.now()
  await bootstrap(database, { demo: false })
  const villages = (await queryRows<{ code: string }>(database.db, sql`select code from regions where level = 5 and code like '3311%' order by code`)).map((r) => r.code)
  // Fresh people each run (sequence base from the clock) so reruns on one database do not collide.
  const seqBase = Number((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from workers`))[0]!.n)
  const rows = sampleWorkerRows(N, villages, 99, seqBase)
  const file = toCsv(SAMPLE_WORKER_COLUMNS, rows)
  const caller: ImportCaller = { user: null, scope: { kind: 'all' }, locale: 'zh-CN' }
  console.log(`  setup ${((performance.now() - t0) / 1000).toFixed(1)} s; file ${(file.length / 1e6).toFixed(1)} MB`)

  const a = performance.now()
  const sheet = await parseSpreadsheet(file)
  const b = performance.now()
  const p = await prepareImport(database.db, caller, 'workers', sheet)
  if (p.errors.length) throw new Error(`unexpected errors: ${JSON.stringify(p.errors.slice(0, 3))}`)
  const c = performance.now()
  const n = await writeImport(database.db, caller, p)
  const d = performance.now()
  const total = (d - a) / 1000
  const rate = Math.round(n / total)
  const goal = GOALS[database.kind]
  console.log(`  parse ${((b - a) / 1000).toFixed(2)} s · validate+dedupe ${((c - b) / 1000).toFixed(2)} s · write ${((d - c) / 1000).toFixed(2)} s`)
  console.log(`  ${database.kind}: ${n.toLocaleString('en')} workers in ${total.toFixed(2)} s = ${rate.toLocaleString('en')} rows/s (goal ≥ ${goal.toLocaleString('en')}/s: ${rate >= goal ? 'met' : 'NOT met'}, ratio ${(rate / goal).toFixed(2)})`)
  return rate
}

console.log(`Import benchmark: ${N.toLocaleString('en')} workers, CSV UTF-8, validated, deduplicated, one transaction`)
// BENCH_DB=postgres or pglite runs one of the two only.
const only = process.env.BENCH_DB
if (only !== 'postgres') {
  const lite = await openDatabase()
  try {
    await run(lite)
  } finally {
    await lite.close()
  }
}
if (process.env.DATABASE_URL && only !== 'pglite') {
  const pg = await openDatabase({ url: process.env.DATABASE_URL })
  try {
    await run(pg)
  } finally {
    await pg.close()
  }
} else console.log('  postgres: skipped (set DATABASE_URL, e.g. bash scripts/with-postgres.sh npm run bench:import)')
