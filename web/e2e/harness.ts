import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { freePort } from '../../server/src/cli/free-port.ts'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))
const WEB = join(REPO, 'web')
const LOG_DIR = join(WEB, 'test-results')
const DIST_INDEX = join(WEB, 'dist', 'index.html')
const LOCK = join(WEB, '.build.lock')
export const DEMO_PASSWORD = 'gongfang-demo'

function newestMtime(path: string): number {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))))
}

function distIsFresh(): boolean {
  if (!existsSync(DIST_INDEX)) return false
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(WEB, p)).filter(existsSync)
  return statSync(DIST_INDEX).mtimeMs >= Math.max(...sources.map(newestMtime))
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Builds web/dist when missing or older than its sources; a lock directory keeps parallel runs to one build. */
export async function ensureBuilt(): Promise<void> {
  for (const started = Date.now(); !distIsFresh(); ) {
    try {
      mkdirSync(LOCK) // atomic: only one process gets it
    } catch {
      // Someone else is building; a lock older than 5 minutes is left over from a killed run.
      const lock = statSync(LOCK, { throwIfNoEntry: false })
      if (lock && Date.now() - lock.mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true })
      if (Date.now() - started > 600_000) throw new Error('timed out waiting for the web build lock')
      await sleep(500)
      continue
    }
    try {
      if (!distIsFresh()) execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: REPO, stdio: 'pipe' })
    } finally {
      rmSync(LOCK, { recursive: true, force: true })
    }
  }
}


/** How long a server may take to start (migrations and demo data on a fresh directory); raise it on a busy machine. */
const START_LIMIT_MS = Number(process.env.GF_E2E_START_MS ?? 180_000)

export interface TestServer {
  baseURL: string
  stop(): Promise<void>
}

/** Data directory with migrations, regions and demo data, built once per run by global-setup.ts. */
function e2eTemplate(): string | undefined {
  try {
    return inject('e2eTemplate')
  } catch {
    return undefined // outside a vitest run with the global setup
  }
}

/**
 * The real server on PGlite with demo data, in a fresh data directory (a copy of the run's template
 * when there is one, so each file does not pay for the demo data), serving web/dist.
 */
export async function startServer(opts: { dataDir?: string; keepData?: boolean } = {}): Promise<TestServer> {
  await ensureBuilt()
  const port = await freePort()
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'gf-e2e-'))
  const template = opts.dataDir ? undefined : e2eTemplate()
  if (template && existsSync(join(template, 'PG_VERSION'))) cpSync(template, dataDir, { recursive: true })
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), GONGFANG_DATA_DIR: dataDir, GONGFANG_DEMO: 'small' }
  delete env.DATABASE_URL
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  // Every server's log is kept in web/test-results/ (gitignored): a failed browser test is read with the server's
  // side of it (request ids, durations, errors).
  mkdirSync(LOG_DIR, { recursive: true })
  const log = createWriteStream(join(LOG_DIR, `server-${new Date().toISOString().replace(/[:.]/g, '-')}-${port}.log`))
  child.stdout!.on('data', (d) => ((output += d), log.write(d)))
  child.stderr!.on('data', (d) => ((output += d), log.write(d)))
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const baseURL = `http://127.0.0.1:${port}`

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(killer)
    }
    log.end()
    if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true })
  }

  for (const started = Date.now(); ; await sleep(200)) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    }
    if (Date.now() - started > START_LIMIT_MS) {
      await stop()
      throw new Error(`server did not become healthy in ${START_LIMIT_MS / 1000} s:\n${output}`)
    }
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false)
    if (ok) return { baseURL, stop }
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** Pages resolve '/path' against the server: `const page = await newPage(browser, server.baseURL)`. */
export async function newPage(browser: Browser, baseURL: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  // Reduced motion, which the app honours by switching antd's animations off: a dropdown option or a dialog
  // button is clicked where it rests, not while it slides in (on a loaded machine an animation can outlast a click).
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', reducedMotion: 'reduce' })
  return context.newPage()
}

/** Logs in through the login form (language-neutral selectors) and waits for the shell. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (new URL(page.url()).pathname !== '/login' || page.url().startsWith('about:')) await page.goto('/login')
  await page.locator('#username').fill(username)
  await page.locator('#password').fill(password)
  await page.locator('button[type=submit]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await page.locator('[data-testid=user-menu]').waitFor()
}

/** Fills form inputs by id, in the order given: `fillFields(page, { product: '笋干', quantity: '9000' })`. */
export async function fillFields(scope: Page | Locator, fields: Record<string, string>): Promise<void> {
  for (const [id, value] of Object.entries(fields)) await scope.locator(`#${id}`).fill(value)
}

/** Full-page PNG in web/screenshots/ (gitignored), for looking at the result. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  const dir = join(WEB, 'screenshots')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  // Let drawers and popups finish opening, or the picture shows them half-transparent.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5_000 }).catch(() => undefined)
  await page.screenshot({ path, fullPage })
  return path
}

/**
 * Picks an option of an antd Select and waits until the select shows it. Opening the dropdown and
 * clicking the option are separate steps: the option is clicked only once it is rendered and stable,
 * and the check that the pick registered fails loudly instead of being retried.
 */
export async function pickOption(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click()
  await expectShown(select, option)
}

/**
 * Remote-search Select: types the search, waits for the API's answer to that search (so the options
 * are the final ones, not the previous list being replaced under the pointer), then picks.
 */
export async function pickRemoteOption(page: Page, input: Locator, search: string, option: string | RegExp): Promise<void> {
  const select = page.locator('.ant-select', { has: input })
  await input.click()
  const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === search && r.request().method() === 'GET')
  await input.fill(search)
  await answered
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click()
  await expectShown(select, option)
}

/**
 * Region tree (TreeSelect): opens it, clicks the node with that exact title and waits until the field
 * shows it. A node clicked while the lazy tree re-renders a level is otherwise lost without a sign.
 */
export async function pickTreeOption(page: Page, input: Locator, title: string): Promise<void> {
  const select = page.locator('.ant-select', { has: input })
  await input.click()
  await page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click()
  await expectShown(select, title)
}

async function expectShown(select: Locator, option: string | RegExp): Promise<void> {
  await select.locator('.ant-select-content-has-value', { hasText: option }).first().waitFor()
}

/** One server and one browser per test file: started before its first test, stopped after its last. */
export function useServerAndBrowser(): { readonly server: TestServer; readonly browser: Browser } {
  const ctx = {} as { server: TestServer; browser: Browser }
  beforeAll(async () => {
    ctx.server = await startServer()
    ctx.browser = await launchBrowser()
  })
  afterAll(async () => {
    await ctx.browser?.close()
    await ctx.server?.stop()
  })
  return ctx
}
