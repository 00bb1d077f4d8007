import { PGlite } from '@electric-sql/pglite'
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { fileURLToPath } from 'node:url'
import { createHash } from 'node:crypto'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Db | Tx
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DbKind
  /** The driver underneath, for the few things drizzle does not cover (dumps, COPY). */
  pglite?: PGlite
  pool?: pg.Pool
  close(): Promise<void>
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url))

// int8 as JS number (exact below 2^53, which fen amounts and counts stay under), as PGlite returns it.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v)
  return Number.isSafeInteger(n) ? n : BigInt(v)
})

export interface OpenOptions {
  /** postgres://… — PostgreSQL; otherwise embedded PGlite. */
  url?: string
  /** PGlite data directory; omitted = in memory. */
  dataDir?: string
  /** PGlite: start from a dumped data directory (tests). */
  loadDataDir?: Blob | File
  poolSize?: number
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 })
    pool.on('error', (err) => console.error('postgres pool error', err))
    const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db
    return { db, kind: 'postgres', pool, close: () => pool.end() }
  }
  const client = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
  })
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db
  return { db, kind: 'pglite', pglite: client, close: () => client.close() }
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR })
  } else {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR })
  }
}

/** Rows of a raw SQL query, the same on both drivers (int8 → number; numeric stays a string: wrap with Number()). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] }
  return res.rows
}

/** A drizzle SQL fragment as text and parameters, its placeholders numbered from `offset` + 1. */
export function compileSql(db: Db, fragment: SQL, offset = 0): { text: string; params: unknown[] } {
  const q = (db as unknown as { dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(fragment)
  return { text: offset ? q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : q.sql, params: q.params }
}

/** A parameter as an SQL literal for EXECUTE: dollar-quoted text (safe whatever it holds), numbers as digits. */
function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`)
    return String(v)
  }
  const text = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : JSON.stringify(v)
  let tag = 'gf'
  while (text.includes(`$${tag}$`)) tag += 'q'
  return `$${tag}$${text}$${tag}$`
}

const preparedByClient = new WeakMap<object, Map<string, Promise<string>>>()

/**
 * One statement straight to the driver (PGlite or the pg pool) for hot paths, prepared once per connection
 * (text with $1… placeholders; compile builder fragments such as scope filters with compileSql()), so later runs skip
 * parsing and planning (on PGlite that is most of a small statement's cost). PostgreSQL: node-postgres
 * named statements. PGlite: PREPARE once, then EXECUTE with the parameters as dollar-quoted literals.
 */
export async function preparedRows<T>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: object }).$client
  if (client instanceof PGlite) {
    let names = preparedByClient.get(client)
    if (!names) preparedByClient.set(client, (names = new Map()))
    if (names.size >= 200) {
      names.clear()
      await client.exec('DEALLOCATE ALL')
    }
    let name = names.get(text)
    if (!name) {
      const n = `gf_stmt_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`
      name = client.exec(`PREPARE ${n} AS ${text}`).then(() => n)
      names.set(text, name)
      name.catch(() => names.delete(text))
    }
    const [res] = await client.exec(`EXECUTE ${await name}(${params.map(sqlLiteral).join(', ')})`)
    return (res?.rows ?? []) as T[]
  }
  const pool = client as pg.Pool
  const name = `gf_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`
  return (await pool.query({ name, text, values: params })).rows as T[]
}
