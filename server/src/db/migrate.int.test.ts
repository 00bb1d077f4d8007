import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { SQUASHED_AT, migrateDatabase, queryRows, sqlFilesHash } from './client.ts'
import { readSqlFiles } from './sql-files.ts'
import { openTestDatabase } from '../../test/test-db.ts'

const migrationLog = (db: Parameters<typeof queryRows>[0]) =>
  queryRows<{ n: number; last: string }>(db, sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`)

test('a database at the squashed baseline migrates; one older than the squash is refused with the way out and left as it was', async () => {
  const database = await openTestDatabase()
  try {
    const [before] = await migrationLog(database.db)
    expect(Number(before!.last)).toBeGreaterThanOrEqual(SQUASHED_AT)
    await migrateDatabase(database) // nothing to do, no error
    expect(await migrationLog(database.db)).toEqual([before])

    // What a database opened last at migration 0005 looks like to the migrator: its last entry is older.
    await database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = ${SQUASHED_AT - 1}`)
    await expect(migrateDatabase(database)).rejects.toThrow(/older than migration 0007.*482da1d/)
    const [after] = await migrationLog(database.db)
    expect(after).toEqual({ n: before!.n, last: String(SQUASHED_AT - 1) })
    const [t] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)
    expect(t!.n).toBeGreaterThan(70)
  } finally {
    await database.close()
  }
})

test('the SQL files are applied again when their text changed since the last start, and only then', async () => {
  const database = await openTestDatabase()
  const body = async () =>
    (await queryRows<{ src: string }>(database.db, sql`select prosrc as src from pg_proc where proname = 'auth_changed'`))[0]!.src
  try {
    const written = await body()
    await database.db.execute(
      sql.raw(`create or replace function auth_changed() returns trigger language plpgsql as $$ begin return null; end $$`),
    )
    await migrateDatabase(database) // files unchanged since they were applied: not run again
    expect(await body()).not.toBe(written)

    await database.db.execute(sql`update drizzle.gongfang_sql_files set hash = 'from an older version'`)
    await migrateDatabase(database)
    expect(await body()).toBe(written)
    expect(await queryRows(database.db, sql`select hash from drizzle.gongfang_sql_files`)).toEqual([{ hash: sqlFilesHash(readSqlFiles()) }])
  } finally {
    await database.close()
  }
})
