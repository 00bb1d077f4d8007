import { describe, expect, test } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { MIGRATIONS_DIR, migrateDatabase, openDatabase, queryRows } from './client.ts'
import { buildStartTemplate, startTemplateFor, startTemplateKey, startTemplatePath } from './start-template.ts'
import { ensureRegions } from '../regions/load-regions.ts'
import { TEST_DB } from '../../test/test-db.ts'

describe.runIf(TEST_DB === 'pglite')('the first start’s database template', () => {
  test('a fresh data directory starts from it migrated and with its regions; an existing cluster never does', async () => {
    const path = await buildStartTemplate()
    expect(path).toBe(startTemplatePath())
    expect(path).toContain(startTemplateKey())
    const dir = mkdtempSync(join(tmpdir(), 'gf-start-template-'))
    try {
      const blob = startTemplateFor(dir)
      expect(blob?.size).toBeGreaterThan(1_000_000)
      const database = await openDatabase({ dataDir: dir, threaded: true, loadDataDir: blob })
      try {
        // Nothing left to migrate and nothing to load: the template already has both.
        await migrateDatabase(database)
        expect(await ensureRegions(database.db)).toBe(0)
        const [r] = await queryRows<{ n: number; m: number }>(
          database.db,
          sql`select (select count(*)::int from regions) as n, (select count(*)::int from drizzle.__drizzle_migrations) as m`,
        )
        expect(r!.n).toBeGreaterThan(27_000)
        expect(r!.m).toBe(JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')).entries.length)
      } finally {
        await database.close()
      }
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true)
      // The directory now holds a cluster: loading the template over it would lose its data.
      expect(startTemplateFor(dir)).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
