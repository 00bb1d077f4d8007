/**
 * Maps instead of coordinates: an order's pick-up is clicked on its county's map (inside only), the plan is
 * drawn on the county boundaries, and the county cockpit shows the county with its workshops.
 */
import { expect, test } from 'vitest'
import { fillFields, login, newPage, screenshot, useServerAndBrowser } from './harness'
import { pointInGeometry, type Geometry } from '../src/components/geo'

const e2e = useServerAndBrowser()

async function qingyuan(): Promise<Geometry> {
  const city = (await fetch(`${e2e.server.baseURL}/api/maps/331100.json`).then((r) => r.json())) as { features: { properties: { adcode: number }; geometry: Geometry }[] }
  return city.features.find((f) => String(f.properties.adcode) === '331126')!.geometry
}

test('an order is posted by clicking its pick-up on the county map, and its plan is drawn on the county boundaries', async () => {
  const county = await qingyuan()
  const page = await newPage(e2e.browser, e2e.server.baseURL)
  await login(page, 'enterprise')
  await page.goto('/orders/new')
  await fillFields(page, {
    product: '竹笋分拣（地图）',
    quantity: '6000',
    workshopRate: '0.15',
    workerRate: '0.12',
    maxBatch: '6000',
  })
  const map = page.getByTestId('pickup-map')
  await expect(map.getAttribute('data-map')).resolves.toBe('gf-county-331126')
  const canvas = map.locator('canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!

  // A corner of the chart is outside the county: refused, the coordinates stay as they were.
  await page.mouse.click(box.x + 3, box.y + 3)
  await page.getByText('请点在庆元县境内').waitFor()
  await expect(page.locator('#pickupLng').inputValue()).resolves.toBe('119.0712')

  // The middle of Qingyuan's outline is inside it.
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.45)
  await page.waitForFunction(() => (document.querySelector('#pickupLng') as HTMLInputElement).value !== '119.0712')
  await map.getByTestId('pickup-at').filter({ hasText: `取货点：庆元县，经度 ${await page.locator('#pickupLng').inputValue()}` }).waitFor()
  const typedLng = Number(await page.locator('#pickupLng').inputValue())
  const typedLat = Number(await page.locator('#pickupLat').inputValue())
  expect([typedLng, typedLat]).not.toEqual([119.0712, 27.6123])
  await screenshot(page, 'order-form-map-1280')

  const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/orders')
  await page.getByTestId('order-submit').click()
  const body = (await posted).postDataJSON() as { pickupLng: number; pickupLat: number }
  expect([body.pickupLng, body.pickupLat]).toEqual([typedLng, typedLat])
  expect(pointInGeometry(county, [body.pickupLng, body.pickupLat])).toBe(true)
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/)

  await page.getByTestId('go-plan').click()
  await page.waitForURL(/\/plan$/)
  await page.getByTestId('run-plan').click()
  await page.getByTestId('plan-table').waitFor({ timeout: 30_000 })
  const planMap = page.getByTestId('plan-map')
  await planMap.locator('canvas').first().waitFor()
  // The city's counties as boundaries, the pick-up's county picked out by name.
  await expect(planMap.getAttribute('data-map')).resolves.toBe('gf-331100')
  await expect(planMap.getAttribute('data-county')).resolves.toBe('庆元县')
  await planMap.scrollIntoViewIfNeeded()
  await screenshot(page, 'plan-map-1280')
  await page.context().close()

  // On a phone: the pick-up map fits the screen width.
  const phone = await newPage(e2e.browser, e2e.server.baseURL, { width: 360, height: 740 })
  await login(phone, 'enterprise')
  await phone.goto('/orders/new')
  const phoneMap = phone.getByTestId('pickup-map').locator('canvas')
  await phoneMap.waitFor()
  await phoneMap.scrollIntoViewIfNeeded()
  const pbox = (await phoneMap.boundingBox())!
  expect(pbox.x + pbox.width).toBeLessThanOrEqual(360)
  await phone.mouse.click(pbox.x + pbox.width * 0.5, pbox.y + pbox.height * 0.45)
  await phone.waitForFunction(() => (document.querySelector('#pickupLng') as HTMLInputElement).value !== '119.0712')
  await phone.getByTestId('pickup-map').scrollIntoViewIfNeeded()
  await screenshot(phone, 'order-form-map-360', { fullPage: false })
  await phone.context().close()
}, 120_000)

test('the county cockpit shows the county outline with its workshops as points', async () => {
  for (const width of [1280, 360]) {
    const page = await newPage(e2e.browser, e2e.server.baseURL, { width, height: width > 500 ? 800 : 740 })
    await login(page, 'qingyuan')
    await page.goto('/cockpit')
    const map = page.getByTestId('cockpit-county-map')
    await map.locator('canvas').waitFor()
    await expect(map.getAttribute('data-map')).resolves.toBe('gf-county-331126')
    // The points come with the workshops' answer, which can arrive after the outline is drawn.
    await expect.poll(async () => Number(await map.getAttribute('data-points'))).toBeGreaterThan(0)
    const shown = Number(await map.getAttribute('data-points'))
    // Every operating workshop with coordinates in the county is a point.
    const api = await page.evaluate(() =>
      fetch('/api/workshops?region=331126&status=operating&pageSize=200')
        .then((r) => r.json())
        .then((b: { items: { lng: number | null }[] }) => b.items.filter((w) => w.lng != null).length),
    )
    expect(shown).toBe(api)
    // Nothing pushes the page sideways (a chart sized before the map column appeared once did).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await screenshot(page, `cockpit-county-${width}`)
    await page.context().close()
  }
}, 120_000)
