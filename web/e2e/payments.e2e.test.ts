import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import iconv from 'iconv-lite'
import { luhnCheckDigit } from '@gongfang/shared/payments'
import { login, newPage, pickOption, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()
const PHONE = { width: 360, height: 740 }
const MONTH = '2024-06'

async function api<T>(username: string, method: string, path: string, body?: unknown): Promise<T> {
  const login = await fetch(`${e2e.server.baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'gongfang-demo' }) })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${e2e.server.baseURL}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

const DEDUCTION_REASON = '六月宿舍水电费'

/** A locked sheet of the operator's workshop for a month with one day of 叶秀英's work and one approved deduction. */
async function lockedSheet(): Promise<{ id: string; workerId: string; totalFen: number }> {
  const ws = (await api<{ id: string; name: string }[]>('operator', 'GET', '/api/work-records/workshops')).find((w) => w.name === '东门村香菇分拣共富工坊')!
  const day = await api<{ workers: { id: string; name: string }[] }>('operator', 'GET', `/api/work-records/day-sheet?workshopId=${ws.id}&date=${MONTH}-10`)
  const worker = day.workers.find((m) => m.name === '叶秀英')!
  const product = await api<{ id: string }>('operator', 'POST', '/api/work-products', { workshopId: ws.id, name: '发放测试品', workerRateCentifen: 12345 })
  await api('operator', 'POST', '/api/work-records', { workshopId: ws.id, lines: [{ workerId: worker.id, workDate: `${MONTH}-10`, productId: product.id, goodQty: 1000 }] })
  const sheet = await api<{ id: string }>('operator', 'POST', '/api/paysheets', { workshopId: ws.id, month: MONTH })
  const added = await api<{ deductions: { id: string }[] }>('operator', 'POST', `/api/paysheets/${sheet.id}/deductions`, { workerId: worker.id, code: 'utilities', amountFen: 1500, reason: DEDUCTION_REASON })
  await api('township', 'POST', `/api/paysheets/${sheet.id}/deductions/${added.deductions[0]!.id}/approve`)
  const locked = await api<{ id: string; totalFen: number }>('operator', 'POST', `/api/paysheets/${sheet.id}/lock`)
  return { id: locked.id, workerId: worker.id, totalFen: locked.totalFen }
}

async function makeBatch(page: Page): Promise<void> {
  await page.goto('/payments')
  await page.getByTestId('new-batch').click()
  await page.getByTestId('batch-sheets').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: MONTH }).first().click()
  await page.keyboard.press('Escape')
  const made = page.waitForResponse((r) => r.url().endsWith('/api/payment-batches') && r.request().method() === 'POST')
  await page.getByTestId('make-batch').click()
  expect((await made).status()).toBe(201)
  await page.waitForURL(/\/payments\/[0-9a-f-]{36}$/)
}

async function uploadCsv(page: Page, csv: string): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().includes('/returns') && r.request().method() === 'POST')
  await page.locator('input[type=file]').setInputFiles({ name: 'return.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') })
  expect((await answered).status()).toBe(200)
  await page.getByTestId('return-result').waitFor()
}

test('operator records an account, pays a sheet by bank file, a failed line is re-sent in a second batch and the sheet is paid', async () => {
  const sheet = await lockedSheet()
  const body = '6228480402564890018'.slice(0, 18)
  const good = body + luhnCheckDigit(body)
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'operator')

  // The account, entered on the worker's page: a wrong check digit is refused in place, the good one is masked.
  await page.goto(`/workers/${sheet.workerId}`)
  await page.getByRole('tab', { name: '工资账户' }).click()
  await page.getByTestId('account-edit').click()
  await page.getByTestId('account-number').fill(good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10))
  await page.getByTestId('account-save').click()
  await page.getByText('银联卡号校验位不符').waitFor()
  await page.getByTestId('account-number').fill(good)
  await page.getByTestId('account-save').click()
  await page.getByTestId('account-masked').filter({ hasText: `**** ${good.slice(-4)}` }).waitFor()
  // Once saved, the full number is nowhere in the page (not even in the closed form).
  expect((await page.content()).includes(good)).toBe(false)

  // First batch: the bank file (generic GBK CSV) holds the full number and the sheet's net.
  await makeBatch(page)
  await page.getByRole('combobox', { name: '银行模板' }).click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'CSV' }).click()
  const downloading = page.waitForEvent('download')
  await page.getByTestId('download-bank-file').click()
  const file = await downloading
  const rows = iconv.decode(readFileSync((await file.path())!), 'gbk').trim().split('\r\n').map((r) => r.split(','))
  expect(rows).toHaveLength(2)
  const [reference, account, , , amount] = rows[1]!
  expect(account).toBe(good)
  expect(amount).toBe((sheet.totalFen / 100).toFixed(2))
  await screenshot(page, 'payments-batch-1280')

  // The bank returns a failure: the line waits to be re-sent, the sheet is still unpaid.
  await uploadCsv(page, `参考号,结果,原因\r\n${reference},失败,账户已销户\r\n`)
  await page.getByText('失败·待重发').waitFor()
  await page.getByText('账户已销户').waitFor()
  await page.getByTestId('batch-status').filter({ hasText: '已结清' }).waitFor()

  // Second batch of the same sheet re-sends that line; the bank's success pays the sheet.
  await makeBatch(page)
  const second = await api<{ lines: { reference: string; amountFen: number }[] }>('operator', 'GET', `/api/payment-batches/${page.url().split('/').at(-1)}`)
  expect(second.lines.map((l) => l.amountFen)).toEqual([sheet.totalFen])
  await uploadCsv(page, `参考号,结果\r\n${second.lines[0]!.reference},成功\r\n`)
  await page.getByTestId('return-result').filter({ hasText: '成功 1 笔' }).waitFor()
  await page.getByTestId('batch-status').filter({ hasText: '已结清' }).waitFor()
  const paid = await api<{ status: string }>('operator', 'GET', `/api/paysheets/${sheet.id}`)
  expect(paid.status).toBe('paid')

  await page.setViewportSize(PHONE)
  await page.reload()
  await page.getByTestId('batch-status').waitFor()
  await screenshot(page, 'payments-batch-360')
  await page.goto('/payments')
  await page.getByText('对账').first().waitFor()
  await screenshot(page, 'payments-list-360')
})

test('the worker at 360 px reads the paid slip of that month, hears the net pay read aloud and confirms receipt', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, PHONE)
  // Record what the page asks the speech engine to say (headless Chromium has no voices).
  await page.addInitScript(() => {
    const w = window as unknown as { spoken: string[] }
    w.spoken = []
    Object.defineProperty(window, 'speechSynthesis', { value: { speak: (u: SpeechSynthesisUtterance) => w.spoken.push(u.text), cancel: () => undefined } })
    // Like a desktop browser without file sharing, so the image takes the download path the test can catch.
    Object.defineProperty(navigator, 'canShare', { value: () => false })
  })
  await login(page, 'worker')
  await page.goto('/my-wages')
  await page.locator(`[data-testid=month-row][data-month="${MONTH}"]`).click()
  const slip = page.getByTestId('pay-slip')
  await slip.waitFor()
  const slips = await api<{ netFen: number; paidOn: string; accountLast4: string | null }[]>('worker', 'GET', `/api/payslips?month=${MONTH}`)
  const net = (slips[0]!.netFen / 100).toFixed(2)
  await expect(page.getByTestId('slip-net').textContent()).resolves.toContain(net.replace(/\B(?=(\d{3})+(?!\d))/g, ','))
  await page.getByTestId('slip-paid').filter({ hasText: `尾号 ${slips[0]!.accountLast4}` }).waitFor()
  await page.getByTestId('slip-read').click()
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)
  expect(spoken.at(-1)).toContain(`${Number(net.split('.')[0]).toLocaleString('en')}.${net.split('.')[1]} 元`)
  expect(spoken.at(-1)).toContain(slips[0]!.paidOn)
  // The approved deduction is on the slip with its reason.
  await slip.getByText(DEDUCTION_REASON, { exact: false }).waitFor()
  await screenshot(page, 'payments-slip-360')
  // Saved as an image: where the browser cannot share files it downloads a PNG of the slip.
  const downloading = page.waitForEvent('download')
  await page.getByTestId('slip-image').click()
  const png = await downloading
  expect(png.suggestedFilename()).toMatch(/\.png$/)
  const bytes = readFileSync((await png.path())!)
  await png.saveAs(new URL('../screenshots/payments-slip-image.png', import.meta.url).pathname)
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  // 720 × (height) pixels of text: far more than a blank canvas compresses to.
  expect(bytes.length).toBeGreaterThan(15_000)
  expect(bytes.readUInt32BE(16)).toBe(720)
  const confirmed = page.waitForResponse((r) => r.url().includes('/confirm') && r.request().method() === 'POST')
  await page.getByTestId('slip-confirm').click()
  expect((await confirmed).status()).toBe(200)
  await page.getByTestId('slip-confirmed').waitFor()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1)
})

test('on the pay sheet page the operator enters a deduction with its reason, township staff approve it, another is removed after a confirmation', async () => {
  const month = '2024-07'
  const ws = (await api<{ id: string; name: string }[]>('operator', 'GET', '/api/work-records/workshops')).find((w) => w.name === '东门村香菇分拣共富工坊')!
  const day = await api<{ workers: { id: string; name: string }[] }>('operator', 'GET', `/api/work-records/day-sheet?workshopId=${ws.id}&date=${month}-10`)
  const worker = day.workers.find((m) => m.name === '叶秀英')!
  const product = await api<{ id: string }>('operator', 'POST', '/api/work-products', { workshopId: ws.id, name: '扣款测试品', workerRateCentifen: 10000 })
  await api('operator', 'POST', '/api/work-records', { workshopId: ws.id, lines: [{ workerId: worker.id, workDate: `${month}-10`, productId: product.id, goodQty: 500 }] })
  const sheet = await api<{ id: string; totalFen: number }>('operator', 'POST', '/api/paysheets', { workshopId: ws.id, month })
  expect(sheet.totalFen).toBe(50_000)

  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'operator')
  await page.goto(`/paysheets/${sheet.id}`)
  await page.getByTestId('deduction-add').click()
  await pickOption(page, page.getByTestId('deduction-worker'), '叶秀英')
  await page.getByTestId('deduction-amount').fill('12.50')
  await page.getByTestId('deduction-reason').fill('七月宿舍水电费')
  const added = page.waitForResponse((r) => r.url().endsWith('/deductions') && r.request().method() === 'POST')
  await page.getByTestId('deduction-save').click()
  expect((await added).status()).toBe(200)
  await page.getByTestId('deductions').getByText('七月宿舍水电费').waitFor()
  await page.getByTestId('deductions').getByText('待审批', { exact: true }).waitFor()
  // Pending: the net is unchanged.
  await expect(page.getByTestId('sheet-total').textContent()).resolves.toContain('500.00')

  // A second one, removed again: the delete asks first.
  await api('operator', 'POST', `/api/paysheets/${sheet.id}/deductions`, { workerId: worker.id, code: 'other', amountFen: 300, reason: '误录，待删除' })
  await page.reload()
  const row = page.getByTestId('deductions').locator('tr').filter({ hasText: '误录，待删除' })
  await row.getByTestId('deduction-delete').click()
  const deleted = page.waitForResponse((r) => r.url().includes('/deductions/') && r.request().method() === 'DELETE')
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click()
  expect((await deleted).status()).toBe(200)
  await row.waitFor({ state: 'detached' })
  await screenshot(page, 'paysheet-deductions-1280')

  // Township staff approve it: the net drops by 12.50 yuan.
  const staff = await newPage(e2e.browser, e2e.server.baseURL, PHONE)
  await login(staff, 'township')
  await staff.goto(`/paysheets/${sheet.id}`)
  const approved = staff.waitForResponse((r) => r.url().endsWith('/approve') && r.request().method() === 'POST')
  await staff.getByTestId('deduction-approve').click()
  expect((await approved).status()).toBe(200)
  // Waits for the re-render: read at once, the total can still be the one before the answer (seen under load).
  await staff.getByTestId('sheet-total').filter({ hasText: '487.50' }).waitFor()
  await staff.getByTestId('deductions').getByText('已审批', { exact: true }).waitFor()
  await screenshot(staff, 'paysheet-deductions-360')
  expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1)
  // Another, entered twice by mistake: staff reject it with a reason, after a confirmation; it stays listed and does not count.
  await api('operator', 'POST', `/api/paysheets/${sheet.id}/deductions`, { workerId: worker.id, code: 'utilities', amountFen: 1250, reason: '七月水电（重复录入）' })
  const desk = await newPage(e2e.browser, e2e.server.baseURL)
  await login(desk, 'township')
  await desk.goto(`/paysheets/${sheet.id}`)
  const dup = desk.getByTestId('deductions').locator('tr').filter({ hasText: '七月水电（重复录入）' })
  await dup.getByTestId('deduction-reject').click()
  await desk.getByTestId('deduction-reject-reason').fill('与上一笔重复')
  const rejected = desk.waitForResponse((r) => r.url().endsWith('/reject') && r.request().method() === 'POST')
  await desk.getByTestId('deduction-reject-confirm').click()
  expect((await rejected).status()).toBe(200)
  await dup.getByText('已驳回', { exact: true }).waitFor()
  await dup.getByText('驳回原因：与上一笔重复').waitFor()
  await desk.getByTestId('sheet-total').filter({ hasText: '487.50' }).waitFor()
  const list = await api<{ status: string; amountFen: number; rejectReason: string | null }[]>('operator', 'GET', `/api/paysheets/${sheet.id}/deductions`)
  expect(list.map((d) => d.status).sort()).toEqual(['approved', 'rejected'])
  expect(list.find((d) => d.status === 'rejected')).toMatchObject({ amountFen: 1250, rejectReason: '与上一笔重复' })
})
