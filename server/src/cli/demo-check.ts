// npm run demo:check [-- --data-dir DIR]
//   Starts the server on a fresh embedded database with the full demo (as `npm start` does on a first start),
//   times "API ready" (health answers and a demo account logs in) and "fully loaded" (the background load done),
//   watches /api/health meanwhile, then reads the cockpit's figures, computed by the product from the daily
//   lines, for the last full calendar year and prints them beside the articles' table with the ratio of each.
//   With --data-dir it reads an existing full-demo directory instead of starting a server.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { freePort } from './free-port.ts'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { today } from '@gongfang/shared/clock'
import { openDatabase, queryRows, type Db } from '../db/client.ts'
import { figuresOf, periodOf } from '../modules/cockpit/service.ts'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const READY_GOAL_S = 15
const FULL_GOAL_S = 120
const READ_EVERY_MS = 5_000

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, keep: { type: 'boolean', default: false } } })

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function startAndLoad(dataDir: string): Promise<{ readyS: number; fullS: number; healthP99: number; healthMax: number; dbP50: number; dbP99: number; dbMax: number; reads: number; lines: number }> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const t0 = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), GONGFANG_DATA_DIR: dataDir, GONGFANG_DEMO: 'full', GONGFANG_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  child.stdout!.on('data', (b: Buffer) => {
    for (const line of b.toString().split('\n')) if (line.startsWith('  demo:') || line.startsWith('Gongfang ready')) console.log(`  | ${line.trim()}`)
  })
  try {
    let readyS = 0
    for (;;) {
      if (child.exitCode != null) throw new Error(`the server stopped (exit ${child.exitCode})`)
      try {
        const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'lishui', password: 'gongfang-demo' }) })
        if (login.ok) {
          readyS = (Date.now() - t0) / 1000
          break
        }
      } catch {
        /* not listening yet */
      }
      await sleep(200)
    }
    const health: number[] = []
    // A request that waits on the database (the public page's figures): what a visitor meets during the load. Every
    // 5 s, a visitor opening a page: the page itself polls only the progress, which needs no database, and reading
    // the figures every half second added its own seconds to the load it measured.
    const reads: number[] = []
    let lines = 0
    let lastRead = -Infinity
    for (;;) {
      const h0 = performance.now()
      await fetch(`${base}/api/health`)
      health.push(performance.now() - h0)
      if (performance.now() - lastRead >= READ_EVERY_MS) {
        const r0 = (lastRead = performance.now())
        await (await fetch(`${base}/api/public/summary`)).arrayBuffer()
        reads.push(performance.now() - r0)
      }
      const s = (await (await fetch(`${base}/api/public/demo-status`)).json()) as { state: string; percent: number; step: string; lines: number }
      lines = s.lines
      if (s.state === 'failed') throw new Error(`the background load failed: ${s.step}`)
      if (s.state === 'done') break
      await sleep(500)
    }
    const fullS = (Date.now() - t0) / 1000
    health.sort((a, b) => a - b)
    reads.sort((a, b) => a - b)
    const at = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0
    return { readyS, fullS, healthP99: at(health, 0.99), healthMax: health.at(-1) ?? 0, dbP50: at(reads, 0.5), dbP99: at(reads, 0.99), dbMax: reads.at(-1) ?? 0, reads: reads.length, lines }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

interface Row {
  scope: string
  figure: string
  article: number
  demo: number
  unit: string
  /** Thin on purpose (the other cities): shown, not counted as a miss. */
  thin?: string
}

