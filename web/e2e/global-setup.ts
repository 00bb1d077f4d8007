import { rmSync } from 'node:fs'
import { E2E_TEMPLATE, startServer } from './harness'

/** Builds the run's template data directory once: the first start (migrations, regions, demo data). */
export default async function setup() {
  rmSync(E2E_TEMPLATE, { recursive: true, force: true })
  const server = await startServer({ dataDir: E2E_TEMPLATE, keepData: true })
  await server.stop() // SIGTERM: the server closes PGlite cleanly, so the directory can be copied
}
