// npm install runs this (scripts/postinstall.mjs): the first start's embedded cluster, made once per version of
// the migrations and regions, so that `npm start` on a fresh machine skips PGlite's initdb and the region load.
import { readdirSync, rmSync } from 'node:fs'
import { dirname, basename } from 'node:path'
import { existsSync } from 'node:fs'
import { buildStartTemplate, startTemplatePath } from '../db/start-template.ts'

const path = startTemplatePath()
if (existsSync(path)) {
  console.log(`prepare: the first start's database template is up to date (${basename(path)})`)
} else {
  const t0 = Date.now()
  await buildStartTemplate()
  // Templates of older migrations are of no further use.
  for (const f of readdirSync(dirname(path))) if (f.startsWith('pglite-start-') && f !== basename(path)) rmSync(`${dirname(path)}/${f}`, { force: true })
  console.log(`prepare: made the first start's database template in ${((Date.now() - t0) / 1000).toFixed(1)} s (${basename(path)})`)
}
