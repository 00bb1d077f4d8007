import { expect, test } from 'vitest'
import iconv from 'iconv-lite'
import { idNumberCheckChar } from '@gongfang/shared'
import { login, newPage, screenshot, useServerAndBrowser } from './harness'

const e2e = useServerAndBrowser()

const id = (first17: string) => first17 + idNumberCheckChar(first17)
const good = [id('33112619540612021'), id('33112619681103042'), id('33112619750920013')]
const badId = good[1]!.slice(0, 17) + (good[1]![17] === '1' ? '2' : '1') // wrong check digit

function csv(second: string): Buffer {
  const text = [
    '姓名,身份证号,手机号,村代码,家庭户,低收入农户认定日期,技能,加入前月收入（元）',
    `吴春花,${good[0]},13905780001,331126001200,东门村2组,2022-01-01,分拣、包装,900.50`,
    `叶海燕,${second},,331126001200,东门村5组,,包装,1200`,
    `周永福,${good[2]},13905780003,331126001200,东门村1组,,,2000`,
  ].join('\r\n')
  return iconv.encode(text, 'gbk') // what Excel/WPS save on Chinese Windows
}

test('import wizard: a file with one bad row shows the error table; the fixed file imports', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  await page.goto('/imports')
  await page.getByText('批量导入').first().waitFor()

  // 1. Upload the file with a bad ID number in spreadsheet row 3.
  await page.locator('input[type=file]').setInputFiles({ name: '农户名单.csv', mimeType: 'text/csv', buffer: csv(badId) })
  const errors = page.getByTestId('import-errors')
  await errors.waitFor()
  await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('gbk')
  const rows = errors.locator('tbody tr.ant-table-row')
  await expect(rows.count()).resolves.toBe(1)
  const cells = await rows.first().locator('td').allTextContents()
  expect(cells[0]).toBe('3')
  expect(cells[1]).toBe('身份证号')
  expect(cells[2]).toBe(badId)
  expect(cells[3]).toContain('身份证号无效')
  await expect(page.getByTestId('import-confirm').count()).resolves.toBe(0)
  await screenshot(page, 'registry-import-errors-1280')
  // Nothing was written.
  const before = await page.evaluate(() => fetch('/api/workers?q=叶海燕').then((r) => r.json()))
  expect(before.total).toBe(0)

  // 2. Fix the row and upload again: checked, previewed (masked), then imported.
  await page.locator('input[type=file]').setInputFiles({ name: '农户名单.csv', mimeType: 'text/csv', buffer: csv(good[1]!) })
  await page.getByTestId('import-confirm').waitFor()
  await expect(page.getByTestId('import-confirm').textContent()).resolves.toContain('3')
  await page.getByText(/^\*{14}\d{3}[\dX]$/).first().waitFor()
  await screenshot(page, 'registry-import-preview-1280')
  await page.getByTestId('import-confirm').click()
  await page.getByTestId('import-done').waitFor()
  await expect(page.getByTestId('import-done').textContent()).resolves.toContain('3')
  await screenshot(page, 'registry-import-done-1280')

  const after = await page.evaluate(() => fetch('/api/workers?q=叶海燕').then((r) => r.json()))
  expect(after.total).toBe(1)
  // Masked for the county too: the age instead of the birth date, the last 4 of the number.
  expect(after.items[0]).toMatchObject({ name: '叶海燕', household: '东门村5组', baselineMonthlyIncomeFen: 120000, birthDate: null, sex: 'F', idNumber: `${'*'.repeat(14)}${good[1]!.slice(-4)}` })
  expect(after.items[0].age).toBeGreaterThanOrEqual(57)

  // The imported worker's page shows the record and its history.
  await page.goto(`/workers/${after.items[0].id}`)
  await page.getByTestId('id-number').waitFor()
  await expect(page.getByTestId('id-number').textContent()).resolves.toBe(`${'*'.repeat(14)}${good[1]!.slice(-4)}`)
  await screenshot(page, 'registry-worker-1280')
})

