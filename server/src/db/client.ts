import { PGlite } from '@electric-sql/pglite'
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { fileURLToPath } from 'node:url'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import * as schema from './schema/index.ts'
import { readSqlFiles, type SqlFile } from './sql-files.ts'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Db | Tx
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DbKind
  /** The driver underneath, for the few things drizzle does not cover (dumps, COPY). In-process PGlite only. */
  pglite?: PGlite
  /** PostgreSQL, or PGlite on its own thread reached over the wire protocol. */
  pool?: pg.Pool
  /** Calls `onNotice` on every NOTIFY on `channel` (and once after a reconnect, when notices may have been missed). */
  listen?(channel: string, onNotice: () => void): Promise<void>
  /** Whether the database answers now (health): `busy` = a statement has run for over half a second. */
  state(): DatabaseState
  /**
   * From now on, end statements that run longer than `ms` (0 = no limit). Set after bootstrap: migrations and the
   * demo's set-based generation may run long by design. PostgreSQL: connections opened from now on (idle ones
   * opened before close within the pool's idle timeout).
   */
  limitStatements(ms: number): void
  close(): Promise<void>
}

export type DatabaseState = 'ok' | 'busy' | 'restarting'

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
  /** PGlite: start from a dumped data directory (tests; the first start's template, db/start-template.ts). */
  loadDataDir?: Blob | File
  poolSize?: number
  /**
   * PGlite only: run it on a worker thread and talk to it over the wire protocol (what the server does), so a long
   * statement never blocks the HTTP thread. Needs `dataDir`: a statement past `statementTimeoutMs` stops the thread,
   * which restarts from the data directory (PostgreSQL's crash recovery), the statement's transaction rolled back.
   */
  threaded?: boolean
  /** Longest a statement may run from the start (PostgreSQL: statement_timeout; threaded PGlite: the watchdog). Default none; see limitStatements. */
  statementTimeoutMs?: number
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.url) {
    // No JIT: it compiled the province-wide income aggregates for 0.3 s per request, more than it saved; the
    // server's statements are short reads and writes, not long analytics (PGlite has no JIT either).
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, statement_timeout: opts.statementTimeoutMs, options: '-c jit=off' })
    pool.on('error', (err) => console.error('postgres pool error', err))
    // A connection lost while checked out (in a transaction) fails its query; pg also emits it on the client,
    // which would end the process without a listener.
    pool.on('connect', (client) => client.on('error', (err) => console.error('postgres connection lost', err.message)))
    const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db
    return {
      db,
      kind: 'postgres',
      pool,
      state: () => 'ok',
      limitStatements: (ms) => void ((pool as unknown as { options: { statement_timeout?: number } }).options.statement_timeout = ms || undefined),
      close: () => pool.end(),
    }
  }
  if (opts.threaded) return openThreadedPglite(opts)
  const client = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    startParams: PGLITE_START_PARAMS,
  })
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db
  return {
    db,
    kind: 'pglite',
    pglite: client,
    listen: async (channel, onNotice) => void (await client.listen(channel, onNotice)),
    state: () => 'ok',
    limitStatements: () => {}, // in process, nothing could stop a statement anyway
    close: () => client.close(),
  }
}

/**
 * PGlite's own start parameters plus less write-ahead log for each written row. PGlite already runs without
 * fsync (-F), so full-page images, which guard against pages torn by a power cut, guard nothing it keeps; and with
 * no replicas or archive the minimal level suffices. A process that stops is still recovered from the log.
 * (The full demo's daily lines: about a sixth less work in the embedded database.)
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'full_page_writes=off', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0']

/** When the watchdog last stopped a statement past its limit (epoch ms; 0 = never): errors just after it are timeouts. */
let lastStatementTimeout = 0
export const statementTimedOutRecently = () => Date.now() - lastStatementTimeout < 5_000

