import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { openDatabase, type Database } from '../src/db/client.ts'
import { createVault, parseMasterKey, setActiveVault, type Vault } from '../src/vault/index.ts'

export const TEST_DB = (process.env.GF_TEST_DB ?? 'pglite') as 'pglite' | 'postgres'
export const PGLITE_TEMPLATE = resolve(import.meta.dirname, '../../.tmp/pglite-template.tar.gz')
export const PG_TEMPLATE_DB = 'gf_test_template'

/** The key the test template is sealed with (tests only; never a real deployment's). */
export const TEST_SECRET_KEY = '6a1f0c9e5d2b47a38e01f6c2d9b4a7e35c8d0f1a2b3c4d5e6f708192a3b4c5d6'
export const testVault = (): Vault => createVault(parseMasterKey(TEST_SECRET_KEY))

export function postgresUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('int-postgres needs DATABASE_URL (npm test starts a throwaway cluster; see scripts/test.sh)')
  return url
}

export function urlForDb(url: string, dbName: string): string {
  const u = new URL(url)
  u.pathname = `/${dbName}`
  return u.toString()
}

/**
 * A fresh database with migrations, the region tree and the demo data (sealed with TEST_SECRET_KEY, the
 * process's vault from here on), copied from the template
 * that global-setup built once: a PGlite data dump, or a PostgreSQL template database.
 */
export async function openTestDatabase(): Promise<Database> {
  setActiveVault(testVault())
  if (TEST_DB === 'pglite') {
    const blob = new Blob([readFileSync(PGLITE_TEMPLATE)])
    if (process.env.GF_TEST_PGLITE_THREADED !== '1') return openDatabase({ loadDataDir: blob })
    // As the server runs it: on its own thread, over the wire protocol (the data directory removed on close).
    const dataDir = mkdtempSync(join(tmpdir(), 'gf-test-'))
    const database = await openDatabase({ loadDataDir: blob, dataDir, threaded: true })
    const close = database.close
    database.close = async () => {
      await close()
      rmSync(dataDir, { recursive: true, force: true })
    }
    return database
  }
  const url = postgresUrl()
  const name = `gf_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    // Two files cloning the template at once get "being accessed by other users": wait and retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`)
        break
      } catch (err) {
        if (attempt > 50 || !/being accessed/.test(String(err))) throw err
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
      }
    }
  } finally {
    await admin.end()
  }
  const database = await openDatabase({ url: urlForDb(url, name), poolSize: 20 })
  const close = database.close
  database.close = async () => {
    await close()
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await c.end()
  }
  return database
}
