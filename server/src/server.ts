import { serve } from '@hono/node-server'
import { mkdirSync } from 'node:fs'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { startHousekeeping } from './housekeeping.ts'
import { rootLogger } from './log.ts'
import { openDatabase } from './db/client.ts'
import { bootstrap } from './db/bootstrap.ts'
import { createApp } from './app.ts'
import { startBackgroundFold } from './modules/cockpit/fold.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/seed-demo.ts'

let config: Config
try {
  config = loadConfig()
} catch (e) {
  if (!(e instanceof ConfigError)) throw e
  console.error(e.message)
  process.exit(1)
}
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true })
const started = Date.now()
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
const result = await bootstrap(database, { demo: config.demo, log: true })
const app = createApp({ database })
// Work records reach the cockpit's roll-ups through a queue folded here and by every reader.
const stopFold = startBackgroundFold(database.db)
const stopHousekeeping = startHousekeeping(database.db, { idempotencyTtlHours: config.idempotencyTtlHours, everyMinutes: config.housekeepingMinutes, log: rootLogger })
const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.dataDir}`
  console.log(`Gongfang ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${where}`)
  if (result.regionsLoaded) console.log(`Loaded ${result.regionsLoaded} Zhejiang regions.`)
  console.log(`  Web UI:   http://localhost:${info.port}/`)
  console.log(`  API docs: http://localhost:${info.port}/api/docs`)
  if (config.demo) {
    console.log(`  Demo accounts (password "${DEMO_PASSWORD}"):`)
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(11)} ${a.displayName}`)
  }
})

let closing = false
async function shutdown() {
  if (closing) return
  closing = true
  server.close()
  stopHousekeeping()
  await stopFold()
  await database.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
