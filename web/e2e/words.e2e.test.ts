/**
 * Words, not codes: every page of the menu, for every demo role, in zh-CN, shows no raw code from the shared code
 * lists (skills, statuses, types, reasons, solver status …) and no unresolved i18n key; for staff, the operator and
 * the enterprise also the detail page of the first record each list links to.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { login, newPage, useServerAndBrowser } from './harness'
import { sharedCodes } from './shared-codes'

const e2e = useServerAndBrowser()
const ROLES = ['admin', 'zhejiang', 'lishui', 'qingyuan', 'longquan', 'township', 'collective', 'operator', 'enterprise', 'worker']

// Shown as themselves on purpose: file formats on export buttons.
const ALLOWED = new Set(['xlsx', 'csv'])
// An i18n key left as text: `orders.status.open`, `common:menu.home`; file names and numbers are not keys.
const KEY = /^[a-z][A-Za-z0-9]*([.:][A-Za-z0-9_]+)+$/
const NOT_KEY = /\.(xlsx|csv|json|pdf|png|jpg|cn|com|org)$/

/** Waits until no API request is in flight and nothing spins, for three polls in a row (no fixed sleep). */
async function settled(page: Page, inflight: { n: number }) {
  for (let quiet = 0, started = Date.now(); quiet < 3; ) {
    if (Date.now() - started > 20_000) throw new Error(`${page.url()} did not settle`)
    // A page's chunk still loading shows a Suspense fallback (the CSS ring, the light shell's bar), not antd's Spin.
    const spinning = await page.locator('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin, [role=status][aria-busy=true], .gf-l-loading').count()
    quiet = inflight.n === 0 && spinning === 0 ? quiet + 1 : 0
    await page.waitForTimeout(100)
  }
}

/** Roles whose lists also open their first record's detail page (staff, the operator, the enterprise). */
const DETAIL_ROLES = new Set(['qingyuan', 'operator', 'enterprise'])

/** The page's words (no code, no key) and its header (one breadcrumb, one h1 that says something). */
async function check(page: Page, codes: Set<string>, where: string, problems: string[]) {
  // Login names and addresses are shown as typed (marked translate="no"); they may spell a role code.
  const text = await page.locator('.ant-layout-content').evaluate((main: HTMLElement) =>
    [...main.querySelectorAll<HTMLElement>('[translate=no]')].reduce((t, el) => (el.innerText.trim() ? t.split(el.innerText).join(' ') : t), main.innerText),
  )
  const bad = offending(text, codes)
  if (bad.length) problems.push(`${where}: ${bad.join(' ')}`)
  const header = await page.locator('.ant-layout-content').evaluate((main: HTMLElement) => ({
    crumbs: [...main.querySelectorAll<HTMLElement>('[data-testid=page-breadcrumb]')].filter((b) => b.offsetParent).length,
    h1: [...main.querySelectorAll<HTMLElement>('h1')].map((h) => h.innerText.trim()),
  }))
  if (header.crumbs !== 1 || header.h1.length !== 1 || !header.h1[0]) problems.push(`${where}: ${header.crumbs} breadcrumbs, h1 ${JSON.stringify(header.h1)}`)
}

function offending(text: string, codes: Set<string>): string[] {
  const found = new Set<string>()
  for (const token of text.split(/[^A-Za-z0-9_.:]+/)) {
    const tk = token.replace(/^[.:]+|[.:]+$/g, '')
    if (!tk || ALLOWED.has(tk)) continue
    if (codes.has(tk)) found.add(tk)
    else if (KEY.test(tk) && !NOT_KEY.test(tk) && !/^\d/.test(tk)) found.add(tk)
  }
  return [...found]
}

test('no raw code or i18n key on any page of the menu, for any role, in Chinese', async () => {
  const codes = await sharedCodes()
  const problems: string[] = []
  const started = Date.now()
  let details = 0
  for (const role of ROLES) {
    const page = await newPage(e2e.browser, e2e.server.baseURL)
    const inflight = { n: 0 }
    const isApi = (u: string) => new URL(u).pathname.startsWith('/api/')
    page.on('request', (r) => void (isApi(r.url()) && inflight.n++))
    page.on('requestfinished', (r) => void (isApi(r.url()) && inflight.n--))
    page.on('requestfailed', (r) => void (isApi(r.url()) && inflight.n--))
    await login(page, role)
    /** Checks the page a click led to, then (for staff, the operator, the enterprise) the first record it links to. */
    const visit = async (label: string) => {
      await page.locator('.ant-layout-content').waitFor()
      await settled(page, inflight)
      await check(page, codes, `${role} ${label} ${new URL(page.url()).pathname}`, problems)
      // The first record a list links to (a workshop, a worker, an order, a pay sheet …): its detail page too.
      if (!DETAIL_ROLES.has(role)) return
      const link = page.locator('.ant-layout-content .ant-table-row a[href^="/"], .ant-layout-content .ant-list-item a[href^="/"]').first()
      if (!(await link.count())) return
      const href = (await link.getAttribute('href'))!
      if (!/\/[0-9a-f-]{8,}|\/\d+$/.test(href)) return
      await link.click()
      await settled(page, inflight)
      await check(page, codes, `${role} ${label} → ${new URL(page.url()).pathname}`, problems)
      details++
    }
    const light = page.locator('.gf-l-main')
    const items = page.locator('.ant-layout-sider .ant-menu-item')
    await page.locator('.gf-l-main, .ant-layout-sider .ant-menu-item').first().waitFor()
    if (await light.count()) {
      // Workers and operators land on the light phone home (no staff menu): its own words, then every page it links to.
      await settled(page, inflight)
      const bad = offending(await light.innerText(), codes)
      if (bad.length) problems.push(`${role} home: ${bad.join(' ')}`)
      const links = light.locator('.gf-l-nav a')
      const count = await links.count()
      expect(count, `${role}'s home links to their pages`).toBeGreaterThan(0)
      for (let i = 0; i < count; i++) {
        const link = links.nth(i)
        const label = (await link.innerText()).trim()
        await link.click()
        await visit(label)
        await page.goto('/')
        await light.waitFor()
      }
    } else {
      const count = await items.count()
      for (let i = 0; i < count; i++) {
        const item = items.nth(i)
        const label = (await item.innerText()).trim()
        await item.click()
        await visit(label)
      }
    }
    await page.context().close()
  }
  console.log(`walked ${ROLES.length} roles and ${details} detail pages in ${Math.round((Date.now() - started) / 1000)} s`)
  expect(problems).toEqual([])
  // Staff, the operator and the enterprise each reach records from their lists: the detail pages were walked.
  expect(details).toBeGreaterThanOrEqual(6)
}, 600_000)
