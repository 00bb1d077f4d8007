// npm run seed -- --scale lishui|province [--workers N]
//   lishui:   the demo data (a Lishui-sized programme) into an empty database.
//   province: the demo plus the other ten cities of Zhejiang — ≈ 11,000 workshops and ≈ 500,000
//             workers in all — for benchmarks on PostgreSQL (DATABASE_URL). Bulk SQL, one transaction.
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { loadConfig } from '../config.ts'
import { openDatabase, queryRows } from '../db/client.ts'
import { bootstrap } from '../db/bootstrap.ts'
import { generateRegistry, withBulkLoad } from '../demo/registry.ts'
import { VaultError, openVault } from '../vault/index.ts'

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'lishui' }, workers: { type: 'string' }, workshops: { type: 'string' } } })
if (values.scale !== 'lishui' && values.scale !== 'province') {
  console.error('Usage: npm run seed -- --scale lishui|province')
  process.exit(2)
}
const PROVINCE_WORKSHOPS = Number(values.workshops ?? 11_000)
const PROVINCE_WORKERS = Number(values.workers ?? 500_000)

const config = loadConfig()
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
const t0 = Date.now()
try {
  console.log(`seed: ${database.kind}${config.databaseUrl ? '' : ` at ${config.dataDir}`}, scale ${values.scale}`)
  let vault
  try {
    vault = (await openVault(database, { env: process.env, dataDir: config.dataDir })).vault
  } catch (e) {
    if (!(e instanceof VaultError)) throw e
    console.error(`seed: ${e.message}`)
    await database.close()
    process.exit(1)
  }
  const boot = await bootstrap(database, { demo: true, log: true, vault })
  if (!boot.demoLoaded) console.log('  demo data already present')
  if (values.scale === 'province') {
    const db = database.db
    const count = async () => (await queryRows<{ ws: number; wk: number }>(db, sql`select (select count(*)::int from workshops) as ws, (select count(*)::int from workers) as wk`))[0]!
    const before = await count()
    if (before.ws >= PROVINCE_WORKSHOPS * 0.9) {
      console.log(`  already province-sized: ${before.ws} workshops, ${before.wk} workers`)
    } else {
      // The other cities' counties, workshops in proportion to their villages.
      const counties = await queryRows<{ code: string; villages: number }>(
        db,
        sql`select c.code, (select count(*)::int from regions v where v.level = 5 and v.code like c.code || '%') as villages
            from regions c where c.level = 3 and c.code like '33%' and c.code not like '3311%' order by c.code`,
      )
      const wantWorkshops = Math.max(0, PROVINCE_WORKSHOPS - before.ws)
      const wantWorkers = Math.max(0, PROVINCE_WORKERS - before.wk)
      const allVillages = counties.reduce((a, c) => a + c.villages, 0)
      const byCounty: Record<string, number> = {}
      let given = 0
      for (const c of counties) given += byCounty[c.code] = Math.floor((wantWorkshops * c.villages) / allVillages)
      for (let i = 0; given < wantWorkshops; i = (i + 1) % counties.length, given++) byCounty[counties[i]!.code]!++
      const out = await withBulkLoad(db, (tx) =>
        generateRegistry(tx, { seed: 33_2026, workshopsByCounty: byCounty, workers: wantWorkers, enterprisesPerCounty: 25, log: (m) => console.log(m) }),
      )
      console.log(`  added ${out.workshops} workshops, ${out.workers} workers, ${out.enterprises} enterprises, ${out.collectives} collectives`)
      await db.execute(sql`analyze`)
    }
    const after = await count()
    console.log(`  total: ${after.ws.toLocaleString('en')} workshops, ${after.wk.toLocaleString('en')} workers`)
  }
  console.log(`seed: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
} finally {
  await database.close()
}
