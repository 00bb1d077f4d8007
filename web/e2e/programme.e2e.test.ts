import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { fillFields, login, newPage, pickOption, pickRemoteOption, pickTreeOption, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

const phone = { width: 360, height: 740 }

/** A new page, signed in as `username` and opened at `path`. */
async function openAs(username: string, path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await newPage(e2e.browser, e2e.server.baseURL, viewport)
  await login(page, username)
  await page.goto(path)
  return page
}

/** Picks a search hit in an antd Select that searches the API as you type; checks the pick took. */
async function pickRemote(page: Page, selector: string, text: string, hit: RegExp | string) {
  await pickRemoteOption(page, page.locator(selector), text, hit)
}

test('ratings: staff rate a workshop from its records plus manual scores, see the ranking and the criteria', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  await page.getByRole('menuitem', { name: '评星与示范' }).click()
  await page.getByText('工坊评星 · 百坊示范、千坊提升').waitFor()
  // The demo's ratings of Qingyuan's workshops, computed from the demo records.
  await page.locator('.ant-table-row').first().waitFor()
  await page.getByTestId('rate-button').click()
  await pickRemote(page, '#rate-workshop', '东门村', '东门村香菇分拣共富工坊')
  await fillFields(page, {
    'manual-management-score': '90',
    'manual-management-note': '台账规范，制度上墙',
    'manual-social_benefit-score': '85',
    'manual-social_benefit-note': '带动低收入农户就业',
  })
  await screenshot(page, 'ratings-1280-rate')
  await page.getByTestId('rate-submit').click()
  await page.getByText(/评星完成：\d 星/).waitFor()
  const row = page.locator('.ant-table-row', { hasText: '东门村香菇分拣共富工坊' })
  await row.waitFor()
  await row.getByText('东门村香菇分拣共富工坊').click()
  // Detail: computed criteria with their measured values and the reviewer's note.
  const drawer = page.locator('.ant-drawer-section')
  await drawer.getByText('带动就业人数').waitFor()
  await drawer.getByText('台账规范，制度上墙').waitFor()
  await expect(drawer.getByText('自动计算').count()).resolves.toBe(9)
  await screenshot(page, 'ratings-1280-detail')
  await drawer.locator('.ant-drawer-close').click()
  await drawer.waitFor({ state: 'hidden' })
  await page.getByRole('tab', { name: '评星指标' }).click()
  await page.getByText('使用省级默认指标').or(page.getByText('本县已自定义指标')).first().waitFor()
  await page.getByRole('tab', { name: '示范工坊' }).click()
  await page.getByRole('tab', { name: '提升工坊' }).click()
  await screenshot(page, 'ratings-1280-improvement')
  await page.context().close()
})

test('training: schedule a session, enrol a worker, record attendance; the worker sees sessions on her phone', async () => {
  const page = await openAs('qingyuan', '/training')
  await page.getByTestId('training-headcount').waitFor()
  await page.getByTestId('new-session').click()
  await fillFields(page, {
    'session-topic': '香菇保鲜冷链操作',
    'session-skill': 'cold_chain',
    'session-trainer': '吴建平',
    'session-place': '松源街道成校',
  })
  await pickTreeOption(page, page.locator('#session-region'), '松源街道')
  const created = page.waitForResponse((r) => r.url().endsWith('/api/training-sessions') && r.request().method() === 'POST')
  await page.getByRole('button', { name: /确\s*定|OK/ }).click()
  expect((await created).status()).toBe(201)
  const row = page.locator('.ant-table-row', { hasText: '香菇保鲜冷链操作' })
  await row.waitFor()
  await row.getByText('香菇保鲜冷链操作').click()
  const drawer = page.locator('.ant-drawer-section')
  await pickRemote(page, '#enrol-worker', '叶秀英', '叶秀英')
  await drawer.getByRole('button', { name: /报\s*名/ }).click()
  await drawer.getByRole('checkbox', { name: '叶秀英' }).check()
  await drawer.getByRole('button', { name: '登记签到' }).click()
  await page.getByText(/已登记 1 人签到/).waitFor()
  await drawer.getByText('已签到').waitFor()
  await screenshot(page, 'training-1280-drawer')
  await page.context().close()

  const mobile = await openAs('worker', '/training', phone)
  await mobile.getByText('技能培训').first().waitFor()
  // She was enrolled (and attended) above: that session shows as enrolled, not as a button to press again.
  const card = mobile.locator('.ant-card-small', { hasText: '香菇保鲜冷链操作' })
  await card.getByRole('button', { name: '报名成功' }).waitFor()
  await expect(card.getByRole('button', { name: '报名成功' }).isDisabled()).resolves.toBe(true)
  await screenshot(mobile, 'training-360-worker')
  await mobile.context().close()
})

