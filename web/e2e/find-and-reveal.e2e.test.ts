import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, login, newPage, screenshot, startServer, type TestServer } from './harness'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('county staff find a workshop from the header search and open it; on a phone the search sits in the menu drawer', async () => {
  const page = await newPage(browser, server.baseURL)
  await login(page, 'qingyuan')
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/search' && new URL(r.url()).searchParams.get('q') === '香菇')
  await page.getByTestId('global-search').fill('香菇')
  await answered
  const hit = page.getByTestId('search-hit').filter({ hasText: '东门村香菇分拣共富工坊' }).first()
  await hit.waitFor()
  await screenshot(page, 'search-1280')
  await hit.click()
  await page.waitForURL(/\/workshops\/[0-9a-f-]{36}$/)
  await page.getByText('东门村香菇分拣共富工坊').first().waitFor()

  await page.setViewportSize({ width: 360, height: 740 })
  await page.getByRole('button', { name: '打开菜单' }).click()
  await page.locator('.ant-drawer').getByTestId('global-search').waitFor()
  await screenshot(page, 'search-360-drawer')
})

test('township staff reveal one worker’s numbers with a reason from the list; they hide again after a countdown; the worker sees who looked and why', async () => {
  const page = await newPage(browser, server.baseURL)
  await login(page, 'township')
  // The worker of the demo account, found from the header search by name.
  await page.getByTestId('global-search').fill('叶秀英')
  await page.getByTestId('search-hit').filter({ hasText: '叶秀英' }).first().click()
  await page.waitForURL(/\/workers\/[0-9a-f-]{36}$/)
  await page.getByRole('button', { name: '查看完整号码' }).click()
  const dialog = page.locator('.ant-modal:visible')
  // "Other" needs words: the form says so before anything is sent.
  await dialog.locator('.ant-select').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '其他' }).click()
  await dialog.getByRole('button', { name: '查看完整号码' }).click()
  await dialog.locator('.ant-form-item-explain-error').first().waitFor()
  await dialog.locator('.ant-select').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '纠纷调解' }).click()
  const answered = page.waitForResponse((r) => r.url().endsWith('/reveal'))
  await dialog.getByRole('button', { name: '查看完整号码' }).click()
  expect((await answered).status()).toBe(200)
  await expect(dialog.getByTestId('revealed').textContent()).resolves.toMatch(/\d{17}[\dX]/)
  const first = Number((await dialog.getByTestId('reveal-countdown').textContent())!.match(/\d+/)![0])
  expect(first).toBeLessThanOrEqual(60)
  await page.waitForTimeout(2_100)
  const later = Number((await dialog.getByTestId('reveal-countdown').textContent())!.match(/\d+/)![0])
  expect(later).toBeLessThan(first)
  await screenshot(page, 'reveal-1280')
  // The reveal is in the township's audit log, with its reason.
  await page.goto('/audit')
  await page.locator('.ant-table-row, .ant-card').filter({ hasText: '查看完整证件号和电话' }).filter({ hasText: '纠纷调解' }).first().waitFor()
  await screenshot(page, 'audit-1280')

  // She sees on her phone who looked at her numbers, and why.
  const phone = await newPage(browser, server.baseURL, { width: 360, height: 740 })
  await login(phone, 'worker')
  const views = phone.getByTestId('record-views')
  await views.getByText('查看了您的完整证件号和电话：纠纷调解').waitFor()
  await expect(views.textContent()).resolves.toContain('松源街道')
  await screenshot(phone, 'record-views-360')
})
