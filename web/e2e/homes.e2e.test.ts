import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { login, newPage, screenshot, useServerAndBrowser } from './harness'
import { addDays, thisMonth, today as chinaToday } from '@gongfang/shared/clock'

const e2e = useServerAndBrowser()

const PHONE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }

async function api<T>(method: string, path: string, username: string, body?: unknown): Promise<T> {
  const login = await fetch(`${e2e.server.baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'gongfang-demo' }),
  })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${e2e.server.baseURL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new Error(`${method} ${path} as ${username}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
}

const HOMES: [username: string, testId: string][] = [
  ['worker', 'worker-home'],
  ['operator', 'operator-home'],
  ['enterprise', 'enterprise-home'],
  ['qingyuan', 'workbench'],
  ['township', 'workbench'],
]

// One test per account and width: each stays well inside the per-test time limit on a loaded machine.
for (const [username, testId] of HOMES) {
  for (const viewport of [PHONE, DESKTOP]) {
    test(`${username} lands on their own home at ${viewport.width} px, nothing wider than the screen`, async () => {
      const page = await newPage(e2e.browser, e2e.server.baseURL, viewport)
      await login(page, username)
      expect(new URL(page.url()).pathname).toBe('/')
      await page.getByTestId(testId).waitFor()
      // Let the cards' own requests settle before measuring and taking the picture.
      await page.waitForLoadState('networkidle')
      await noOverflow(page)
      await screenshot(page, `home-${username}-${viewport.width}`)
      await page.context().close()
    })
  }
}

test('worker at 360 px: this month in view, large type, read aloud with the amount, a wage question opens a dispute', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, PHONE)
  // Record what the page asks the speech engine to say (headless Chromium has no voices).
  await page.addInitScript(() => {
    const w = window as unknown as { spoken: { text: string; lang: string }[] }
    w.spoken = []
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        speak: (u: SpeechSynthesisUtterance) => w.spoken.push({ text: u.text, lang: u.lang }),
        cancel: () => undefined,
      },
    })
  })
  await login(page, 'worker')
  const home = page.getByTestId('worker-home')
  await home.waitFor()
  const month = thisMonth()
  const earnings = await api<{ months: { month: string; netFen: number }[] }>(
    'GET',
    `/api/work-records/earnings?month=${month}`,
    'worker',
  )
  // Net pay (after approved deductions), as the slip shows it.
  const fen = earnings.months.find((m) => m.month === month)?.netFen ?? 0
  const shown = `¥${Math.floor(fen / 100).toLocaleString('en')}.${String(fen % 100).padStart(2, '0')}`
  const amount = page.getByTestId('month-amount')
  await expect(amount.textContent()).resolves.toBe(shown)
  // Visible without scrolling.
  const box = (await amount.boundingBox())!
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height)
  // Every piece of text on the home is at least 18 px; every button at least 48 px tall.
  const small = await home.evaluate((root) =>
    [...root.querySelectorAll('*')]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
      .map((el) => ({ text: el.textContent!.trim().slice(0, 20), px: parseFloat(getComputedStyle(el).fontSize) }))
      .filter((x) => x.px < 18),
  )
  expect(small).toEqual([])
  const buttons = await home.evaluate((root) =>
    [...root.querySelectorAll('button')].map((b) => b.getBoundingClientRect().height),
  )
  expect(buttons.length).toBeGreaterThanOrEqual(3)
  expect(Math.min(...buttons)).toBeGreaterThanOrEqual(48)
  await screenshot(page, 'home-worker-360-detail')

  await page.getByTestId('read-aloud').click()
  const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken)
  expect(spoken).toHaveLength(1)
  expect(spoken[0]!.lang).toBe('zh-CN')
  expect(spoken[0]!.text).toContain(`${(fen / 100).toFixed(2)} 元`)

  // A question about a wrong figure becomes a wage dispute the worker can see.
  await page.getByTestId('ask').click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('.ant-select-content-has-value').waitFor() // the worker's workshop, preselected once loaded
  await dialog.locator('textarea').fill('12月1日我做了 50 件，这里只记了 40 件')
  await screenshot(page, 'home-worker-360-ask', { fullPage: false })
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/disputes') && r.request().method() === 'POST')
  await dialog.getByRole('button', { name: /^发\s*送$/ }).click() // antd spaces two-character CJK labels
  expect((await sent).status()).toBe(201)
  await dialog.waitFor({ state: 'hidden' })
  const disputes = await api<{ items: { subject: string; title: string; description: string }[] }>(
    'GET',
    '/api/disputes',
    'worker',
  )
  expect(disputes.items.filter((d) => d.subject === 'wage' && d.description.includes('只记了 40 件'))).toHaveLength(1)
  await page.context().close()
})

