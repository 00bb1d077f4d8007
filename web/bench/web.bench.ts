// npm run bench:web — what the pages people open first cost to load, against the goals of the performance issue:
// JavaScript transferred (compressed, as Chromium fetched it) for the login, public, worker and operator pages
// (goal ≤ 200 KB each), and Lighthouse performance and accessibility (mobile; goal ≥ 90) for the worker's and
// the operator's phone homes. The real server on a fresh demo database, the Debian Chromium.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { chromium, type BrowserContext } from 'playwright-core'
import lighthouse from 'lighthouse'
import { REPO, startServer, login as loginForm } from '../e2e/harness.ts'

const GOAL_JS_KB = 200
const GOAL_SCORE = 90
const PORT = 9300 + Math.floor(Math.random() * 500)

const server = await startServer()
const profile = mkdtempSync(join(tmpdir(), 'gf-bench-web-'))
// A persistent context is the browser's default one, which Lighthouse's tabs share (the login cookie with it).
const context: BrowserContext = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  locale: 'zh-CN',
  viewport: { width: 360, height: 740 },
  baseURL: server.baseURL,
  args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${PORT}`, '--disable-background-networking'],
})
const measuring = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`
const failures: string[] = []

const phone = { locale: 'zh-CN', viewport: { width: 360, height: 740 }, baseURL: server.baseURL }

/** Logs a user in through the login form in a tab of `into`, then closes the tab (the session cookie stays). */
async function login(username: string, into: BrowserContext = context) {
  await into.clearCookies()
  const page = await into.newPage()
  await loginForm(page, username)
  await page.close()
}

/** Script bytes on the wire (after content encoding) while a page loads to network idle, with an empty cache. */
async function scriptBytes(
  path: string,
  ready: string,
  user?: string,
): Promise<{ wire: number; raw: number; files: number }> {
  let cookies: Parameters<BrowserContext['addCookies']>[0] = []
  if (user) {
    // Logging in caches the login page's scripts: take only the cookie into the context that measures.
    const once = await measuring.newContext(phone)
    await login(user, once)
    cookies = await once.cookies()
    await once.close()
  }
  const fresh = await measuring.newContext(phone)
  await fresh.addCookies(cookies)
  const page = await fresh.newPage()
  const sizes: Promise<{ wire: number; raw: number; url: string }>[] = []
  page.on('requestfinished', (req) => {
    if (req.resourceType() !== 'script') return
    sizes.push(
      (async () => {
        const wire = (await req.sizes()).responseBodySize
        const body = await (await req.response())?.body()
        return { wire, raw: body?.length ?? 0, url: req.url() }
      })().catch(() => ({ wire: 0, raw: 0, url: req.url() })),
    )
  })
  // "Loaded" is when the page shows its own content (a page that waits on an API answer can go quiet on the
  // network before its lazy chunks are asked for), then the network settles.
  await page.goto(path)
  await page.locator(ready).first().waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  const all = await Promise.all(sizes)
  // BENCH_WEB_FILES=1 lists what each page fetched, largest first: where to cut next.
  if (process.env.BENCH_WEB_FILES)
    for (const f of all.sort((a, b) => b.wire - a.wire))
      console.log(`      ${kb(f.wire).padStart(7)}  ${f.url.replace(/^.*\/assets\//, '')}`)
  await fresh.close()
  return { wire: all.reduce((a, s) => a + s.wire, 0), raw: all.reduce((a, s) => a + s.raw, 0), files: all.length }
}

// Chromium offers brotli only over HTTPS, so localhost gets gzip; the brotli figure is the same files' .br copies.
function brotliOf(raw: number, wire: number): string {
  return raw ? ` (brotli ≈ ${kb(Math.round(wire * brotliRatio))})` : ''
}
const assets = join(REPO, 'web', 'dist', 'assets')
const js = readdirSync(assets).filter((f) => f.endsWith('.js'))
const gzTotal = js.reduce((a, f) => a + gzipSync(readFileSync(join(assets, f))).length, 0)
const brTotal = js.reduce((a, f) => a + brotliCompressSync(readFileSync(join(assets, f))).length, 0)
const brotliRatio = brTotal / gzTotal

