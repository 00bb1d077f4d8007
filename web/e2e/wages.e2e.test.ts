import { expect, test } from 'vitest'
import { login, newPage, pickTreeOption, screenshot, useServerAndBrowser } from './harness'
import { today } from '@gongfang/shared/clock'

const e2e = useServerAndBrowser()
const PHONE = { width: 360, height: 740 }


async function api<T>(username: string, path: string): Promise<T> {
  const login = await fetch(`${e2e.server.baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'gongfang-demo' }) })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${e2e.server.baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } })
  return (await res.json()) as T
}

const todayCn = () => today()
const lastMonth = () => {
  const [y, m] = todayCn().split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

test('operator on a 360 px phone: day sheet, lock the month, print; the worker sees the month’s pay', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, PHONE)
  await login(page, 'operator')
  await page.goto('/day-sheet')
  const good = page.getByLabel('叶秀英 合格件数')
  await good.waitFor()
  await page.getByText('东门村香菇分拣共富工坊').first().waitFor()
  await good.fill('321')
  await page.getByLabel('叶秀英 次品').fill('4')
  await screenshot(page, 'wages-day-sheet-360')
  await page.getByTestId('submit-day').click()
  await page.locator('[data-testid=outbox-entry][data-state=sent]').waitFor()
  // The day's record is on the server, at the product's rate, once.
  const ws = (await api<{ id: string; name: string }[]>('operator', '/api/work-records/workshops')).find((w) => w.name === '东门村香菇分拣共富工坊')!
  const day = await api<{ records: { workerName: string; goodQty: number; rejectedQty: number }[] }>('operator', `/api/work-records/day-sheet?workshopId=${ws.id}&date=${todayCn()}`)
  expect(day.records.filter((r) => r.workerName === '叶秀英' && r.goodQty === 321 && r.rejectedQty === 4)).toHaveLength(1)
  // No horizontal scrolling on the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1)
  await screenshot(page, 'wages-day-sheet-360-sent')

  // Lock last month's pay sheet.
  await page.goto('/paysheets')
  await page.getByTestId('open-month').click()
  await page.waitForURL(/\/paysheets\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('sheet-status').textContent()).resolves.toContain('草稿')
  const sheetUrl = page.url()
  await page.getByTestId('lock-sheet').click()
  await page.locator('.ant-popconfirm .ant-btn-primary').click()
  await page.getByTestId('sheet-status').filter({ hasText: '已锁定' }).waitFor()
  await screenshot(page, 'wages-paysheet-locked-360')
  const id = sheetUrl.split('/').at(-1)!
  const sheet = await api<{ month: string; status: string; totalFen: number; totalInWords: string; lines: { workerName: string; totalFen: number }[] }>('operator', `/api/paysheets/${id}`)
  expect(sheet).toMatchObject({ month: lastMonth(), status: 'locked' })
  expect((await api<{ valid: boolean }>('operator', `/api/paysheets/${id}/verify`)).valid).toBe(true)

  // The print view: A4, Chinese, totals in figures and capitals; only the sheet prints.
  await page.getByTestId('print-sheet').click()
  await page.getByTestId('print-sheet-view').waitFor()
  await expect(page.getByTestId('print-words').textContent()).resolves.toBe(`人民币${sheet.totalInWords}`)
  await expect(page.getByTestId('print-total').textContent()).resolves.toContain(`${Math.floor(sheet.totalFen / 100).toLocaleString('en')}.`)
  await page.getByText('领款人签字').waitFor()
  const desktop = await newPage(e2e.browser, e2e.server.baseURL)
  await login(desktop, 'operator')
  await desktop.goto(`/paysheets/${id}/print`)
  await desktop.getByTestId('print-sheet-view').waitFor()
  await desktop.emulateMedia({ media: 'print' })
  expect(await desktop.locator('.gf-no-print').first().isVisible()).toBe(false)
  await screenshot(desktop, 'wages-paysheet-print')
  const pdf = await desktop.pdf({ format: 'A4' })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(5_000)
  await desktop.context().close()

  // The worker, on a phone, sees the month as confirmed (locked) with her amount, and earlier months paid.
  const w = await newPage(e2e.browser, e2e.server.baseURL, PHONE)
  await login(w, 'worker')
  await w.goto('/my-wages')
  const row = w.locator(`[data-testid=month-row][data-month="${lastMonth()}"]`)
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain('已核定')
  const mine = sheet.lines.find((l) => l.workerName === '叶秀英')!
  const yuan = `¥${Math.floor(mine.totalFen / 100).toLocaleString('en')}.${String(mine.totalFen % 100).padStart(2, '0')}`
  await expect(row.textContent()).resolves.toContain(yuan)
  await expect(w.locator('[data-testid=month-row]').filter({ hasText: '已发放' }).count()).resolves.toBeGreaterThan(0)
  await row.click()
  await w.getByTestId('month-amount').filter({ hasText: yuan }).waitFor()
  await screenshot(w, 'wages-worker-360')
})

test('township staff require approval of pay-sheet locks for their township, then lift it (desktop and phone)', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'township')
  await page.goto('/paysheets')
  const card = page.getByTestId('approval-rules')
  await card.getByText('辖区内工资表锁定无需审批').waitFor()
  await pickTreeOption(page, page.locator('#approval-region'), '松源街道')
  await card.getByTestId('approval-add').click()
  await card.getByText('松源街道 331126001').waitFor()
  await screenshot(page, 'wages-approval-rules-1280')
  const rules = await api<{ regionCode: string }[]>('township', '/api/paysheets/approval-rules')
  expect(rules.map((r) => r.regionCode)).toContain('331126001')
  // The county above sees the rule in its region; on a phone the card still fits.
  const phone = await newPage(e2e.browser, e2e.server.baseURL, PHONE)
  await login(phone, 'qingyuan')
  await phone.goto('/paysheets')
  await phone.getByTestId('approval-rules').getByText('松源街道 331126001').waitFor()
  await screenshot(phone, 'wages-approval-rules-360')
  await card.getByTestId('approval-remove-331126001').click()
  await card.getByText('辖区内工资表锁定无需审批').waitFor()
  expect(await api<{ regionCode: string }[]>('township', '/api/paysheets/approval-rules')).toEqual([])
})
