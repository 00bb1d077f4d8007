import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import pg from 'pg'
import { openDatabase } from '../src/db/client.ts'
import { bootstrap } from '../src/db/bootstrap.ts'
import { PGLITE_TEMPLATE, PG_TEMPLATE_DB, postgresUrl, testVault, urlForDb } from './test-db.ts'

/** Builds the template database once per run: migrations + regions + demo data. */
export async function buildTemplate(kind: 'pglite' | 'postgres') {
  if (kind === 'pglite') {
    const database = await openDatabase()
    await bootstrap(database, { demo: true, vault: testVault() })
    const dump = await database.pglite!.dumpDataDir('gzip')
    mkdirSync(dirname(PGLITE_TEMPLATE), { recursive: true })
    writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()))
    await database.close()
    return
  }
  const url = postgresUrl()
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`)
  await admin.end()
  const database = await openDatabase({ url: urlForDb(url, PG_TEMPLATE_DB) })
  await bootstrap(database, { demo: true, vault: testVault() })
  await database.close()
}
