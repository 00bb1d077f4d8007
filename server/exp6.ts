import { openDatabase } from './src/db/client.ts'
import { writeDemoMonth, LISHUI_WORKERS_FULL } from './src/demo/full.ts'
import { setActiveVault, createVault, parseMasterKey } from './src/vault/index.ts'
import { readFileSync } from 'node:fs'
setActiveVault(createVault(parseMasterKey(readFileSync('/tmp/fd2/secret.key', 'utf8').trim())))
const d = await openDatabase({ dataDir: '/tmp/fd2' })
const ph: Record<string, number> = {}
const t = Date.now()
const out = await writeDemoMonth(d.db, '2024-12', Object.keys(LISHUI_WORKERS_FULL), { paid: true, phase: (w, ms) => (ph[w] = (ph[w] ?? 0) + ms) })
console.log(out, Date.now() - t, ph)
await d.close()
