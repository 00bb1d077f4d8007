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
const statements = [...prelude, ...readSqlFiles().flatMap((f) => f.statements)]
writeFileSync(
  join(migrations, created),
  `-- Applies server/src/db/sql/*.sql, the one current definition of each function and trigger.\n${statements.join('\n--> statement-breakpoint\n')}\n`,
)
console.log(`wrote ${created}: ${statements.length} statements`)
