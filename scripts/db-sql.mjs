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
const { readSqlFiles } = await import(join(root, 'server/src/db/sql-files.ts'))
const { splitStatements } = await import(join(root, 'server/src/db/sql-files.ts'))
const prelude = values.prelude ? splitStatements(readFileSync(values.prelude, 'utf8')) : []
// Only what changed: a function or trigger stands in the new migration when its last definition in the earlier
// migrations differs (or there is none), so each migration carries its change, not every file again.
const keyOf = (s) => {
  let m = /^CREATE (?:OR REPLACE )?FUNCTION\s+([\w.]+)\s*\(/i.exec(s)
  if (m) return { key: `fn:${m[1]}`, defines: true }
  m = /^DROP TRIGGER IF EXISTS\s+(\w+)\s+ON\s+([\w.]+)/i.exec(s)
  if (m) return { key: `trg:${m[1]}:${m[2]}`, defines: false }
  m = /^CREATE (?:CONSTRAINT )?TRIGGER\s+(\w+)\s[\s\S]*?\sON\s+([\w.]+)/i.exec(s)
  if (m) return { key: `trg:${m[1]}:${m[2]}`, defines: true }
  return null
}
const last = new Map()
for (const f of readdirSync(migrations).filter((f) => f.endsWith('.sql') && f !== created).sort()) {
  for (const s of splitStatements(readFileSync(join(migrations, f), 'utf8').replaceAll('--> statement-breakpoint', ''))) {
    const k = keyOf(s)
    if (k?.defines) last.set(k.key, s)
  }
}
const current = readSqlFiles().flatMap((f) => f.statements)
const changed = new Set(current.map((s) => keyOf(s)).filter((k, i) => k?.defines && last.get(k.key) !== current[i]).map((k) => k.key))
const statements = [...prelude, ...current.filter((s) => { const k = keyOf(s); return !k || changed.has(k.key) })]
writeFileSync(
  join(migrations, created),
  `-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.\n${statements.join('\n--> statement-breakpoint\n')}\n`,
)
console.log(`wrote ${created}: ${statements.length} statements`)
