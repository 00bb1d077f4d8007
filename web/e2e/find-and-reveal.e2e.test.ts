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

test('the administrator resets a forgotten password; the holder must change it at once, then sees and signs out their other devices', async () => {
  const other = await newPage(browser, server.baseURL, { width: 360, height: 740 })
  await login(other, 'collective')

  const page = await newPage(browser, server.baseURL)
  await login(page, 'admin')
  await page.goto('/users')
  await page.getByTestId('users-search').locator('input').fill('collective')
  await page.getByTestId('users-search').locator('input').press('Enter')
  const row = page.locator('.ant-table-row').filter({ hasText: 'collective' }).first()
  await row.waitFor()
  await screenshot(page, 'users-1280')
  await row.getByRole('button', { name: '重置密码' }).click()
  const answered = page.waitForResponse((r) => r.url().endsWith('/reset-password'))
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '重置密码' }).click()
  expect((await answered).status()).toBe(200)
  const temporary = (await page.getByTestId('temporary-password').textContent())!.trim()
  expect(temporary).toMatch(/^[a-zA-Z2-9]{12}$/)
  await screenshot(page, 'users-reset-1280')

  // The device logged in before the reset is out.
  await other.reload()
  await other.waitForURL(/\/login/)

  const phone = await newPage(browser, server.baseURL, { width: 360, height: 740 })
  await login(phone, 'collective', temporary)
  const modal = phone.locator('.ant-modal:visible')
  await modal.getByText('该账户使用的是公开的演示密码或已被重置').waitFor()
  await modal.locator('input[autocomplete=current-password]').fill(temporary)
  await modal.locator('input[autocomplete=new-password]').nth(0).fill('collective-2026')
  await modal.locator('input[autocomplete=new-password]').nth(1).fill('collective-2026')
  await modal.getByRole('button', { name: /保\s*存/ }).click()
  await modal.getByTestId('password-error').getByText('不能包含用户名').waitFor()
  await modal.locator('input[autocomplete=new-password]').nth(0).fill('Tea-garden-Qingyuan')
  await modal.locator('input[autocomplete=new-password]').nth(1).fill('Tea-garden-Qingyuan')
  const changed = phone.waitForResponse((r) => r.url().endsWith('/api/auth/password'))
  await modal.getByRole('button', { name: /保\s*存/ }).click()
  expect((await changed).status()).toBe(204)
  await modal.waitFor({ state: 'hidden' })

  // A second device, then "sign out everywhere else" from the phone.
  const laptop = await newPage(browser, server.baseURL)
  await login(laptop, 'collective', 'Tea-garden-Qingyuan')
  await phone.getByTestId('user-menu').click()
  await phone.getByRole('menuitem', { name: '登录设备' }).click()
  const sessions = phone.getByTestId('sessions')
  await sessions.getByText('本设备').waitFor()
  await sessions.getByText('电脑').first().waitFor()
  await screenshot(phone, 'sessions-360')
  await phone.getByRole('button', { name: '退出其他所有设备' }).click()
  const ended = phone.waitForResponse((r) => r.url().endsWith('/end-others'))
  await phone.locator('.ant-popconfirm:visible').getByRole('button', { name: '退出其他所有设备' }).click()
  expect((await ended).status()).toBe(200)
  await phone.getByText(/已退出 \d+ 台设备/).waitFor()
  await laptop.reload()
  await laptop.waitForURL(/\/login/)
})