console.log(
  `bench:web — ${new Date().toISOString()}, load ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
)
console.log(`JavaScript transferred per page (goal ≤ ${GOAL_JS_KB} KB compressed):`)
const pages: { name: string; user?: string; path: string; ready: string }[] = [
  { name: 'login', path: '/login', ready: '[data-testid="demo-hint"]' },
  { name: 'public', path: '/public', ready: '[data-testid="cockpit-map"] svg path' },
  { name: 'worker home', user: 'worker', path: '/', ready: '[data-testid="month-amount"]' },
  { name: 'operator home', user: 'operator', path: '/', ready: '[data-testid="today-sheet"]' },
]
for (const p of pages) {
  const s = await scriptBytes(p.path, p.ready, p.user)
  const ok = s.wire <= GOAL_JS_KB * 1024
  if (!ok) failures.push(`${p.name}: ${kb(s.wire)} JavaScript`)
  console.log(
    `  ${p.name.padEnd(14)} ${String(s.files).padStart(3)} files  ${kb(s.wire).padStart(7)} gzip${brotliOf(s.raw, s.wire)}  ${kb(s.raw).padStart(8)} raw  ${ok ? 'ok' : 'MISSES GOAL'}  ratio ${(s.wire / 1024 / GOAL_JS_KB).toFixed(2)}`,
  )
}

// Lighthouse's own guidance for variance: run several times and report the median run (by performance).
// A run that fails to paint (score 0, no FCP) is reported as such, not dropped.
const LH_RUNS = Number(process.env.BENCH_WEB_LH_RUNS ?? 3)
console.log(`Lighthouse, mobile, median of ${LH_RUNS} runs (goal ≥ ${GOAL_SCORE}):`)
for (const user of process.env.BENCH_WEB_JS_ONLY ? [] : ['worker', 'operator']) {
  await login(user)
  const runs: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'][] = []
  for (let i = 0; i < LH_RUNS; i++) {
    const result = await lighthouse(`${server.baseURL}/`, {
      port: PORT,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      disableStorageReset: true, // keep the session cookie
    })
    runs.push(result!.lhr)
  }
  const perfOf = (lhr: (typeof runs)[number]) => Math.round((lhr.categories.performance?.score ?? 0) * 100)
  const lhr = [...runs].sort((a, b) => perfOf(a) - perfOf(b))[Math.floor(runs.length / 2)]!
  const perf = perfOf(lhr)
  const a11y = Math.round((lhr.categories.accessibility?.score ?? 0) * 100)
  const audits = lhr.audits
  for (const [name, score] of [
    ['performance', perf],
    ['accessibility', a11y],
  ] as const)
    if (score < GOAL_SCORE) failures.push(`${user} ${name} ${score}`)
  console.log(
    `  ${user.padEnd(9)} performance ${perf} accessibility ${a11y}  (FCP ${audits['first-contentful-paint']?.displayValue}, LCP ${audits['largest-contentful-paint']?.displayValue}, TBT ${audits['total-blocking-time']?.displayValue}; runs: ${runs.map(perfOf).join(', ')})`,
  )
  if (a11y < GOAL_SCORE) {
    const bad = Object.values(audits).filter(
      (a) => a.score === 0 && lhr.categories.accessibility!.auditRefs.some((r) => r.id === a.id),
    )
    for (const a of bad) console.log(`    accessibility: ${a.id} — ${a.title}`)
  }
}

await context.close()
await measuring.close()
await server.stop()
rmSync(profile, { recursive: true, force: true })
console.log(failures.length ? `misses: ${failures.join('; ')}` : 'all goals met')
