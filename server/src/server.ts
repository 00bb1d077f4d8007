import { mkdirSync } from 'node:fs'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { openDatabase } from './db/client.ts'
import { startTemplateFor } from './db/start-template.ts'

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
// The embedded database starts on its own thread (a first start creates its cluster: seconds of WASM) while
// this thread loads the rest of the server's modules, so the two overlap on a machine with two cores.
const opening = openDatabase(
  config.databaseUrl
    ? { url: config.databaseUrl }
    : { dataDir: config.dataDir, threaded: config.pgliteThread, loadDataDir: startTemplateFor(config.dataDir) },
)
opening.catch(() => {}) // awaited below; a failure is reported there, not as an unhandled rejection meanwhile
const [
  { serve },
  { startHousekeeping },
  { rootLogger },
  { bootstrap },
  { warmRegionTree },
  { startOutbox, storingSender, webhookSender },
  { createApp },
  { startBackgroundFold },
  { DEMO_ACCOUNTS, DEMO_PASSWORD },
  { demoLoadStatus, isFullDemo, loadFullDemo },
  { VaultError, openVault, setActiveVault },
  { flagPublicDemoPasswords },
  { whenRequestsIdle },
] = await Promise.all([
  import('@hono/node-server'),
  import('./housekeeping.ts'),
  import('./log.ts'),
  import('./db/bootstrap.ts'),
  import('./modules/regions/service.ts'),
  import('./modules/payments/outbox.ts'),
  import('./app.ts'),
  import('./modules/cockpit/fold.ts'),
  import('./demo/seed-demo.ts'),
  import('./demo/full.ts'),
  import('./vault/index.ts'),
  import('./auth/demo-accounts.ts'),
  import('./http/in-flight.ts'),
])
const database = await opening
// The key is checked against the database before migrations or any write: a wrong or missing key stops here.
let opened
try {
  opened = await openVault(database, { env: process.env, dataDir: config.dataDir })
} catch (e) {
  await database.close()
  if (!(e instanceof VaultError)) throw e
  console.error(`Gongfang cannot start: ${e.message}`)
  process.exit(1)
}
const { vault, source } = opened
setActiveVault(vault)
if (source.created) console.log(`Created a new secret key at ${source.path} (mode 0600). Back it up: without it the ID and phone numbers cannot be read.`)
const result = await bootstrap(database, { demo: config.demo, log: true, vault })
// Migrations and the demo's generation may run long by design; requests may not.
database.limitStatements(config.statementTimeoutMs)
const flagged = config.demo ? [] : await flagPublicDemoPasswords(database.db)
await warmRegionTree(database.db)
const app = createApp({ database })
// Work records reach the cockpit's roll-ups through a queue folded here and by every reader.
const stopFold = startBackgroundFold(database.db, { giveWay: () => whenRequestsIdle(1_000) })
const stopOutbox = startOutbox(database.db, { send: config.smsWebhookUrl ? webhookSender(config.smsWebhookUrl) : storingSender(rootLogger), everySeconds: 30, log: rootLogger })
// The full demo's two years of daily work load after the server answers (progress at /api/public/demo-status).
if (config.demo === 'full' && (await isFullDemo(database.db))) {
  // Resumable: a statement stopped on a very busy machine (the thread restarts) costs one slice, not the load.
  void (async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        // Between its transactions the load waits (up to a second) until no request is being answered.
        await loadFullDemo(database.db, (m) => console.log(m), { lastAttempt: attempt === 5, giveWay: () => whenRequestsIdle(1_000) })
        return
      } catch (err) {
        console.error(`demo: background load stopped (attempt ${attempt} of 5; resuming where it stopped):`, err instanceof Error ? err.message.slice(0, 300) : err)
        // A restarting database thread reopens gigabytes of data: on a busy machine 10 s was not enough.
        await new Promise((r) => setTimeout(r, 10_000 * attempt))
      }
    }
  })()
}
const stopHousekeeping = startHousekeeping(database.db, { idempotencyTtlHours: config.idempotencyTtlHours, everyMinutes: config.housekeepingMinutes, analyzeSeconds: database.kind === 'pglite' ? 60 : undefined,
  // The full demo's background load analyses its tables after Lishui's lines itself.
  holdAnalyze: () => demoLoadStatus().state === 'loading',
  log: rootLogger,
})
const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.dataDir}`
  console.log(`Gongfang ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${where}`)
  if (result.regionsLoaded) console.log(`Loaded ${result.regionsLoaded} Zhejiang regions.`)
  console.log(`  Web UI:   http://localhost:${info.port}/`)
  console.log(`  API docs: http://localhost:${info.port}/api/docs`)
  if (flagged.length) console.log(`  Accounts with the public demo password must change it at next login: ${flagged.join(', ')}`)
  if (config.demo) {
    console.log(`  Demo accounts — PUBLIC password "${DEMO_PASSWORD}", for trying Gongfang only, never for real data:`)
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(11)} ${a.displayName}`)
  }
})

let closing = false
async function shutdown() {
  if (closing) return
  closing = true
  server.close()
  stopHousekeeping()
  stopOutbox()
  await stopFold()
  await database.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