async function figures(db: Db): Promise<Row[]> {
  const year = String(Number(today().slice(0, 4)) - 1)
  const p = periodOf({ from: `${year}-01`, to: `${year}-12` })
  const [zj, ls, qy] = [await figuresOf(db, '33', p), await figuresOf(db, '3311', p), await figuresOf(db, '331126', p)]
  const yuan = (fen: number | null) => (fen ?? 0) / 100
  // Qingyuan's workshops for disabled workers: those where at least 30 % of the members are disabled, each one's
  // average from its own roll-up node (the cockpit's workshop level).
  const support = await queryRows<{ id: string }>(
    db,
    sql`select m.workshop_id::text as id from workshop_members m join workers w on w.id = m.worker_id join workshops s on s.id = m.workshop_id
        where s.region_code like '331126%' group by m.workshop_id
        having count(*) filter (where w.disability_grade_enc is not null) * 10 >= 3 * count(*) order by 1`,
  )
  let supportWages = 0
  let supportPeople = 0
  for (const s of support) {
    const f = await figuresOf(db, s.id, p)
    supportWages += f.wagesFen
    supportPeople += f.workersEmployed
  }
  const thin = 'the other ten cities are thin in the embedded demo; `npm run seed -- --scale province` on PostgreSQL has the full province'
  return [
    { scope: '浙江 Zhejiang', figure: 'workshops', article: 11_145, demo: zj.workshopsOperating, unit: '' },
    { scope: '浙江 Zhejiang', figure: 'farmers employed', article: 498_000, demo: zj.workersEmployed, unit: '', thin },
    { scope: '浙江 Zhejiang', figure: 'low-income employed', article: 49_000, demo: zj.lowIncomeEmployed, unit: '', thin },
    { scope: '浙江 Zhejiang', figure: 'avg monthly increase / person', article: 2_600, demo: yuan(zj.avgMonthlyIncreaseFen), unit: '¥' },
    { scope: '丽水 Lishui', figure: 'workshops', article: 944, demo: ls.workshopsOperating, unit: '' },
    { scope: '丽水 Lishui', figure: 'agri-tourism workshops', article: 164, demo: ls.workshopsByType.agritourism, unit: '' },
    { scope: '丽水 Lishui', figure: 'livestream workshops', article: 131, demo: ls.workshopsByType.ecommerce, unit: '' },
    { scope: '丽水 Lishui', figure: 'workers employed', article: 7_300, demo: ls.workersEmployed, unit: '' },
    { scope: '丽水 Lishui', figure: 'low-income employed', article: 850, demo: ls.lowIncomeEmployed, unit: '' },
    { scope: '丽水 Lishui', figure: 'avg annual increase / person', article: 27_000, demo: yuan(ls.avgIncreasePerWorkerFen), unit: '¥' },
    { scope: '丽水 Lishui', figure: 'village collectives income', article: 14_000_000, demo: yuan(ls.collectiveIncomeFen), unit: '¥' },
    { scope: '丽水 Lishui', figure: 'livestream online retail', article: 1_600_000_000, demo: yuan(ls.salesFen), unit: '¥' },
    { scope: '庆元 Qingyuan', figure: 'workshops', article: 18, demo: qy.workshopsOperating, unit: '' },
    { scope: '庆元 Qingyuan', figure: 'jobs (workers employed)', article: 1_600, demo: qy.workersEmployed, unit: '' },
    { scope: '庆元 Qingyuan', figure: 'workshops for disabled workers', article: 7, demo: support.length, unit: '' },
    { scope: '庆元 Qingyuan', figure: '  their avg annual increase / person', article: 20_000, demo: supportPeople ? supportWages / supportPeople / 100 : 0, unit: '¥' },
  ]
}

const fmt = (n: number, unit: string) => `${unit}${Math.round(n).toLocaleString('en')}`

let dataDir = values['data-dir']
const fresh = !dataDir
if (!dataDir) dataDir = mkdtempSync(join(tmpdir(), 'gf-demo-check-'))
let timings: Awaited<ReturnType<typeof startAndLoad>> | undefined
let failed = false
try {
  if (fresh) {
    console.log(`demo:check — first start of the full demo in ${dataDir}`)
    timings = await startAndLoad(dataDir)
  }
  const database = await openDatabase({ dataDir })
  let rows: Row[]
  try {
    rows = await figures(database.db)
  } finally {
    await database.close()
  }
  const year = Number(today().slice(0, 4)) - 1
  console.log(`\nThe cockpit's figures for ${year} (computed from the daily work records), against the articles (PRODUCT.md):\n`)
  console.log(`${'scope'.padEnd(14)} ${'figure'.padEnd(38)} ${'article'.padStart(16)} ${'demo'.padStart(16)}  ratio`)
  for (const r of rows) {
    const ratio = r.article ? r.demo / r.article : 0
    const ok = Math.abs(ratio - 1) <= 0.1
    if (!ok && !r.thin) failed = true
    const mark = ok ? 'ok' : r.thin ? 'thin' : 'MISS'
    console.log(`${r.scope.padEnd(14)} ${r.figure.padEnd(38)} ${fmt(r.article, r.unit).padStart(16)} ${fmt(r.demo, r.unit).padStart(16)}  ${ratio.toFixed(2)} ${mark}`)
  }
  if (rows.some((r) => r.thin)) console.log(`\nthin: ${rows.find((r) => r.thin)!.thin}.`)
  if (timings) {
    console.log(`\nFirst start: API ready in ${timings.readyS.toFixed(1)} s (goal ≤ ${READY_GOAL_S} s: ${timings.readyS <= READY_GOAL_S ? 'met' : 'MISSED'}), fully loaded in ${timings.fullS.toFixed(1)} s (goal ≤ ${FULL_GOAL_S} s: ${timings.fullS <= FULL_GOAL_S ? 'met' : 'MISSED'}), ${timings.lines.toLocaleString('en')} lines written in the background.`)
    console.log(`/api/health during the load: p99 ${timings.healthP99.toFixed(1)} ms, max ${timings.healthMax.toFixed(1)} ms.`)
    console.log(`/api/public/summary (waits on the database), read every ${READ_EVERY_MS / 1000} s during the load (${timings.reads} reads): p50 ${timings.dbP50.toFixed(0)} ms, p99 ${timings.dbP99.toFixed(0)} ms, max ${timings.dbMax.toFixed(0)} ms.`)
    if (timings.readyS > READY_GOAL_S || timings.fullS > FULL_GOAL_S) failed = true
  }
  console.log(`machine load (1/5/15 min): ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`)
} finally {
  if (fresh && !values.keep) rmSync(dataDir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
