import { sql } from 'drizzle-orm'
import { thisMonth as chinaMonth, addMonths } from '@gongfang/shared/clock'
import { queryRows, type Db } from '../db/client.ts'
import { ensureProducts, writeDemoWork } from './lines.ts'
import { generateRegistry, withBulkLoad } from './registry.ts'

/** Workers per statement when the province's lines are written: a county in one or two statements. */
const PROVINCE_SLICE_WORKERS = 20_000

/**
 * The demo plus the other ten cities of Zhejiang up to `workshops` and `workers` in all (workshops in proportion
 * to each county's villages), for benchmarks on PostgreSQL. Bulk SQL; a second call adds nothing.
 *
 * With `workMonths`, every member of the other cities' workshops also gets daily lines for that many full months
 * before this one (about 19 days a month: 500,000 workers make about 9.7 million lines a month), written by the
 * full demo's generator and folded into the roll-ups by the product, as any day sheet's lines are.
 */
export async function seedProvince(
  db: Db,
  opts: { workshops: number; workers: number; workMonths?: number; log?: (m: string) => void },
): Promise<void> {
  const log = opts.log ?? (() => {})
  const before = await count(db)
  if (before.ws >= opts.workshops * 0.9) {
    log(`  already province-sized: ${before.ws} workshops, ${before.wk} workers`)
  } else {
    await seedProvinceRegistry(db, opts, before, log)
  }
  if (opts.workMonths) await seedProvinceWork(db, opts.workMonths, log)
}

async function seedProvinceRegistry(db: Db, opts: { workshops: number; workers: number }, before: { ws: number; wk: number }, log: (m: string) => void) {
  const counties = await otherCounties(db)
  const wantWorkshops = Math.max(0, opts.workshops - before.ws)
  const wantWorkers = Math.max(0, opts.workers - before.wk)
  const allVillages = counties.reduce((a, c) => a + c.villages, 0)
  const byCounty: Record<string, number> = {}
  let given = 0
  for (const c of counties) given += byCounty[c.code] = Math.floor((wantWorkshops * c.villages) / allVillages)
  for (let i = 0; given < wantWorkshops; i = (i + 1) % counties.length, given++) byCounty[counties[i]!.code]!++
  const out = await withBulkLoad(db, (tx) =>
    generateRegistry(tx, { seed: 33_2026, workshopsByCounty: byCounty, workers: wantWorkers, enterprisesPerCounty: 25, log }),
  )
  log(`  added ${out.workshops} workshops, ${out.workers} workers, ${out.enterprises} enterprises, ${out.collectives} collectives`)
  await db.execute(sql`analyze`)
  const after = await count(db)
  log(`  total: ${after.ws.toLocaleString('en')} workshops, ${after.wk.toLocaleString('en')} workers`)
}

async function count(db: Db) {
  return (await queryRows<{ ws: number; wk: number }>(db, sql`select (select count(*)::int from workshops) as ws, (select count(*)::int from workers) as wk`))[0]!
}

function otherCounties(db: Db) {
  return queryRows<{ code: string; villages: number }>(
    db,
    sql`select c.code, (select count(*)::int from regions v where v.level = 5 and v.code like c.code || '%') as villages
        from regions c where c.level = 3 and c.code like '33%' and c.code not like '3311%' order by c.code`,
  )
}

/**
 * The other cities' daily lines for the `months` full months before this one, month by month (a month whose
 * slices are written is skipped, so a restart or a larger `months` adds only what is missing).
 */
async function seedProvinceWork(db: Db, months: number, log: (m: string) => void) {
  await ensureProducts(db)
  const counties = (await otherCounties(db)).map((c) => c.code)
  for (let i = months; i >= 1; i--) {
    const month = addMonths(chinaMonth(), -i)
    const lastDay = new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const t0 = Date.now()
    let lines = 0
    const out = await writeDemoWork(db, {
      from: `${month}-01`,
      to: lastDay,
      counties,
      sliceWorkers: PROVINCE_SLICE_WORKERS,
      progress: (done, total, n) => {
        lines += n
        if (done % 20 === 0 || done === total) log(`  work ${month}: ${done}/${total} slices, ${lines.toLocaleString('en')} lines (${((Date.now() - t0) / 1000).toFixed(0)} s)`)
      },
    })
    log(`  ${month}: ${out.lines.toLocaleString('en')} lines (${out.fen.toLocaleString('en')} fen), writing ${(out.ms.insert / 1000).toFixed(0)} s, folding ${((out.ms.fold + out.ms.queue) / 1000).toFixed(0)} s`)
  }
  await db.execute(sql`analyze`)
}