async function openThreadedPglite(opts: OpenOptions): Promise<Database> {
  if (!opts.dataDir) throw new Error('threaded PGlite needs a data directory (it restarts from it after a timeout)')
  const socketDir = mkdtempSync(join(tmpdir(), 'gf-pglite-'))
  const socketPath = join(socketDir, '.s.PGSQL.5432')
  let limit = opts.statementTimeoutMs ?? 0
  const listeners = new Map<string, (() => void)[]>()
  let worker: Worker
  let state: DatabaseState = 'restarting'
  // When the statement the thread is running began (epoch ms; 0 = none), written by the thread itself into
  // shared memory: read here without waiting for a message, so a reply still queued behind a finished
  // statement, or a busy HTTP thread, never makes a short statement look long.
  const runningSince = new BigInt64Array(new SharedArrayBuffer(8))
  let closing = false

  const start = async (loadDataDir?: Blob | File) => {
    rmSync(socketPath, { force: true })
    worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir: opts.dataDir, loadDataDir, socketPath, channels: [...listeners.keys()], runningSince, startParams: PGLITE_START_PARAMS },
    })
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject)
      worker.on('message', (m: { type: string }) => m.type === 'ready' && resolve())
    })
    state = 'ok'
  }
  await start(opts.loadDataDir)

  const watchdog = setInterval(() => {
    if (state === 'restarting' || closing) return
    const since = Number(Atomics.load(runningSince, 0))
    const running = since ? Date.now() - since : 0
    state = running > 500 ? 'busy' : 'ok'
    if (limit && running > limit) {
      Atomics.store(runningSince, 0, 0n)
      lastStatementTimeout = Date.now()
      state = 'restarting'
      console.error(`PGlite: a statement ran past ${limit} ms; restarting the database thread`)
      void worker
        .terminate()
        .then(() => start())
        .catch((err: unknown) => console.error('PGlite: restart failed', err))
    }
  }, 100)
  watchdog.unref()

  const pool = new pg.Pool({ host: socketDir, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 })
  pool.on('error', () => {}) // an idle connection lost with a restarted thread; the next checkout reconnects
  pool.on('connect', (client) => {
    // A connection lost while checked out (the thread restarted under a transaction) fails that transaction's
    // query; pg also emits it on the client, which would end the process without a listener.
    client.on('error', () => {})
    // PGlite has one backend: a LISTEN made by the thread itself puts every notice into the protocol stream of
    // the connection whose statement sent it, ahead of that statement's ReadyForQuery.
    client.on('notification', (n) => listeners.get(n.channel)?.forEach((f) => f()))
    // Notices sent while no connection was open (a restart) are lost: listeners start afresh.
    for (const fns of listeners.values()) fns.forEach((f) => f())
  })
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db
  return {
    db,
    kind: 'pglite',
    pool,
    async listen(channel, onNotice) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`)
      const first = !listeners.has(channel)
      listeners.set(channel, [...(listeners.get(channel) ?? []), onNotice])
      if (!first) return
      const id = Math.random()
      worker.postMessage({ type: 'listen', channel, id })
      await new Promise<void>((resolve) => {
        const on = (m: { type: string; id?: number }) => m.type === 'listening' && m.id === id && (worker.off('message', on), resolve())
        worker.on('message', on)
      })
    },
    state: () => state,
    limitStatements: (ms) => void (limit = ms),
    async close() {
      closing = true
      clearInterval(watchdog)
      await pool.end()
      worker.postMessage({ type: 'close' })
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 10_000)
        worker.on('message', (m: { type: string }) => m.type === 'closed' && (clearTimeout(t), resolve()))
      })
      await worker.terminate()
      rmSync(socketDir, { recursive: true, force: true })
    },
  }
}

/**
 * Migrations 0000–0043, then 0000–0007 again, were squashed into one baseline (same schema; its `when` is the
 * last squashed migration's), so a database at that migration takes only what comes after it. One made before
 * cannot be brought up by the baseline: say how, rather than fail on "relation already exists".
 */
export const SQUASHED_AT = 1796473722466

async function refuseUnsquashed(db: Db): Promise<void> {
  const [t] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)
  if (!t?.present) return
  const [last] = await queryRows<{ at: string | null }>(db, sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`)
  if (last?.at != null && Number(last.at) < SQUASHED_AT) {
    throw new Error(
      'This database was made by a Gongfang version older than migration 0007_fold_batch_once. Open it once with ' +
        'Gongfang at commit 482da1d (which applies up to 0007; before 0043, first be7e561), then with this version. ' +
        '此数据库早于迁移 0007，请先用 482da1d 版本（早于 0043 的先用 be7e561）打开一次再升级。',
    )
  }
}

/** What the SQL files were when last applied, so an unchanged set is not run again at every start. */
export const sqlFilesHash = (files: SqlFile[]) =>
  createHash('sha256')
    .update(files.map((f) => `${f.name}\n${f.statements.join('\n')}`).join('\n'))
    .digest('hex')

/**
 * server/src/db/sql holds the one current definition of every function and trigger; migrations hold tables,
 * indexes and data. The files are applied after the migrations whenever their text changed (Flyway's repeatable
 * migrations): each statement is CREATE OR REPLACE, or a DROP TRIGGER IF EXISTS before its CREATE, so running
 * them again is safe. A function or trigger that leaves the files is dropped by a migration.
 */
async function applySqlFiles(db: Db): Promise<void> {
  const files = readSqlFiles()
  const hash = sqlFilesHash(files)
  await db.transaction(async (tx) => {
    // Two processes starting on one PostgreSQL database: the second waits, then finds the hash written.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('gongfang_sql_files'))`)
    await tx.execute(sql`create table if not exists drizzle.gongfang_sql_files (hash text not null, applied_at timestamptz not null default now())`)
    const [row] = await queryRows<{ hash: string }>(tx, sql`select hash from drizzle.gongfang_sql_files`)
    if (row?.hash === hash) return
    // A LANGUAGE sql body is checked when created, and may call a function defined further down the files.
    await tx.execute(sql`set local check_function_bodies = off`)
    for (const f of files) for (const statement of f.statements) await tx.execute(sql.raw(statement))
    await tx.execute(sql`delete from drizzle.gongfang_sql_files`)
    await tx.execute(sql`insert into drizzle.gongfang_sql_files (hash) values (${hash})`)
  })
}

export async function migrateDatabase(database: Database): Promise<void> {
  await refuseUnsquashed(database.db)
  if (database.pool) {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR })
  } else {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR })
  }
  await applySqlFiles(database.db)
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
