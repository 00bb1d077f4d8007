// After npm install: what the first `npm start` would otherwise spend its first seconds on — the web app's build
// and the embedded database's template (server/src/db/start-template.ts). Best effort: if either fails, install
// still succeeds and `npm start` does the work itself.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { buildWebIfStale } from './web-build.mjs'

if (process.env.GONGFANG_SKIP_PREPARE === '1') process.exit(0)
const root = new URL('..', import.meta.url).pathname
if (buildWebIfStale() !== 0) console.warn('postinstall: the web build failed; npm start will try again')
const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/prepare-start.ts')], { cwd: root, stdio: 'inherit' })
if (r.status !== 0) console.warn('postinstall: no database template made; the first npm start creates its database itself (a few seconds longer)')
