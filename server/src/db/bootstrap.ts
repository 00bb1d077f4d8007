import { migrateDatabase, type Database } from './client.ts'
import { ensureRegions } from '../regions/load-regions.ts'
import { isEmpty, seedDemo } from '../demo/seed-demo.ts'
import { demoSteps } from '../demo/extra.ts'

export interface BootstrapResult {
  regionsLoaded: number
  demoLoaded: boolean
}

/** Migrations, the region tree, and — on an empty database when asked — the demo data. */
export async function bootstrap(database: Database, opts: { demo: boolean; log?: boolean }): Promise<BootstrapResult> {
  await migrateDatabase(database)
  const regionsLoaded = await ensureRegions(database.db)
  let demoLoaded = false
  if (opts.demo && (await isEmpty(database.db))) {
    await seedDemo(database.db)
    for (const step of demoSteps) {
      const t0 = Date.now()
      await step.run(database.db)
      if (opts.log) console.log(`  demo: ${step.name} (${Date.now() - t0} ms)`)
    }
    demoLoaded = true
  }
  return { regionsLoaded, demoLoaded }
}