test('operator at 360 px: today’s day sheet first, then offers with rate, total pay and due date', async () => {
  // An offer for the operator's workshop: an order next to it, planned and accepted by the enterprise.
  const today = chinaToday()
  const due = addDays(today, 21)
  const order = await api<{ id: string }>('POST', '/api/orders', 'enterprise', {
    product: '笋干分拣装袋（首页测试）',
    quantity: 9000,
    workshopRateCentifen: 1505,
    workerRateCentifen: 1200,
    startOn: today,
    dueOn: due,
    skills: ['sorting'],
    pickupLng: 119.0712,
    pickupLat: 27.6123,
    logistics: 'workshop_collects',
    maxBatch: 9000,
    publish: true,
  })
  const plan = await api<{ id: string }>('POST', `/api/orders/${order.id}/plan`, 'enterprise', {})
  await api('POST', `/api/plans/${plan.id}/accept`, 'enterprise', {})
  const offers = (
    await api<{ items: { product: string; status: string; quantity: number }[] }>('GET', '/api/allocations', 'operator')
  ).items.filter((a) => a.status === 'offered')

  const page = await newPage(e2e.browser, e2e.server.baseURL, PHONE)
  await login(page, 'operator')
  const sheet = page.getByTestId('today-sheet')
  await sheet.getByRole('button', { name: /记今天的工|继续记工/ }).waitFor()
  // The day sheet comes first, in view on the phone.
  const box = (await sheet.boundingBox())!
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height)
  const cards = page.getByTestId('offer')
  await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(offers.length)
  expect(offers.some((o) => o.product === '笋干分拣装袋（首页测试）')).toBe(true)
  const mine = cards.filter({ hasText: '笋干分拣装袋（首页测试）' })
  await mine.getByTestId('offer-rate').filter({ hasText: '¥0.1505/件' }).waitFor()
  const qty = offers.find((o) => o.product === '笋干分拣装袋（首页测试）')!.quantity
  const totalFen = Math.floor((qty * 1505 + 50) / 100)
  await expect(mine.getByTestId('offer-total').textContent()).resolves.toBe(
    `¥${Math.floor(totalFen / 100).toLocaleString('en')}.${String(totalFen % 100).padStart(2, '0')}`,
  )
  await expect(mine.getByTestId('offer-due').textContent()).resolves.toBe(due)
  await mine.getByText('工坊自提').waitFor()
  await page.waitForLoadState('networkidle')
  await noOverflow(page)
  await screenshot(page, 'home-operator-360-offer')
  await page.context().close()
})

test('the staff workbench shows the API’s counts for the same caller, each a link', async () => {
  for (const username of ['qingyuan', 'township']) {
    const expected = await api<{ items: { key: string; count: number | null }[] }>('GET', '/api/workbench', username)
    const page = await newPage(e2e.browser, e2e.server.baseURL, DESKTOP)
    await login(page, username)
    await page.getByTestId('workbench').waitFor()
    for (const item of expected.items) {
      const tile = page.getByTestId(`todo-${item.key}`)
      await expect(tile.getAttribute('data-count')).resolves.toBe(item.count === null ? '' : String(item.count))
      expect(await tile.getAttribute('href')).toMatch(/^\/[a-z-]+/)
    }
    await page.getByText('待审批工资表').waitFor()
    await page.context().close()
  }
})