test('import by village names: a GBK CSV without codes previews the villages by name and imports', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'qingyuan')
  await page.goto('/imports')
  const named = [id('33112619630305021'), id('33112619710714042')]
  // Township/village as county staff write it, once with the county in front and 村 for 村委会.
  const text = [
    '姓名,身份证号,所在村',
    `宓春兰,${named[0]},松源街道/东门村委会`,
    `阙志明,${named[1]},庆元县 松源街道 东门村`,
  ].join('\r\n')
  await page.locator('input[type=file]').setInputFiles({ name: '按村名导入.csv', mimeType: 'text/csv', buffer: iconv.encode(text, 'gbk') })
  await page.getByTestId('import-confirm').waitFor()
  await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('gbk')
  // The preview names the village (and shows the code it was matched to), under Chinese column names.
  const preview = page.locator('.ant-table').filter({ hasText: '宓春兰' })
  const headers = await preview.locator('thead th').allTextContents()
  expect(headers).toEqual(expect.arrayContaining(['姓名', '村名', '村代码']))
  expect(headers.filter((h) => /[a-z][A-Z]/.test(h))).toEqual([]) // no field key left untranslated
  for (const [name, sex] of [['宓春兰', '男'], ['阙志明', '女']] as const) {
    const row = preview.locator('.ant-table-row', { hasText: name })
    await expect(row.textContent()).resolves.toContain('东门村委会')
    await expect(row.locator('td').allTextContents()).resolves.toContain(sex) // from the ID number, in words
    await expect(row.textContent()).resolves.toContain('331126001200')
  }
  await screenshot(page, 'registry-import-names-preview-1280')
  await page.getByTestId('import-confirm').click()
  await page.getByTestId('import-done').waitFor()
  await expect(page.getByTestId('import-done').textContent()).resolves.toContain('2')

  // Both are in the worker list, in 东门村委会.
  await page.goto('/workers')
  await page.getByPlaceholder('搜索名称').fill('宓春兰')
  await page.getByPlaceholder('搜索名称').press('Enter')
  const listed = page.locator('.ant-table-row', { hasText: '宓春兰' })
  await listed.waitFor()
  await expect(listed.textContent()).resolves.toContain('东门村委会')
  await screenshot(page, 'registry-import-names-list-1280')
  const found = await page.evaluate(() => fetch('/api/workers?q=阙志明').then((r) => r.json()))
  expect(found.items.map((w: { regionCode: string }) => w.regionCode)).toEqual(['331126001200'])
})

test('lists and the operator roster on a phone', async () => {
  const desk = await newPage(e2e.browser, e2e.server.baseURL)
  await login(desk, 'township')
  await desk.goto('/workers')
  await desk.locator('.ant-table-row').first().waitFor()
  // Township staff get masked numbers.
  const idCell = await desk.locator('.ant-table-row').first().locator('td').nth(1).textContent()
  expect(idCell).toMatch(/^\*{14}\d{3}[\dX]$/)
  await screenshot(desk, 'registry-workers-1280')
  // A worker's page beside a masked ID shows the age, not the birth date (it would rebuild the number).
  const first = await desk.evaluate(() => fetch('/api/workers?pageSize=1').then((r) => r.json()))
  expect(first.items[0].birthDate).toBeNull()
  await desk.goto(`/workers/${first.items[0].id}`)
  await desk.getByTestId('id-number').waitFor()
  await expect(desk.getByTestId('id-number').textContent()).resolves.toMatch(/^\*{14}\d{3}[\dX]$/)
  await expect(desk.getByTestId('age').textContent()).resolves.toBe(String(first.items[0].age))
  expect(await desk.getByText('出生日期').count()).toBe(0)
  await desk.goto('/workshops')
  await desk.locator('.ant-table-row').first().waitFor()
  await screenshot(desk, 'registry-workshops-1280')

  const phone = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 780 })
  await login(phone, 'operator')
  await phone.goto('/roster')
  await phone.getByTestId('member-card').first().waitFor()
  await phone.getByText('叶秀英').first().waitFor()
  const count = await phone.getByTestId('member-card').count()
  await screenshot(phone, 'registry-roster-360')
  await phone.getByRole('button', { name: /添加成员/ }).click()
  const dialog = phone.locator('.ant-modal')
  await dialog.locator('#name').fill('吴丽芳')
  await dialog.locator('#idNumber').fill('331126197004050128') // wrong check digit
  await dialog.getByText('身份证号无效').waitFor()
  await screenshot(phone, 'registry-roster-add-360')
  await dialog.locator('#idNumber').fill(id('33112619700405012'))
  await dialog.getByText('出生日期 1970-04-05').waitFor()
  await dialog.getByRole('button', { name: /保\s*存/ }).click()
  await phone.getByText('吴丽芳').waitFor()
  await expect(phone.getByTestId('member-card').count()).resolves.toBe(count + 1)
})
