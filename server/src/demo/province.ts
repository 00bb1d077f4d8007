import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client.ts'
import { generateRegistry, withBulkLoad } from './registry.ts'

/**
 * The demo plus the other ten cities of Zhejiang up to `workshops` and `workers` in all (workshops in proportion
 * to each county's villages), for benchmarks on PostgreSQL. Bulk SQL in one transaction; a second call adds nothing.
 */
export async function seedProvince(db: Db, opts: { workshops: number; workers: number; log?: (m: string) => void }): Promise<void> {
  const log = opts.log ?? (() => {})
  const count = async () => (await queryRows<{ ws: number; wk: number }>(db, sql`select (select count(*)::int from workshops) as ws, (select count(*)::int from workers) as wk`))[0]!
  const before = await count()
  if (before.ws >= opts.workshops * 0.9) {
    log(`  already province-sized: ${before.ws} workshops, ${before.wk} workers`)
    return
  }
  const counties = await queryRows<{ code: string; villages: number }>(
    db,
    sql`select c.code, (select count(*)::int from regions v where v.level = 5 and v.code like c.code || '%') as villages
        from regions c where c.level = 3 and c.code like '33%' and c.code not like '3311%' order by c.code`,
  )
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
  const after = await count()
  log(`  total: ${after.ws.toLocaleString('en')} workshops, ${after.wk.toLocaleString('en')} workers`)
}
