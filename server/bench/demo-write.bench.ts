// npm run bench:demo-write — what writing the full demo's daily lines costs on the embedded
// database (PGlite, in process), and how much of it is the secondary indexes of work_records (issue #16: the
// background load writes ~3.8 M lines for Lishui). Two fresh databases with the product's schema: one writes
// with every index in place, the other with the secondary indexes dropped and built after the last line.
// Lines as the demo writes them (80 workers a statement, worker by worker, Mon–Sat over 23 months, triggers off).
// BENCH_SLICES (default 30, ≈1.15 M lines) sets the size. Run on a quiet machine, or both in the same conditions.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase, queryRows, type Db } from '../src/db/client.ts'
import { bootstrap } from '../src/db/bootstrap.ts'

const SLICES = Number(process.env.BENCH_SLICES ?? 30)
const PER_SLICE = 80

async function prepare(db: Db): Promise<void> {
  // Stand-ins for the registry: the lines only need ids (foreign keys are not checked with triggers off).
  await db.execute(sql`create temp table bw as select gen_random_uuid() as id, i % 900 as shop, i from generate_series(1, ${SLICES * PER_SLICE}) i`)
  await db.execute(sql`create temp table bs as select i as shop, gen_random_uuid() as id,
    '3311' || lpad((i % 9)::text, 2, '0') || lpad((i % 50)::text, 6, '0') as rc from generate_series(0, 899) i`)
}

async function writeSlices(db: Db): Promise<{ lines: number; ms: number }> {
  let lines = 0
  const t0 = performance.now()
  for (let k = 0; k < SLICES; k++) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`)
      const [r] = await queryRows<{ n: number }>(
        tx,
        sql`with ins as (insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen,
            low_income, disabled, product_id, product, pay_month, work_minutes)
          select s.id, w.id, s.rc, g.d::date, 100, 1, 3000, 3000, false, false, s.id, '香菇分拣', to_char(g.d, 'YYYY-MM'), 300
          from bw w join bs s on s.shop = w.shop cross join generate_series('2025-01-01'::date, '2026-11-30'::date, interval '1 day') g(d)
          where w.i > ${k * PER_SLICE} and w.i <= ${(k + 1) * PER_SLICE} and extract(isodow from g.d) < 7 and (w.i + extract(doy from g.d)::int) % 10 < 8
          order by w.id, s.id, g.d returning id) select count(*)::int as n from ins`,
      )
      lines += Number(r?.n ?? 0)
    })
  }
  return { lines, ms: performance.now() - t0 }
}

async function fresh<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gf-bench-demo-write-'))
  const database = await openDatabase({ dataDir })
  try {
    await bootstrap(database, { demo: false })
    await prepare(database.db)
    return await fn(database.db)
  } finally {
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const us = (ms: number, lines: number) => ((ms * 1000) / lines).toFixed(1)

const withIndexes = await fresh(writeSlices)
console.log(`with indexes:        ${withIndexes.lines.toLocaleString('en')} lines, ${(withIndexes.ms / 1000).toFixed(1)} s, ${us(withIndexes.ms, withIndexes.lines)} µs/line`)

const deferred = await fresh(async (db) => {
  const defs = await queryRows<{ name: string; def: string }>(
    db,
    sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'work_records' and indexname <> 'work_records_pkey' and indexdef not like '%WHERE%'`,
  )
  for (const d of defs) await db.execute(sql.raw(`drop index ${d.name}`))
  const w = await writeSlices(db)
  const builds: string[] = []
  const t0 = performance.now()
  for (const d of defs) {
    const t = performance.now()
    await db.execute(sql.raw(d.def))
    builds.push(`${d.name} ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  return { ...w, buildMs: performance.now() - t0, builds }
})
console.log(`without (then built): ${deferred.lines.toLocaleString('en')} lines, writing ${(deferred.ms / 1000).toFixed(1)} s (${us(deferred.ms, deferred.lines)} µs/line),`)
console.log(`  index builds ${(deferred.buildMs / 1000).toFixed(1)} s (${us(deferred.buildMs, deferred.lines)} µs/line): ${deferred.builds.join(', ')}`)
const total = deferred.ms + deferred.buildMs
console.log(`  in all ${us(total, deferred.lines)} µs/line, ${(total / withIndexes.ms).toFixed(2)} × the write with indexes`)