test('targets and coverage: progress of targets, gaps listed and exported, in Chinese and English', async () => {
  const page = await openAs('lishui', '/targets')
  await page.getByTestId('targets-table').getByText('运营中工坊数').first().waitFor()
  const summary = page.getByTestId('coverage-summary')
  await summary.waitFor()
  expect(await summary.textContent()).toMatch(/共 \d+ 个，已覆盖 \d+ 个，未覆盖 \d+ 个/)
  await page.getByTestId('coverage-table').locator('.ant-table-row').first().getByText('未覆盖').waitFor()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/未覆盖-乡镇-3311\.csv$/)
  await screenshot(page, 'targets-1280')
  await page.getByTestId('language-switch').click()
  await page
    .getByText('Policy targets')
    .or(page.getByText('Targets', { exact: true }))
    .first()
    .waitFor()
  await page.getByText(/\d+ in all, \d+ covered, \d+ not covered/).waitFor()
  await screenshot(page, 'targets-1280-en')
  await page.getByTestId('language-switch').click()
  await page.getByText('目标任务').waitFor()
  await page.context().close()
})

test('targets: 删除 only where the server allows it, and only after a confirmation', async () => {
  // Township staff see the targets that apply to them, with no 删除 anywhere.
  const town = await openAs('township', '/targets', phone)
  const townTable = town.getByTestId('targets-table')
  await townTable.getByText('庆元县带动就业').waitFor()
  await expect(townTable.locator('.ant-table-row').count()).resolves.toBeGreaterThanOrEqual(2)
  await expect(town.getByTestId('target-remove').count()).resolves.toBe(0)
  await screenshot(town, 'targets-360-township')
  await town.context().close()

  // City staff may remove the city's own targets (not the province's), after saying yes.
  const page = await openAs('lishui', '/targets')
  const table = page.getByTestId('targets-table')
  const province = table.locator('.ant-table-row', { hasText: '三年建成共富工坊一万家' })
  const city = table.locator('.ant-table-row', { hasText: '技能培训人数' })
  await city.waitFor()
  await expect(province.getByTestId('target-remove').count()).resolves.toBe(0)
  await city.getByTestId('target-remove').click()
  const confirm = page.locator('.ant-popconfirm:visible')
  await confirm.getByText('确定删除这个目标吗？删除后不能恢复。').waitFor()
  await screenshot(page, 'targets-1280-confirm', { fullPage: false })
  // Cancelling keeps the row; nothing was sent on the first click.
  await confirm.getByRole('button', { name: /取\s*消/ }).click()
  await confirm.waitFor({ state: 'hidden' })
  await expect(city.count()).resolves.toBe(1)
  await city.getByTestId('target-remove').click()
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /删\s*除/ }).click()
  await city.waitFor({ state: 'detached' })
  await table.getByText('丽水市工坊数').waitFor()
  await page.context().close()
})

test('talent pool: the operator posts a problem on the phone, staff assign an expert who records the outcome', async () => {
  const op = await openAs('operator', '/talent', phone)
  await op.getByTestId('post-problem').click()
  await pickRemote(op, '#problem-workshop', '东门村', '东门村香菇分拣共富工坊')
  await fillFields(op, {
    'problem-title': '分拣台噪音大',
    'problem-description': '电机噪音大，工人反映头疼',
  })
  await op.getByRole('button', { name: /确\s*定/ }).click()
  await op.getByTestId('problem-cards').locator('.ant-card', { hasText: '分拣台噪音大' }).getByText('待接单').waitFor()
  await screenshot(op, 'talent-360-operator')
  await op.context().close()

  const page = await openAs('qingyuan', '/talent')
  const row = page.locator('.ant-table-row', { hasText: '分拣台噪音大' })
  await row.getByRole('button', { name: /接\s*单/ }).click()
  const accept = page.locator('.ant-select', { has: page.locator('#accept-expert') })
  await page.locator('.ant-select-disabled', { has: page.locator('#accept-expert') }).waitFor({ state: 'detached' }) // experts loaded
  await pickOption(page, accept, '吴建平')
  const accepted = page.waitForResponse((r) => r.url().endsWith('/accept') && r.request().method() === 'POST')
  await page.getByRole('button', { name: /确\s*定/ }).click()
  expect((await accepted).status()).toBe(200)
  await row.getByText('处理中').waitFor()
  await row.getByRole('button', { name: '登记结果' }).click()
  await page.locator('#problem-outcome').fill('更换静音电机后噪音明显下降')
  await page.getByRole('button', { name: /确\s*定/ }).click()
  await row.getByText('已解决').waitFor()
  await page.getByRole('tab', { name: '专家库' }).click()
  await page.getByText('高级农艺师').waitFor()
  await screenshot(page, 'talent-1280-experts')
  await page.context().close()
})
