// npm run seed -- --scale lishui|province [--workers N] [--workshops N] [--months N]
//   lishui:   the demo data (a Lishui-sized programme) into an empty database.
//   province: the demo plus the other ten cities of Zhejiang — ≈ 11,000 workshops and ≈ 500,000
//             workers in all — for benchmarks on PostgreSQL (DATABASE_URL). Bulk SQL; then daily lines for
//             every member of the other cities' workshops over the last N full months (default 2: about
//             19 million lines).
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { bootstrap } from '../db/bootstrap.ts'
import { seedProvince } from '../demo/province.ts'
import { VaultError, openVault } from '../vault/index.ts'

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'lishui' }, workers: { type: 'string' }, workshops: { type: 'string' }, months: { type: 'string' } } })
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
  if (values.scale === 'province') await seedProvince(database.db, { workshops: PROVINCE_WORKSHOPS, workers: PROVINCE_WORKERS, workMonths: Number(values.months ?? 2), log: (m) => console.log(m) })
  console.log(`seed: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
} finally {
  await database.close()
}
