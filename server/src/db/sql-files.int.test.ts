import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../test/harness.ts'
import { queryRows } from './client.ts'
import { functionBodies, readSqlFiles, triggerDefs } from './sql-files.ts'

const t = useTestApp()
const norm = (s: string) => s.replace(/\bpublic\./g, '').replace(/\s+/g, ' ').trim()

test('every SQL function and trigger in the database is the one written in server/src/db/sql, and nothing else is there', async () => {
  const files = readSqlFiles()
  const bodies = functionBodies(files)
  const triggers = triggerDefs(files)
  const liveFns = await queryRows<{ name: string; body: string }>(
    t.database.db,
    sql`select p.proname as name, p.prosrc as body from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prokind = 'f'`,
  )
  expect(liveFns.map((f) => f.name).sort()).toEqual([...bodies.keys()].sort())
  for (const f of liveFns) expect(norm(f.body), f.name).toBe(norm(bodies.get(f.name)!))
  const liveTrg = await queryRows<{ name: string; tbl: string; def: string }>(
    t.database.db,
    sql`select t.tgname as name, c.relname as tbl, pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal and n.nspname = 'public'`,
  )
  expect(liveTrg.map((x) => `${x.name}@${x.tbl}`).sort()).toEqual([...triggers.keys()].sort())
  for (const x of liveTrg) expect(norm(x.def), x.name).toBe(norm(triggers.get(`${x.name}@${x.tbl}`)!))
})
