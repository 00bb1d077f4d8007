import { expect, test } from 'vitest'
import { login, newPage, screenshot, useServerAndBrowser } from './harness'
import { today } from '@gongfang/shared/clock'

const e2e = useServerAndBrowser()

const todayCn = () => today()

test('offline day sheet: queued in IndexedDB, sent when back online, each line held exactly once', async () => {
  const page = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  await login(page, 'operator')
  await page.goto('/day-sheet')
  await page.getByLabel('叶秀英 合格件数').waitFor()
  await page.getByText('东门村香菇分拣共富工坊').first().waitFor()
  // The built app is installable: manifest linked, service worker script served.
  expect(await page.evaluate(() => document.querySelector('link[rel=manifest]')?.getAttribute('href'))).toBe('/wages.webmanifest')
  const manifest = await (await fetch(`${e2e.server.baseURL}/wages.webmanifest`)).json()
  expect(manifest).toMatchObject({ start_url: '/day-sheet', display: 'standalone' })
  expect((await fetch(`${e2e.server.baseURL}/wages-sw.js`)).status).toBe(200)

  await page.context().setOffline(true)
  await page.getByTestId('offline-tag').waitFor()
  // Two entries of the day while offline.
  await page.getByLabel('叶秀英 合格件数').fill('1717')
  await page.getByTestId('submit-day').click()
  await page.getByLabel('叶秀英 合格件数').fill('2929')
  await page.getByLabel('叶秀英 次品').fill('3')
  await page.getByTestId('submit-day').click()
  await expect.poll(() => page.locator('[data-testid=outbox-entry][data-state=pending]').count()).toBe(2)
  await screenshot(page, 'wages-offline-pending-360')

  await page.context().setOffline(false)
  await expect.poll(() => page.locator('[data-testid=outbox-entry][data-state=sent]').count(), { timeout: 30_000 }).toBe(2)
  await screenshot(page, 'wages-offline-sent-360')

  // A lost answer: the outbox sends the same entries again with the same keys — the server records nothing new.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gongfang-wages')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite')
          const store = tx.objectStore('outbox')
          const all = store.getAll()
          all.onsuccess = () => {
            for (const e of all.result) store.put({ ...e, state: 'pending' })
          }
          tx.oncomplete = () => resolve()
        }
      }),
  )
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await expect.poll(() => page.locator('[data-testid=outbox-entry][data-state=sent]').count(), { timeout: 30_000 }).toBe(2)

  const login2 = await fetch(`${e2e.server.baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator', password: 'gongfang-demo' }) })
  const { token } = (await login2.json()) as { token: string }
  const get = async (path: string) => (await fetch(`${e2e.server.baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()
  const ws = ((await get('/api/work-records/workshops')) as { id: string; name: string }[]).find((w) => w.name === '东门村香菇分拣共富工坊')!
  const day = (await get(`/api/work-records/day-sheet?workshopId=${ws.id}&date=${todayCn()}`)) as { records: { workerName: string; goodQty: number; rejectedQty: number }[] }
  const mine = day.records.filter((r) => r.workerName === '叶秀英')
  expect(mine.filter((r) => r.goodQty === 1717 && r.rejectedQty === 0)).toHaveLength(1)
  expect(mine.filter((r) => r.goodQty === 2929 && r.rejectedQty === 3)).toHaveLength(1)
  expect(mine.filter((r) => r.goodQty === 1717 || r.goodQty === 2929)).toHaveLength(2)
})
