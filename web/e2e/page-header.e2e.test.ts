/**
 * One page header on a phone: every menu page of county staff at 360 px shows the breadcrumb and one h1, and
 * neither pushes the page sideways. Screenshots of each page at 360 and 1280 px go to web/screenshots/.
 */
import { expect, test } from 'vitest'
import { login, newPage, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

test('county staff at 360 px: every menu page has the breadcrumb, one h1, and no sideways scroll', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  await login(page, 'qingyuan')
  const problems: string[] = []
  const drawer = page.getByRole('dialog')
  await page.getByRole('button', { name: '打开菜单' }).click()
  const items = drawer.locator('.ant-menu-item')
  await items.first().waitFor()
  const count = await items.count()
  expect(count).toBeGreaterThan(10)
  for (let i = 0; i < count; i++) {
    if (i > 0) await page.getByRole('button', { name: '打开菜单' }).click()
    const item = drawer.locator('.ant-menu-item').nth(i)
    const label = (await item.innerText()).trim()
    await item.click()
    await drawer.waitFor({ state: 'hidden' })
    const path = new URL(page.url()).pathname
    // The new page's own header, not the previous page's still shown while the next one's code loads.
    await page.locator(`[data-testid=page-header][data-path="${path}"]`).waitFor()
    // Measured once the page's data is in (a table still loading can be wider than it will be).
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 20_000 })
    const facts = await page.evaluate(() => {
      const crumb = document.querySelector<HTMLElement>('.ant-layout-content [data-testid=page-breadcrumb]')!.getBoundingClientRect()
      return {
        h1: document.querySelectorAll('.ant-layout-content h1').length,
        crumbRight: crumb.right,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        wide: [...document.querySelectorAll<HTMLElement>('.ant-layout-content *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
          .slice(0, 3).map((el) => `${el.tagName}.${el.className}`),
      }
    })
    if (facts.h1 !== 1) problems.push(`${label} ${path}: ${facts.h1} h1`)
    if (facts.crumbRight > 360) problems.push(`${label} ${path}: breadcrumb ends at ${facts.crumbRight}px`)
    if (facts.overflow > 0) problems.push(`${label} ${path}: ${facts.overflow}px sideways (${facts.wide.join(', ')})`)
    await screenshot(page, `header-360${path === '/' ? '-home' : path.replaceAll('/', '-')}`, { fullPage: false })
  }
  await page.context().close()
  expect(problems).toEqual([])
}, 300_000)

test('county staff at 1280 px: a detail page links back to its list through the breadcrumb', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  await page.goto('/workshops')
  const crumb = page.getByTestId('page-breadcrumb')
  await expect(crumb.innerText()).resolves.toMatch(/工作台\s*\/\s*名录/)
  await expect(page.locator('h1').innerText()).resolves.toBe('共富工坊')
  await screenshot(page, 'header-1280-workshops', { fullPage: false })
  await page.locator('.ant-table-row a').first().click()
  await page.waitForURL(/\/workshops\/[0-9a-f-]{36}$/)
  await crumb.getByRole('link', { name: '工坊' }).waitFor()
  // The h1 is the workshop's name once it has loaded.
  await page.waitForFunction(() => (document.querySelector('h1')?.textContent ?? '').trim().length > 0)
  await screenshot(page, 'header-1280-workshop-detail', { fullPage: false })
  await crumb.getByRole('link', { name: '工坊' }).click()
  await page.waitForURL(/\/workshops$/)
  await page.context().close()
})
