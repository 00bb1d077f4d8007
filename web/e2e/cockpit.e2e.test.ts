import { expect, test } from 'vitest'
import { readFileSync } from 'node:fs'
import { login, newPage, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

test('lishui opens the cockpit, sees the Lishui map, drills into 庆元县 and downloads the report', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'lishui')
  await page.getByRole('menuitem', { name: '驾驶舱' }).click()
  await page.getByRole('heading', { name: '共富工坊驾驶舱 · 丽水市' }).waitFor()
  // The Lishui map: the city's GeoJSON by county, drawn on a canvas.
  const map = page.getByTestId('cockpit-map')
  await map.waitFor()
  await expect(map.getAttribute('data-map')).resolves.toBe('331100')
  await map.locator('canvas').first().waitFor()
  await page.getByTestId('cockpit-cards').getByText('运营工坊').waitFor()
  const children = page.getByTestId('cockpit-children')
  await children.getByRole('button', { name: '庆元县' }).waitFor()
  await expect(children.locator('.ant-table-row').count()).resolves.toBe(9)
  await screenshot(page, 'cockpit-1280-lishui')

  await children.getByRole('button', { name: '庆元县' }).click()
  await page.getByRole('heading', { name: '共富工坊驾驶舱 · 庆元县' }).waitFor()
  await expect(page.getByTestId('cockpit-breadcrumb').innerText()).resolves.toMatch(/丽水市\s*\/\s*庆元县/)
  await children.getByRole('button', { name: '松源街道' }).waitFor()
  await expect(children.locator('.ant-table-row').count()).resolves.toBe(19)
  // The figures of 庆元县 match the API's.
  const api = await page.request.get('/api/cockpit/summary?region=331126')
  const figures = (await api.json()).figures
  await expect(page.locator('[data-figure=workshopsOperating] .ant-statistic-content').innerText()).resolves.toContain(String(figures.workshopsOperating))
  await expect(page.locator('[data-figure=workersEmployed] .ant-statistic-content').innerText()).resolves.toContain(figures.workersEmployed.toLocaleString('zh-CN'))
  await screenshot(page, 'cockpit-1280-qingyuan')

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cockpit-export').click()])
  expect(download.suggestedFilename()).toMatch(/^共富工坊驾驶舱_庆元县_\d{4}-\d{2}_\d{4}-\d{2}\.xlsx$/)
  const file = readFileSync((await download.path())!)
  expect(file.subarray(0, 2).toString()).toBe('PK') // an xlsx is a zip

  // Back up through the breadcrumb.
  await page.getByTestId('cockpit-breadcrumb').getByText('丽水市').click()
  await page.getByRole('heading', { name: '共富工坊驾驶舱 · 丽水市' }).waitFor()
})

test('qingyuan cannot open Lishui’s or another county’s figures', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  for (const region of ['3311', '331181', '33']) {
    for (const path of ['summary', 'children', 'trend', 'export.xlsx']) {
      const r = await page.request.get(`/api/cockpit/${path}?region=${region}`)
      expect(r.status(), `${path} ${region}`).toBe(404)
    }
  }
  expect((await page.request.get('/api/cockpit/summary?region=331126')).status()).toBe(200)
  // Asking the page for Lishui shows the not-found problem, not Lishui's figures.
  await page.goto('/cockpit?region=3311')
  await page.getByText('地区不存在或无权查看').first().waitFor()
  await expect(page.getByTestId('cockpit-cards').count()).resolves.toBe(0)
})

test('the cockpit reads on a phone, and the public page needs no login', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  await login(page, 'qingyuan')
  await page.goto('/cockpit')
  await page.getByTestId('cockpit-cards').getByText('带动就业').waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await screenshot(page, 'cockpit-360-qingyuan')

  const anon = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  await anon.goto('/public')
  await anon.getByText('共富工坊 · 建设成效').waitFor()
  await anon.getByTestId('cockpit-cards').getByText('运营工坊').waitFor()
  // Zhejiang's map by city is SVG (no ECharts on this page): a focusable region per city, its name and figure on focus.
  const map = anon.getByTestId('cockpit-map')
  await expect(map.getAttribute('data-map')).resolves.toBe('330000')
  await expect.poll(() => map.locator('path[data-code]').count()).toBe(11)
  await map.locator('path[data-code="3311"]').focus()
  await expect(anon.getByTestId('map-tip').innerText()).resolves.toMatch(/丽水市\s*运营工坊: \d+/)
  await screenshot(anon, 'public-360-zhejiang')
  await anon.getByTestId('cockpit-children').getByRole('button', { name: '丽水市' }).click()
  await anon.getByTestId('public-breadcrumb').getByText('丽水市').waitFor()
  await screenshot(anon, 'public-360')
  expect(new URL(anon.url()).pathname).toBe('/public')
  // The period is two month selects; an earlier start month goes into the address and the figures follow it.
  const fromMonth = anon.getByLabel('起始月份')
  const earlier = `${Number((await fromMonth.inputValue()).slice(0, 4)) - 1}-06`
  await fromMonth.selectOption(earlier)
  await expect.poll(() => new URL(anon.url()).searchParams.get('from')).toBe(earlier)
  await anon.getByTestId('cockpit-cards').getByText('运营工坊').waitFor()
  // In English the map's regions are named and figured in English too.
  await anon.getByTestId('language-switch').click()
  await anon.getByTestId('cockpit-cards').getByText('Workshops operating').waitFor()
  await anon.getByTestId('cockpit-map').locator('path[data-code]').first().focus()
  await expect(anon.getByTestId('map-tip').innerText()).resolves.toMatch(/Workshops operating: \d+/)
  await screenshot(anon, 'public-360-en')

  // On a wide screen the Lishui map by county; Enter on a county drills into it, as a click does.
  const wide = await newPage(e2e.browser, e2e.server.baseURL)
  await wide.goto('/public?region=3311')
  const lishui = wide.getByTestId('cockpit-map')
  await expect(lishui.getAttribute('data-map')).resolves.toBe('331100')
  await expect.poll(() => lishui.locator('path[data-code]').count()).toBe(9)
  await screenshot(wide, 'public-1280-lishui')
  // A figure's header sorts the counties by it, largest first.
  const table = wide.getByTestId('cockpit-children')
  await table.getByRole('button', { name: '带动就业' }).click()
  const employed = (await table.locator('tbody tr td:nth-of-type(3)').allInnerTexts()).map((x) => Number(x.replace(/,/g, '')))
  expect(employed).toHaveLength(9)
  expect(employed).toEqual([...employed].sort((a, b) => b - a))
  await expect(table.locator('th[aria-sort]').innerText()).resolves.toContain('带动就业')
  await lishui.locator('path[data-code="331126"]').focus()
  await wide.keyboard.press('Enter')
  await wide.getByTestId('public-breadcrumb').getByText('庆元县').waitFor()
  await expect.poll(() => new URL(wide.url()).searchParams.get('region')).toBe('331126')
  await wide.getByTestId('cockpit-children').getByRole('button', { name: '松源街道' }).waitFor()
})

test('income monitoring lists workers and alerts for the staff member’s area', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  await page.getByRole('menuitem', { name: '收入监测' }).click()
  await page.getByRole('heading', { name: '收入监测' }).waitFor()
  await page.getByText('低收入农户').first().waitFor()
  await page.getByRole('tab', { name: /预警名单/ }).click()
  await page.getByRole('button', { name: '导出预警名单' }).waitFor()
  await screenshot(page, 'income-1280-qingyuan')
})
