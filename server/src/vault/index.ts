import type { Database } from '../db/client.ts'
import { loadMasterKey, type MasterKeySource } from './key-source.ts'
import { recordedKey, verifyKey } from './store.ts'
import { createVault, type Vault } from './vault.ts'

export * from './vault.ts'
export { openMany } from './open-many.ts'
export * from './personal.ts'
export { hasDisability } from './sql.ts'
export { keyFilePath, loadMasterKey } from './key-source.ts'
export { SEALED_COLUMNS, compactSealedTables, recordKey, recordedKey, rotateKey, sealExisting, verifyKey } from './store.ts'

/**
 * At start, before migrations or any write: the key from the environment or key file, checked against
 * the key the database records. Throws a VaultError (the start stops, nothing changed) when it is wrong or missing.
 */
export async function openVault(database: Database, opts: { env: NodeJS.ProcessEnv; dataDir: string }): Promise<{ vault: Vault; source: MasterKeySource }> {
  const recorded = await recordedKey(database.db)
  const source = loadMasterKey({ ...opts, recordedKeyId: recorded?.keyId ?? null })
  const vault = createVault(source.key)
  verifyKey(vault, recorded)
  return { vault, source }
}

let active: Vault | null = null
/** The process's vault, set once at start (server.ts, admin CLI, test setup). */
export function setActiveVault(v: Vault | null) {
  active = v
}
export function activeVault(): Vault {
  if (!active) throw new Error('The vault is not open (call openVault at start)')
  return active
}
