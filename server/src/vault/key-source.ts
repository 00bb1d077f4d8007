import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { VaultError, newMasterKeyHex, parseMasterKey } from './vault.ts'

export const KEY_FILE_NAME = 'secret.key'
export const keyFilePath = (dataDir: string) => join(dataDir, KEY_FILE_NAME)

export interface MasterKeySource {
  key: Buffer
  origin: 'env' | 'file'
  /** The key file read or created (origin 'file'). */
  path?: string
  /** A new key file was created on this start. */
  created: boolean
}

/**
 * The master key: GONGFANG_SECRET_KEY when set, else the key file in the data directory (on PostgreSQL
 * without the variable: ./data/secret.key under the working directory), created with mode 0600 only when
 * the database has no sealed data yet. A database already sealed (recordedKeyId) never gets a new key:
 * a missing key stops the start instead of silently sealing new rows under a second key.
 */
export function loadMasterKey(opts: { env: NodeJS.ProcessEnv; dataDir: string; recordedKeyId: string | null }): MasterKeySource {
  const fromEnv = opts.env.GONGFANG_SECRET_KEY
  if (fromEnv !== undefined && fromEnv !== '') {
    try {
      return { key: parseMasterKey(fromEnv), origin: 'env', created: false }
    } catch (e) {
      throw new VaultError(`GONGFANG_SECRET_KEY: ${(e as Error).message}`)
    }
  }
  const path = keyFilePath(opts.dataDir)
  let text: string | null = null
  try {
    const st = statSync(path)
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
      throw new VaultError(`The key file ${path} is readable by other users (mode ${(st.mode & 0o777).toString(8)}); run: chmod 600 ${path}`)
    text = readFileSync(path, 'utf8')
  } catch (e) {
    if (e instanceof VaultError) throw e
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new VaultError(`Cannot read the key file ${path}: ${(e as Error).message}`)
  }
  if (text !== null) {
    try {
      return { key: parseMasterKey(text), origin: 'file', path, created: false }
    } catch (e) {
      throw new VaultError(`${path}: ${(e as Error).message}`)
    }
  }
  if (opts.recordedKeyId)
    throw new VaultError(
      `Missing secret key: the database was encrypted with key ${opts.recordedKeyId}, but GONGFANG_SECRET_KEY is not set and ${path} does not exist. ` +
        'Set GONGFANG_SECRET_KEY or restore the key file. Nothing was changed.',
    )
  const hex = newMasterKeyHex()
  mkdirSync(dirname(path), { recursive: true })
  // 'wx': never overwrite a key another process just wrote.
  writeFileSync(path, `${hex}\n`, { mode: 0o600, flag: 'wx' })
  return { key: parseMasterKey(hex), origin: 'file', path, created: true }
}
