import { afterAll, beforeAll, test } from 'vitest'
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
