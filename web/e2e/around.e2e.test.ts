import { expect, test } from 'vitest'
import iconv from 'iconv-lite'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD, login, newPage, pickOption, screenshot, useServerAndBrowser } from './harness'
import { today as chinaToday } from '@gongfang/shared/clock'

const e2e = useServerAndBrowser()

const phone = { width: 360, height: 740 }
const today = chinaToday()
// Unique names per run, so a rerun against the same database finds its own records.
const tag = Date.now().toString(36).slice(-5)

async function api(method: string, path: string, username: string, body?: unknown) {
  const login = await fetch(`${e2e.server.baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${e2e.server.baseURL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, body: (await res.json()) as { items: { name: string }[] } & Record<string, unknown> }
}

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
}

async function pick(page: Page, testId: string, option: string | RegExp) {
  await pickOption(page, page.getByTestId(testId), option)
}

test('village collective on a phone: books income, drafts a profit-sharing run, confirms it and prints the list', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, phone)
  await login(page, 'collective')
  await page.goto('/collective-income')
  await page.getByText('村集体收入').waitFor()
  const before = await page.getByTestId('income-sum').innerText()
  await page.getByTestId('book-income').click()
  const form = page.getByTestId('income-form')
  await form.getByLabel('金额（元）').fill('12.3.4')
  await form.getByRole('button', { name: /保\s*存/ }).click()
  await form.getByText('请输入金额（元），最多两位小数').waitFor()
  await form.getByLabel('金额（元）').fill('1234.5')
  await form.getByLabel('所属期间').fill('2026')
  await form.getByLabel('备注').fill('E2E 测试租金')
  await form.getByRole('button', { name: /保\s*存/ }).click()
  await page.getByText('已登记').first().waitFor()
  await page.getByText('E2E 测试租金').first().waitFor()
  await expect.poll(() => page.getByTestId('income-sum').innerText()).not.toBe(before)
  await noOverflow(page)
  await screenshot(page, 'around-income-360')

  await page.goto('/profit-sharing')
  await page.getByRole('tab', { name: '分红方案' }).waitFor()
  const runForm = page.getByTestId('run-form')
  await runForm.getByLabel('方案名称').fill(`E2E 年度分红 ${tag}`)
  await runForm.getByLabel('分红总额（元）').fill('10000')
  await runForm.getByRole('button', { name: '新建分红方案' }).click()
  await page.waitForURL(/\/profit-sharing\/[0-9a-f-]{36}$/)
  await expect.poll(() => page.getByTestId('run-status').innerText()).toBe('草稿')
  await page.getByText('¥10,000.00').first().waitFor()
  await screenshot(page, 'around-run-360')
  await page.getByTestId('confirm-run').click()
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click()
  await expect.poll(() => page.getByTestId('run-status').innerText()).toBe('已确认')
  await page.getByText('已确认的方案不可修改').waitFor()
  await expect(page.getByTestId('confirm-run').count()).resolves.toBe(0)

  await page.getByRole('button', { name: /打印清单/ }).click()
  await page.getByTestId('share-print').waitFor()
  await expect.poll(() => page.getByTestId('print-total').innerText()).toBe('10,000.00')
  await page.getByText(`东门村股份经济合作社E2E 年度分红 ${tag}发放清单`).waitFor()
  await screenshot(page, 'around-print-360')
  await page.context().close()
})

test('county staff on a desktop: record a livestream session, import a GBK export with a bad row, fix it, import', async () => {
  // An e-commerce workshop in Qingyuan to record for (registered through the registry API).
  const ws = await api('POST', '/api/workshops', 'qingyuan', { name: `E2E 东门直播共富工坊 ${tag}`, type: 'ecommerce', regionCode: '331126001200', status: 'operating' })
  expect(ws.status).toBe(201)
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  await page.goto('/sales')
  await page.getByRole('tab', { name: '直播/电商销售' }).waitFor()
  await pick(page, 'sales-workshop', `E2E 东门直播共富工坊 ${tag}`)
  const form = page.getByTestId('sales-form')
  await form.getByLabel('主播').fill('阿英')
  await form.getByLabel('订单数').fill('12')
  await form.getByLabel('销售额（元）').fill('345.6')
  await form.getByLabel('商品').fill('香菇干、笋干')
  await form.getByRole('button', { name: '记录场次' }).click()
  await page.getByRole('cell', { name: '¥345.60' }).waitFor()
  await page.getByRole('cell', { name: '香菇干、笋干' }).waitFor()

  const header = '场次ID,日期,主播,订单数,销售额（元）,商品'
  const bad = [header, `KS-${tag}-1,${today},小吴,10,"1,000.10",笋干`, `KS-${tag}-2,2025-02-30,小吴,5,abc,茶叶`].join('\r\n')
  const chooser = page.locator('input[type=file]')
  await chooser.setInputFiles({ name: '快手导出.csv', mimeType: 'text/csv', buffer: iconv.encode(bad, 'gbk') })
  await page.locator('#import-platform').fill('快手')
  await page.getByTestId('import-check').click()
  const errors = page.getByTestId('import-errors')
  await errors.getByText('有 2 处错误，未导入任何数据。请修正后重新上传：').waitFor()
  await errors.getByRole('cell', { name: '2025-02-30' }).waitFor()
  await errors.getByRole('cell', { name: '日期无效，应为 YYYY-MM-DD' }).waitFor()
  await expect(page.getByTestId('import-confirm').isDisabled()).resolves.toBe(true)
  await screenshot(page, 'around-sales-import-errors-1280')

  const good = [header, `KS-${tag}-1,${today},小吴,10,"1,000.10",笋干`, `KS-${tag}-2,${today},小吴,5,0.29,茶叶`].join('\r\n')
  await chooser.setInputFiles({ name: '快手导出.csv', mimeType: 'text/csv', buffer: iconv.encode(good, 'gbk') })
  await page.getByTestId('import-check').click()
  await page.getByText('检查通过：2 行，合计 ¥1,000.39').waitFor()
  await page.getByTestId('import-confirm').click()
  await page.getByText('已导入 2 行').waitFor()
  await expect.poll(() => page.getByTestId('sales-sum').innerText()).toContain('¥1,345.99')
  await screenshot(page, 'around-sales-1280')

  await page.getByRole('tab', { name: '农旅接待' }).click()
  await page.getByText(/游客合计|没有可记录的工坊/).first().waitFor()
  await page.context().close()
})

test('partner recruitment: the village publishes, an enterprise applies, staff follow it to a signed workshop', async () => {
  const village = await newPage(e2e.browser, e2e.server.baseURL)
  await login(village, 'collective')
  await village.goto('/partners')
  await village.getByTestId('publish').click()
  const pf = village.getByTestId('publish-form')
  await pf.getByLabel('项目名称').fill(`E2E 闲置粮站招商 ${tag}`)
  await pf.getByLabel('项目介绍').fill('原粮站仓库 600 平方米，适合来料加工。')
  await pf.getByLabel('面积（平方米）').fill('600')
  await pf.getByLabel('联建村').click()
  await village.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click()
  await village.keyboard.press('Escape')
  await pf.getByRole('button', { name: '发布项目' }).click()
  await village.getByText('项目已发布').waitFor()
  await village.getByTestId('opportunity').filter({ hasText: `E2E 闲置粮站招商 ${tag}` }).getByText(/联建村: .+/).waitFor()
  await screenshot(village, 'around-partners-1280')
  await village.context().close()

  const ent = await newPage(e2e.browser, e2e.server.baseURL, phone)
  await login(ent, 'enterprise')
  await ent.goto('/partners')
  const card = ent.getByTestId('opportunity').filter({ hasText: `E2E 闲置粮站招商 ${tag}` })
  await card.getByRole('button', { name: '申请合作' }).click()
  const af = ent.getByTestId('apply-form')
  await af.getByLabel('合作设想').fill('设香菇分拣车间，招本村妇女 30 人。')
  await af.getByLabel('计划用工（人）').fill('30')
  await ent.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定|OK/ }).click()
  await ent.getByText('申请已提交').waitFor()
  await card.getByText('已申请').waitFor()
  await noOverflow(ent)
  await screenshot(ent, 'around-partners-enterprise-360')
  await ent.context().close()

  const staff = await newPage(e2e.browser, e2e.server.baseURL)
  await login(staff, 'qingyuan')
  await staff.goto('/partners')
  await staff.getByRole('tab', { name: '合作申请' }).click()
  await staff.getByRole('cell', { name: `E2E 闲置粮站招商 ${tag}` }).click()
  const drawer = staff.locator('.ant-drawer:visible')
  await expect.poll(() => drawer.getByTestId('app-stage').innerText()).toBe('已申请')
  for (const [stage, note] of [['已对接', '电话对接'], ['实地考察', '实地看仓库'], ['洽谈中', '商谈租金']]) {
    await drawer.getByLabel('跟进情况').fill(note!)
    await pick(staff, 'to-stage', stage!)
    const saved = staff.waitForResponse((r) => r.url().endsWith('/events') && r.request().method() === 'POST')
    await drawer.getByRole('button', { name: '保存跟进' }).click()
    expect((await saved).status()).toBe(200)
    await expect.poll(() => drawer.getByTestId('app-stage').innerText()).toBe(stage)
  }
  await pick(staff, 'to-stage', '已签约')
  await drawer.getByLabel('工坊名称').fill(`E2E 粮站香菇分拣共富工坊 ${tag}`)
  await pick(staff, 'sign-village', '东门村委会')
  await drawer.getByRole('button', { name: '保存跟进' }).click()
  await expect.poll(() => drawer.getByTestId('app-stage').innerText()).toBe('已签约')
  await drawer.getByTestId('signed-workshop').getByText(`E2E 粮站香菇分拣共富工坊 ${tag}`).waitFor()
  await drawer.getByText('商谈租金').waitFor()
  await screenshot(staff, 'around-partners-signed-1280')
  // The signed partnership is a real workshop link: the enterprise now partners the new workshop.
  const linked = await api('GET', `/api/workshops?q=${encodeURIComponent(tag)}`, 'qingyuan')
  expect(linked.body.items.map((w: { name: string }) => w.name)).toContain(`E2E 粮站香菇分拣共富工坊 ${tag}`)
  await staff.context().close()
})
