import { migrateDatabase, type Database } from './client.ts'
import { ensureRegions } from '../regions/load-regions.ts'
import { isEmpty, seedDemo } from '../demo/seed-demo.ts'
import { demoSteps } from '../demo/extra.ts'
import type { DemoScale } from '../config.ts'
import { compactSealedTables, recordKey, sealExisting, setActiveVault, type Vault } from '../vault/index.ts'

export interface BootstrapResult {
  regionsLoaded: number
  demoLoaded: boolean
  /** Plain personal numbers sealed on this start (one-time encryption of older rows), per "table.column". */
  sealed?: Record<string, number>
}

/**
 * Whether bootstrap empties the plain personal columns after sealing them: every service reads and writes
 * through the vault (sealWorkerPersonal / openWorkerPersonal …), so anything still plain there is a row
 * written before the vault (or by hand) and is sealed, then emptied.
 */
export const CLEAR_PLAINTEXT = true

/**
 * Migrations, the region tree, and — on an empty database when asked — the demo data. With a vault it becomes
 * the process's vault (the demo writes sealed numbers); the demo needs one.
 */
export async function bootstrap(
  database: Database,
  opts: { demo: boolean | DemoScale; log?: boolean; vault?: Vault; clearPlaintext?: boolean },
): Promise<BootstrapResult> {
  if (opts.vault) setActiveVault(opts.vault)
  await migrateDatabase(database)
  if (opts.vault) await recordKey(database.db, opts.vault)
  const regionsLoaded = await ensureRegions(database.db)
  let demoLoaded = false
  if (opts.demo && (await isEmpty(database.db))) {
    await seedDemo(database.db)
    // `true` is the small demo: tests and tools that only need accounts and a believable few months.
    for (const step of demoSteps(opts.demo === 'full' ? 'full' : 'small')) {
      const t0 = Date.now()
      await step.run(database.db)
      if (opts.log) console.log(`  demo: ${step.name} (${Date.now() - t0} ms)`)
    }
    demoLoaded = true
  }
  const clearPlaintext = opts.clearPlaintext ?? CLEAR_PLAINTEXT
  const sealed = opts.vault ? (await sealExisting(database.db, opts.vault, { clearPlaintext })).sealed : undefined
  // Plain numbers found and emptied (an upgrade, or rows written by hand): their old row versions go too.
  if (clearPlaintext && sealed && Object.values(sealed).some((n) => n > 0)) await compactSealedTables(database.db)
  return { regionsLoaded, demoLoaded, sealed }
}
