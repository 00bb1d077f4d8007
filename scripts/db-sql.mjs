// Writes a migration that applies server/src/db/sql/*.sql (CREATE OR REPLACE), after an optional prelude
// of drops: `npm run db:sql -- --name why [--prelude file.sql]`.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { name: { type: 'string' }, prelude: { type: 'string' } } })
if (!values.name) throw new Error('usage: npm run db:sql -- --name <why> [--prelude drops.sql]')
const root = new URL('..', import.meta.url).pathname
const migrations = join(root, 'server/src/db/migrations')
const before = new Set(readdirSync(migrations))
execFileSync('bash', [join(root, 'scripts/db-generate.sh'), '--custom', '--name', values.name], { stdio: 'inherit' })
const created = readdirSync(migrations).find((f) => f.endsWith('.sql') && !before.has(f))
if (!created) throw new Error('drizzle-kit did not create a migration')
const { readSqlFiles, splitStatements, functionBodies, triggerDefs } = await import(join(root, 'server/src/db/sql-files.ts'))
const prelude = values.prelude ? splitStatements(readFileSync(values.prelude, 'utf8')) : []
// Only what changed: a function or trigger stands in the new migration when what the earlier migrations leave in
// a database differs from the file (or is not there), so each migration carries its change, not every file again.
// Compared in a database migrated in memory, as the test does: earlier migrations spell the same definitions in
// other ways, so their text says nothing.
const { openDatabase, migrateDatabase, queryRows } = await import(join(root, 'server/src/db/client.ts'))
const { sql } = await import('drizzle-orm')
const database = await openDatabase()
await migrateDatabase(database)
const norm = (x) => x.replace(/\bpublic\./g, '').replace(/\s+/g, ' ').trim()
const liveFns = new Map(
  (await queryRows(database.db, sql`select p.proname as name, p.prosrc as body from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prokind = 'f'`)).map((f) => [f.name, norm(f.body)]),
)
const liveTrg = new Map(
  (
    await queryRows(
      database.db,
      sql`select t.tgname as name, c.relname as tbl, pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal and n.nspname = 'public'`,
    )
  ).map((x) => [`trg:${x.name}:${x.tbl}`, norm(x.def)]),
)
await database.close()
const keyOf = (s) => {
  let m = /^CREATE (?:OR REPLACE )?FUNCTION\s+([\w.]+)\s*\(/i.exec(s)
  if (m) return { key: `fn:${m[1]}`, defines: true }
  m = /^DROP TRIGGER IF EXISTS\s+(\w+)\s+ON\s+([\w.]+)/i.exec(s)
  if (m) return { key: `trg:${m[1]}:${m[2]}`, defines: false }
  m = /^CREATE (?:CONSTRAINT )?TRIGGER\s+(\w+)\s[\s\S]*?\sON\s+([\w.]+)/i.exec(s)
  if (m) return { key: `trg:${m[1]}:${m[2]}`, defines: true }
  return null
}
const files = readSqlFiles()
const bodies = functionBodies(files)
const triggers = new Map([...triggerDefs(files)].map(([k, v]) => [`trg:${k.replace('@', ':')}`, norm(v)]))
const current = files.flatMap((f) => f.statements)
const differs = (key) => {
  if (key.startsWith('fn:')) {
    const name = key.slice(3)
    return liveFns.get(name) !== norm(bodies.get(name) ?? '')
  }
  return liveTrg.get(key) !== triggers.get(key)
}
const changed = new Set(current.map((s) => keyOf(s)).filter((k) => k?.defines && differs(k.key)).map((k) => k.key))
const statements = [...prelude, ...current.filter((s) => { const k = keyOf(s); return !k || changed.has(k.key) })]
writeFileSync(
  join(migrations, created),
  `-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.\n${statements.join('\n--> statement-breakpoint\n')}\n`,
)
console.log(`wrote ${created}: ${statements.length} statements`)
