import { expect, test } from 'vitest'
import { fillFields, login, newPage, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

test('enterprise posts an order, plans it with HiGHS and accepts; the operator accepts the allocation on a phone', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'enterprise')
  await page.getByRole('menuitem', { name: '订单' }).click()
  await page.waitForURL(/\/orders$/)
  // The demo order in arrears is flagged.
  await page.getByTestId('arrears-card').getByText('花菇精选').waitFor()
  await screenshot(page, 'orders-1280')

  await page.getByRole('button', { name: '发布订单' }).click()
  await page.waitForURL(/\/orders\/new$/)
  await fillFields(page, {
    product: '笋干分拣装袋（测试）',
    quantity: '9000',
    workshopRate: '0.1505',
    workerRate: '0.12',
    maxBatch: '9000',
  })
  await screenshot(page, 'order-form-1280')
  await page.getByTestId('order-submit').click()
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/)
  await page.getByText('笋干分拣装袋（测试）').first().waitFor()
  await page.getByText('待接单').first().waitFor()
  // The rate went in as 1505 centifen and comes back as the same yuan text.
  await page.getByText('0.1505').waitFor()
  const orderUrl = page.url()

  await page.getByTestId('go-plan').click()
  await page.waitForURL(/\/plan$/)
  await page.getByTestId('run-plan').click()
  const table = page.getByTestId('plan-table')
  await table.getByText('东门村香菇分拣共富工坊').waitFor({ timeout: 30_000 })
  await page.getByText('最优方案').first().waitFor()
  await page.locator('canvas').first().waitFor()
  await screenshot(page, 'plan-1280')
  await page.getByTestId('accept-plan').click()
  await page.getByTestId('plan-accepted').waitFor()

  await page.goto(orderUrl)
  await page.getByText('已分配').first().waitFor()
  await page.getByText('待确认').first().waitFor()
  await screenshot(page, 'order-detail-1280')
  await page.context().close()

  // The operator, on a 360 px phone.
  const phone = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  await login(phone, 'operator')
  await phone.goto('/my-orders')
  const card = phone.getByTestId('my-allocation').filter({ hasText: '笋干分拣装袋（测试）' })
  await card.waitFor()
  await expect(card.getByTestId('allocation-status').textContent()).resolves.toBe('待确认')
  await screenshot(phone, 'my-orders-360')
  await card.getByRole('button', { name: /^接\s*单$/ }).click()
  await card.getByTestId('allocation-status').filter({ hasText: '已接单' }).waitFor()
  await card.getByRole('button', { name: '登记交货' }).waitFor()
  await screenshot(phone, 'my-orders-360-accepted')
  // A first delivery of 100 pieces through its dialog: it closes and the card counts them.
  await card.getByRole('button', { name: '登记交货' }).click()
  const deliver = phone.getByRole('dialog')
  await deliver.getByLabel('交货数量').fill('100')
  await deliver.getByRole('button', { name: /确\s*定|OK/ }).click()
  await deliver.waitFor({ state: 'detached' })
  await card.getByText('已交货 100 · 验收合格 0').waitFor()
  // Nearby open orders: the demo's open order can be claimed.
  await phone.getByTestId('tab-nearby').click()
  await phone.getByTestId('nearby-order').filter({ hasText: '干香菇分级包装' }).waitFor()
  await screenshot(phone, 'my-orders-360-nearby')
  // The server agrees: the allocation is accepted.
  const status = await phone.evaluate(() =>
    fetch('/api/allocations?status=accepted')
      .then((r) => r.json())
      .then((b: { items: { product: string }[] }) => b.items.some((a) => a.product === '笋干分拣装袋（测试）')),
  )
  expect(status).toBe(true)
  await phone.context().close()

  // The enterprise checks that delivery (all good), then records paying the workshop what it is owed for it.
  const ent = await newPage(e2e.browser, e2e.server.baseURL)
  await login(ent, 'enterprise')
  await ent.goto(orderUrl)
  await ent.getByRole('button', { name: /^验\s*收$/ }).click()
  const check = ent.getByRole('dialog')
  await expect(check.getByLabel('合格数').inputValue()).resolves.toBe('100')
  await check.getByRole('button', { name: /确\s*定|OK/ }).click()
  await check.waitFor({ state: 'detached' })
  await ent.getByText('待验收').waitFor({ state: 'detached' })
  await ent.getByRole('button', { name: '登记付款' }).click()
  const pay = ent.getByRole('dialog')
  await expect(pay.getByLabel('金额（元）').inputValue()).resolves.toBe('15.05')
  await pay.getByRole('button', { name: /确\s*定|OK/ }).click()
  await pay.waitFor({ state: 'detached' })
  await ent.getByRole('button', { name: '登记付款' }).waitFor({ state: 'detached' })
  await ent.context().close()
})

test('township staff see the orders and arrears of their area and the dispute they mediate', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'township')
  await page.getByRole('menuitem', { name: '订单' }).click()
  await page.waitForURL(/\/orders$/)
  const arrears = page.getByTestId('arrears-card')
  await arrears.getByText('花菇精选').waitFor()
  await arrears.getByText('逾期合计').waitFor()
  await screenshot(page, 'orders-staff-1280')
  await arrears.getByRole('link', { name: '花菇精选' }).click()
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/)
  await page.getByText('首批花菇退回数量有异议').click()
  await page.getByText('已约双方本周五在东门村文化礼堂复检', { exact: false }).waitFor()
  await page.getByText('调解中').first().waitFor()
  await screenshot(page, 'order-dispute-1280')
  await page.context().close()
})
