/**
 * User text is never run as HTML: markup stored in the free-text fields of a workshop, a worker, an enterprise
 * and an order is shown as text on the lists, detail pages, the search box, the plan's map (ECharts tooltips),
 * the cockpit and the print view, and no script of it runs.
 */
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { creditCodeCheckChar, idNumberCheckChar } from '@gongfang/shared'
import { addDays, today } from '@gongfang/shared/clock'
import { DEMO_PASSWORD, login, newPage, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

// Each payload bumps window.__xss if it ever runs.
const IMG = '<img src=x onerror=window.__xss=1>'
const SCRIPT = '<script>window.__xss=2</script>'
const SVG = '<svg onload=window.__xss=3>'

async function api(username: string, method: string, path: string, body?: unknown) {
  const login = await fetch(`${e2e.server.baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${e2e.server.baseURL}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const json = (await res.json()) as Record<string, unknown>
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

async function noScriptRan(page: Page, where: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0), where).toBe(0)
}

/** Hovers over a chart in a grid, so every point's tooltip is drawn at least once. */
async function sweep(page: Page, chart: ReturnType<Page['locator']>, step: number) {
  // The pointer moves in the viewport: bring the chart into it first.
  await chart.scrollIntoViewIfNeeded()
  const box = await chart.boundingBox()
  if (!box) return
  for (let y = box.y + 5; y < box.y + box.height; y += step)
    for (let x = box.x + 5; x < box.x + box.width; x += step) await page.mouse.move(x, y)
}

test('markup in workshop, worker, enterprise and order text shows as text and never runs', async () => {
  const ws = await api('qingyuan', 'POST', '/api/workshops', {
    name: `${IMG}竹编工坊`, type: 'processing', regionCode: '331126001200', address: SCRIPT,
    lng: 119.07, lat: 27.625, dailyCapacity: 900, workerPlaces: 30, skills: ['sorting'], status: 'operating',
  })
  const idBody = `33112619660305${String(Date.now() % 900 + 100)}`
  const worker = await api('qingyuan', 'POST', '/api/workers', { name: IMG, idNumber: idBody + idNumberCheckChar(idBody), regionCode: '331126001200', household: SCRIPT, lowIncomeSince: '2024-01-01' })
  // A member who counts for priority, a kilometre from the pick-up point: the plan takes this workshop.
  await api('qingyuan', 'POST', `/api/workshops/${ws.id as string}/members`, { startOn: addDays(today(), -30), workerId: worker.id })
  const ccBody = `91331126MA2${String(Date.now()).slice(-6)}`
  await api('qingyuan', 'POST', '/api/enterprises', { name: `${SVG}竹业公司`, creditCode: ccBody + creditCodeCheckChar(ccBody), regionCode: '331126', industry: SCRIPT })
  const order = await api('enterprise', 'POST', '/api/orders', {
    product: `${IMG}笋干`, description: SCRIPT, quantity: 3000, workshopRateCentifen: 1500, workerRateCentifen: 1200,
    startOn: today(), dueOn: addDays(today(), 20), skills: ['sorting'], pickupLng: 119.06, pickupLat: 27.62, maxBatch: 1000,
  })
  if (order.status === 'draft') await api('enterprise', 'POST', `/api/orders/${order.id as string}/status`, { status: 'open' })

  const page = await newPage(e2e.browser, e2e.server.baseURL)
  page.on('dialog', (d) => void d.dismiss())
  await login(page, 'qingyuan')

  await page.goto('/workshops')
  await page.getByText(`${IMG}竹编工坊`).first().waitFor()
  await noScriptRan(page, 'workshop list')
  await page.goto(`/workshops/${ws.id as string}`)
  await page.getByText(`${IMG}竹编工坊`).first().waitFor()
  await page.getByText(SCRIPT).first().waitFor()
  await noScriptRan(page, 'workshop detail')

  await page.goto(`/workers/${worker.id as string}`)
  await page.getByText(IMG).first().waitFor()
  await noScriptRan(page, 'worker detail')
  await page.goto('/workers')
  await page.getByText(IMG).first().waitFor()
  await noScriptRan(page, 'worker list')

  await page.goto('/enterprises')
  await page.getByText(`${SVG}竹业公司`).first().waitFor()
  await noScriptRan(page, 'enterprise list')

  await page.getByTestId('global-search').fill('竹编工坊')
  await page.getByTestId('search-hit').filter({ hasText: `${IMG}竹编工坊` }).first().waitFor()
  await noScriptRan(page, 'search')

  await page.goto('/cockpit')
  await page.locator('canvas').first().waitFor()
  for (const chart of await page.locator('canvas').all()) await sweep(page, chart, 30)
  await noScriptRan(page, 'cockpit')

  const ent = await newPage(e2e.browser, e2e.server.baseURL)
  ent.on('dialog', (d) => void d.dismiss())
  await login(ent, 'enterprise')
  await ent.goto(`/orders/${order.id as string}`)
  await ent.getByText(`${IMG}笋干`).first().waitFor()
  await noScriptRan(ent, 'order detail')
  await ent.getByTestId('go-plan').click()
  await ent.waitForURL(/\/plan$/)
  await ent.getByTestId('run-plan').click()
  await ent.getByTestId('plan-table').getByText(`${IMG}竹编工坊`).waitFor({ timeout: 30_000 })
  // The plan map is drawn once its county boundaries have loaded: sweep that chart, not whichever came first.
  const planMap = ent.getByTestId('plan-map').locator('canvas').first()
  await planMap.waitFor()
  // Note every tooltip that shows the workshop's name as text while the pointer sweeps the charts.
  await ent.evaluate(() => {
    const w = window as unknown as { __tipSeen?: boolean }
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement
        if (el?.textContent?.includes('<img src=x') && !el.querySelector('img')) w.__tipSeen = true
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  await sweep(ent, planMap, 12)
  await screenshot(ent, 'xss-plan-1280')
  expect(await ent.evaluate(() => (window as unknown as { __tipSeen?: boolean }).__tipSeen ?? false)).toBe(true)
  await noScriptRan(ent, 'plan map')
}, 300_000)
