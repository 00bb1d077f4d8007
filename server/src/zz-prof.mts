import { readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from './app.ts'
import { openDatabase } from './db/client.ts'
import { openVault, setActiveVault } from './vault/index.ts'
import { DEMO_PASSWORD } from './demo/seed-demo.ts'
const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:55432/gf_bench_api_province', poolSize: 10 })
const { vault } = await openVault(database, { env: { GONGFANG_SECRET_KEY: readFileSync('/tmp/gf_bench_api_province.key', 'utf8') }, dataDir: mkdtempSync(join(tmpdir(), 'zz-')) })
setActiveVault(vault)
const app = createApp({ database, serveWeb: false, log: (await import('./log.ts')).rootLogger.child({}, { level: 'warn' }) })
const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhejiang', password: DEMO_PASSWORD }) })
const { token } = (await login.json()) as { token: string }
const t0 = performance.now()
const res = await app.request(`/api/workers/export?format=${process.argv[2] ?? 'xlsx'}`, { headers: { authorization: `Bearer ${token}` } })
const body = await res.arrayBuffer()
console.log(res.status, body.byteLength, ((performance.now() - t0) / 1000).toFixed(1), 's')
await database.close()
