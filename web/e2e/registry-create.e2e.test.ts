import { expect, test } from 'vitest'
import { creditCodeCheckChar } from '@gongfang/shared'
import { login, newPage, pickTreeOption, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

const first17 = '91331126MA2A00001'
const code = first17 + creditCodeCheckChar(first17)
const wrong = first17 + (code[17] === '1' ? '2' : '1')

test('registers: staff add an enterprise in the drawer, a duplicate is refused at its field, the history shows the creation', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  await page.goto('/enterprises')
  await page.locator('.ant-table-row').first().waitFor()

  await page.getByRole('button', { name: '新增' }).click()
  const drawer = page.locator('.ant-drawer', { hasText: '登记企业' })
  await drawer.waitFor()
  await drawer.locator('#name').fill('庆元县测试竹木制品有限公司')
  await drawer.locator('#creditCode').fill(wrong)
  await pickTreeOption(page, page.locator('#regionCode'), '松源街道')
  await drawer.getByRole('button', { name: '保 存' }).click()
  // The check character is wrong: refused in the browser, nothing is sent.
  await drawer.getByText('统一社会信用代码无效（校验位不符）').waitFor()
  await drawer.locator('#creditCode').fill(code)
  await drawer.getByRole('button', { name: '保 存' }).click()
  await page.getByText('已保存').first().waitFor()
  await drawer.waitFor({ state: 'hidden' })

  // The list is asked again and shows the new enterprise.
  await page.getByPlaceholder('搜索名称').fill('测试竹木')
  await page.getByPlaceholder('搜索名称').press('Enter')
  const row = page.locator('.ant-table-row', { hasText: '庆元县测试竹木制品有限公司' })
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain(code)

  // The same code again: the server refuses it and the drawer keeps the values for correcting.
  await page.getByRole('button', { name: '新增' }).click()
  await drawer.waitFor()
  await drawer.locator('#name').fill('另一家公司')
  await drawer.locator('#creditCode').fill(code)
  await pickTreeOption(page, page.locator('#regionCode'), '松源街道')
  await drawer.getByRole('button', { name: '保 存' }).click()
  await drawer.getByText('该统一社会信用代码已登记').first().waitFor()
  await drawer.locator('.ant-form-item-explain-error', { hasText: '统一社会信用代码重复' }).waitFor()
  await expect(drawer.locator('#name').inputValue()).resolves.toBe('另一家公司')
  await drawer.getByRole('button', { name: '取 消' }).click()
  await drawer.waitFor({ state: 'hidden' })

  await row.getByRole('button', { name: '变更记录' }).click()
  const history = page.locator('.ant-drawer', { hasText: '庆元县测试竹木制品有限公司 · 变更记录' })
  await history.getByTestId('history-entry').first().waitFor()
  await expect(history.getByTestId('history-entry').first().textContent()).resolves.toContain('新建')
})
