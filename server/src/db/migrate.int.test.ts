import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { SQUASHED_AT, migrateDatabase, queryRows } from './client.ts'
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

    // What a database opened last at migration 0030 looks like to the migrator: its last entry is older.
    await database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = ${SQUASHED_AT - 1}`)
    await expect(migrateDatabase(database)).rejects.toThrow(/older than migration 0043.*be7e561/)
    const [after] = await migrationLog(database.db)
    expect(after).toEqual({ n: before!.n, last: String(SQUASHED_AT - 1) })
    const [t] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)
    expect(t!.n).toBeGreaterThan(70)
  } finally {
    await database.close()
  }
})
