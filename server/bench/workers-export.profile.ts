// Times one province workers export (GET /workers/export as the province staff account) straight through the
// service, on the province bench database (npm run bench:api with BENCH_SCALE=province built it):
//   DATABASE_URL=postgres://postgres@127.0.0.1:55432/gf_bench_api_province npx tsx server/bench/workers-export.profile.ts [xlsx|csv]
// PROFILE_USER=lishui: another account; PROFILE_RUNS=3: several runs; PROFILE_OUT=file: keep the file.
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../src/db/client.ts'
import { users } from '../src/db/schema/index.ts'
import { systemCaller } from '../src/auth/caller.ts'
import { scopeOf } from '../src/auth/scope.ts'
import type { AuthUser } from '../src/auth/user.ts'
import { openVault, setActiveVault } from '../src/vault/index.ts'
import { exportWorkers } from '../src/modules/workers/export.ts'

const format = (process.argv[2] ?? 'xlsx') as 'xlsx' | 'csv'
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/gf_bench_api_province'
const database = await openDatabase({ url, poolSize: 4 })
const key = readFileSync(join(tmpdir(), 'gf_bench_api_province.key'), 'utf8')
setActiveVault((await openVault(database, { env: { GONGFANG_SECRET_KEY: key }, dataDir: tmpdir() })).vault)
const [u] = await database.db.select().from(users).where(eq(users.username, process.env.PROFILE_USER ?? 'zhejiang'))
const user: AuthUser = { ...u!, role: u!.role as AuthUser['role'], locale: 'zh-CN' }
const caller = { ...systemCaller({ user, scope: await scopeOf(database.db, user) }), ip: '127.0.0.1' }
for (let run = 0; run < Number(process.env.PROFILE_RUNS ?? 1); run++) {
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  const t0 = performance.now()
  const f = await exportWorkers(database.db, caller, { format, sort: 'name', dir: 'asc' } as Parameters<typeof exportWorkers>[2])
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, f.body)
  console.log(`${format}: ${(f.body.byteLength / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB; event loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms, max ${(delay.max / 1e6).toFixed(0)} ms`)
  delay.disable()
}
await database.close()
