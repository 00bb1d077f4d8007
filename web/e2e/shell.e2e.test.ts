import { expect, test } from 'vitest'
import { login, newPage, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

test('county staff on a desktop: Chinese shell, scoped region picker, English that sticks, logout', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await page.goto('/')
  await page.waitForURL(/\/login/)
  await page.getByTestId('demo-hint').waitFor()
  await screenshot(page, 'login-1280')

  await login(page, 'qingyuan')
  await page.getByRole('menuitem', { name: '工作台' }).waitFor()
  await page.getByText('庆元县工作专班').first().waitFor()
  await page.getByText('县级').waitFor()

  // The picker starts at the user's county: its townships, nothing of a neighbouring county.
  await page.locator('#home-region').click()
  const popup = page.locator('.ant-select-dropdown:visible')
  await popup.getByTitle('庆元县', { exact: true }).waitFor()
  await popup.getByTitle('松源街道').waitFor()
  await popup.getByTitle('濛洲街道').waitFor()
  await expect(popup.getByText('龙泉市').count()).resolves.toBe(0)
  await screenshot(page, 'home-1280-picker')
  // Search stays within the county too.
  await page.keyboard.type('龙')
  await popup.getByTitle(/龙溪乡/).first().waitFor()
  await expect(popup.getByTitle(/龙泉/).count()).resolves.toBe(0)
  await popup.getByTitle(/龙溪乡/).first().click()
  await page.getByText('已选：331126209').waitFor()
  await screenshot(page, 'home-1280')

  await page.getByTestId('language-switch').click()
  await page.getByRole('menuitem', { name: 'Workbench' }).waitFor()
  await page.getByText('Who I am').waitFor()
  await page.getByText('Programme staff').waitFor()
  await screenshot(page, 'home-1280-en')
  await page.reload()
  await page.getByRole('menuitem', { name: 'Workbench' }).waitFor()
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en')
  // Saved to the account as well (a cookie-session write, so the CSRF header went along).
  await expect(page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()).then((u) => u.locale))).resolves.toBe('en')

  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: 'Log out' }).click()
  await page.waitForURL(/\/login/)
  await page.getByRole('button', { name: 'Log in' }).waitFor()
  // The session is gone on the server too.
  await page.goto('/')
  await page.waitForURL(/\/login/)
  await page.context().close()
})

test('operator on a 360 px phone: the light home links to their pages, which open in the shell with its drawer menu', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  await page.goto('/login')
  await screenshot(page, 'login-360')
  await login(page, 'operator')
  // The home has its own plain header: the name, no menu button; the other pages are links on the page.
  await page.getByTestId('user-menu').getByText('吴丽华（工坊负责人）').waitFor()
  await expect(page.getByRole('button', { name: '打开菜单' }).count()).resolves.toBe(0)
  await page.getByRole('navigation').getByRole('link', { name: '计件日报' }).click()
  await page.waitForURL((u) => u.pathname === '/day-sheet')
  await page.getByRole('button', { name: '打开菜单' }).click()
  const drawer = page.getByRole('dialog')
  await drawer.getByRole('menuitem', { name: '工作台' }).waitFor()
  await drawer.getByText('吴丽华（工坊负责人）').waitFor()
  await screenshot(page, 'home-360-drawer', { fullPage: false })
  await drawer.getByRole('menuitem', { name: '工作台' }).click()
  await page.waitForURL((u) => u.pathname === '/')
  await page.getByTestId('operator-home').waitFor()
  // Nothing wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await screenshot(page, 'home-360')
  await page.context().close()
})

test('the login form asks for both fields before it sends anything, and each message goes once filled in', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  let sent = 0
  page.on('request', (r) => void (r.url().endsWith('/api/auth/login') && sent++))
  await page.goto('/login')
  await page.locator('button[type=submit]').click()
  await page.getByRole('alert').filter({ hasText: '请输入用户名' }).waitFor()
  await page.getByRole('alert').filter({ hasText: '请输入密码' }).waitFor()
  await expect(page.locator('#username').getAttribute('aria-invalid')).resolves.toBe('true')
  // Spaces are not a name.
  await page.locator('#username').fill('   ')
  await page.locator('button[type=submit]').click()
  await page.getByRole('alert').filter({ hasText: '请输入用户名' }).waitFor()
  await page.locator('#username').fill('qingyuan')
  await page.getByRole('alert').filter({ hasText: '请输入用户名' }).waitFor({ state: 'detached' })
  await expect(page.getByRole('alert').filter({ hasText: '请输入密码' }).count()).resolves.toBe(1)
  await screenshot(page, 'login-360-required')
  expect(sent).toBe(0)
  await page.locator('#password').fill('gongfang-demo')
  await page.locator('#password').press('Enter')
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  expect(sent).toBe(1)
  await page.context().close()
})

test('a wrong password shows the server message in Chinese', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await page.goto('/login')
  await page.locator('#username').fill('qingyuan')
  await page.locator('#password').fill('not-the-password')
  await page.locator('button[type=submit]').click()
  await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor()
  await screenshot(page, 'login-error-1280')
  expect(new URL(page.url()).pathname).toBe('/login')
  await page.context().close()
})

test('the running server (node, not the test runner) serves the full OpenAPI document', async () => {
  // Guards the zod dual-package hazard: under plain node, schema ids and .openapi() metadata must survive.
  const doc = (await (await fetch(`${e2e.server.baseURL}/api/openapi.json`)).json()) as {
    openapi: string
    components: { schemas: Record<string, unknown> }
    paths: Record<string, unknown>
  }
  expect(doc.openapi).toBe('3.1.0')
  expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'User', 'Region']))
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/auth/login', '/regions/{code}']))
  const docs = await fetch(`${e2e.server.baseURL}/api/docs`)
  expect(docs.status).toBe(200)
})
