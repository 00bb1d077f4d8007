import { beforeAll, describe, expect, test } from 'vitest'
import iconv from 'iconv-lite'
import { and, count, eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { auditLog, salesSessions, tourismRecords, users, workshops } from '../../db/schema/index.ts'

const t = useTestApp()
let shopId: string // e-commerce workshop run by the demo operator
let lqShopId: string // e-commerce workshop in Longquan
let processingId: string
let farmId: string // agri-tourism workshop run by the operator

beforeAll(async () => {
  const db = t.database.db
  const [op] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'operator'))
  const village = async (prefix: string) =>
    ((await db.execute(sql`select code from regions where level = 5 and code like ${prefix + '%'} order by code limit 1`)) as unknown as { rows: { code: string }[] }).rows[0]!.code
  const ins = async (name: string, type: string, regionCode: string, operatorUserId: string | null) =>
    (await db.insert(workshops).values({ name, type, regionCode, operatorUserId, status: 'operating' }).returning({ id: workshops.id }))[0]!.id
  shopId = await ins('测试东门直播间', 'ecommerce', '331126001200', op!.id)
  farmId = await ins('测试东门农家乐', 'agritourism', '331126001200', op!.id)
  lqShopId = await ins('测试龙泉直播间', 'ecommerce', await village('331181'), null)
  processingId = (await db.select({ id: workshops.id }).from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊')))[0]!.id
})

const sessionsOf = async (id: string) => (await t.database.db.select({ n: count() }).from(salesSessions).where(eq(salesSessions.workshopId, id)))[0]!.n

function upload(csv: Uint8Array, name = 'export.csv') {
  const form = new FormData()
  form.append('file', new File([csv], name, { type: 'text/csv' }))
  return form
}

describe('sales sessions', () => {
  test('the operator records a livestream session of their e-commerce workshop', async () => {
    const res = await t.api('POST', '/api/sales-sessions', {
      as: 'operator',
      body: { workshopId: shopId, sessionDate: '2025-06-18', platform: '抖音', host: '吴丽华', ordersCount: 312, salesFen: 1_875_050, products: ['香菇干', '香菇酱'] },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ workshopName: '测试东门直播间', regionCode: '331126001200', salesFen: 1_875_050, ordersCount: 312, products: ['香菇干', '香菇酱'], source: 'manual' })
    const a = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'sales.create'), eq(auditLog.targetId, String(res.body.id))))
    expect(a).toHaveLength(1)
  })

  test('wrong type → 422, out of scope → 404, roles without the right → 403; nothing written', async () => {
    const body = { sessionDate: '2025-06-18', platform: '抖音', ordersCount: 1, salesFen: 100 }
    const typed = await t.api('POST', '/api/sales-sessions', { as: 'operator', body: { ...body, workshopId: processingId } })
    expect(typed.status).toBe(422)
    expect(typed.body.errors[0].path).toBe('workshopId')
    expect((await t.api('POST', '/api/sales-sessions', { as: 'operator', body: { ...body, workshopId: lqShopId } })).status).toBe(404)
    expect((await t.api('POST', '/api/sales-sessions', { as: 'qingyuan', body: { ...body, workshopId: lqShopId } })).status).toBe(404)
    expect((await t.api('POST', '/api/sales-sessions', { as: 'collective', body: { ...body, workshopId: shopId } })).status).toBe(403)
    expect((await t.api('POST', '/api/sales-sessions', { as: 'operator', body: { ...body, workshopId: shopId, salesFen: 10.5 } })).status).toBe(422)
    expect((await t.api('POST', '/api/sales-sessions', { as: 'operator', body: { ...body, workshopId: shopId, ordersCount: -1 } })).status).toBe(422)
    expect(await sessionsOf(shopId)).toBe(1)
    expect(await sessionsOf(lqShopId)).toBe(0)
    expect((await t.api('POST', '/api/sales-sessions', { as: 'longquan', body: { ...body, workshopId: lqShopId } })).status).toBe(201)
  })

  test('GBK CSV import: dry run checks, the import is atomic, importing twice adds nothing', async () => {
    const csv = ['场次ID,日期,主播,订单数,销售额（元）,商品', 'KS-1,2025-07-01,小吴,10,"1,000.10",笋干', 'KS-2,2025/07/02,小吴,5,0.29,茶叶'].join('\r\n')
    const gbk = new Uint8Array(iconv.encode(csv, 'gbk'))
    const dry = await t.api('POST', `/api/sales-sessions/import?workshopId=${shopId}&platform=快手&dryRun=true`, { as: 'operator', body: upload(gbk) })
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({ dryRun: true, encoding: 'gbk', rows: 2, imported: 0, sumFen: 100_039, errors: [] })
    expect(await sessionsOf(shopId)).toBe(1)

    const real = await t.api('POST', `/api/sales-sessions/import?workshopId=${shopId}&platform=快手`, { as: 'operator', body: upload(gbk) })
    expect(real.status).toBe(200)
    expect(real.body).toMatchObject({ imported: 2, sumFen: 100_039 })
    expect(await sessionsOf(shopId)).toBe(3)
    const list = await t.api('GET', `/api/sales-sessions?workshopId=${shopId}&platform=快手`, { as: 'operator' })
    expect(list.body.items.map((s: { externalRef: string; host: string; salesFen: number }) => [s.externalRef, s.host, s.salesFen])).toEqual([
      ['KS-2', '小吴', 29],
      ['KS-1', '小吴', 100_010],
    ])

    const again = await t.api('POST', `/api/sales-sessions/import?workshopId=${shopId}&platform=快手`, { as: 'operator', body: upload(gbk) })
    expect(again.status).toBe(422)
    expect(again.body.rowErrors.map((e: { row: number }) => e.row)).toEqual([2, 3])
    expect(again.body.rowErrors[0].message).toBe('该场次已导入过')
    expect(await sessionsOf(shopId)).toBe(3)
  })

  test('a file with bad rows imports nothing and names every bad row (UTF-8 with BOM, English messages)', async () => {
    const csv = '\ufeffdate,orders,sales,platform,ref\n2025-08-01,3,12.00,taobao,TB-1\n2025-08-32,3,12.00,taobao,TB-2\n2025-08-03,many,1.001,taobao,TB-3\n'
    const res = await t.api('POST', `/api/sales-sessions/import?workshopId=${shopId}`, {
      as: 'qingyuan',
      body: upload(new TextEncoder().encode(csv)),
      headers: { 'accept-language': 'en' },
    })
    expect(res.status).toBe(422)
    expect(res.body.encoding).toBe('utf-8-bom')
    expect(res.body.rowErrors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '日期'],
      [4, '订单数'],
      [4, '销售额(元)'],
    ])
    expect(res.body.rowErrors[0]).toMatchObject({ value: '2025-08-32', message: 'Invalid date; expected YYYY-MM-DD' })
    expect(await sessionsOf(shopId)).toBe(3)
    // a workshop out of scope is a 404 for imports too
    expect((await t.api('POST', `/api/sales-sessions/import?workshopId=${lqShopId}&platform=x`, { as: 'qingyuan', body: upload(new TextEncoder().encode(csv)) })).status).toBe(404)
  })

  test('lists are scoped and carry sums', async () => {
    const q = await t.api('GET', '/api/sales-sessions?region=331126', { as: 'qingyuan' })
    expect(q.status).toBe(200)
    expect(q.body.items.every((s: { regionCode: string }) => s.regionCode.startsWith('331126'))).toBe(true)
    const mine = await t.api('GET', `/api/sales-sessions?workshopId=${shopId}`, { as: 'qingyuan' })
    expect(mine.body).toMatchObject({ total: 3, sumFen: 1_875_050 + 100_039, sumOrders: 312 + 15, workshops: 1 })
    const lq = await t.api('GET', `/api/sales-sessions?workshopId=${shopId}`, { as: 'longquan' })
    expect(lq.body.total).toBe(0)
    const en = await t.api('GET', '/api/sales-sessions', { as: 'enterprise' })
    expect(en.body.total).toBe(0)
    const opts = await t.api('GET', '/api/sales-sessions/workshops', { as: 'operator' })
    expect(opts.body.map((w: { id: string }) => w.id)).toEqual([shopId])
  })
})

describe('agri-tourism', () => {
  test('the operator records visitors and revenue; only agri-tourism workshops; sums in the list', async () => {
    const ok = await t.api('POST', '/api/tourism-records', { as: 'operator', body: { workshopId: farmId, recordDate: '2025-10-02', visitors: 860, revenueFen: 4_321_000, note: '国庆' } })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ workshopName: '测试东门农家乐', visitors: 860, revenueFen: 4_321_000, regionCode: '331126001200' })
    await t.api('POST', '/api/tourism-records', { as: 'township', body: { workshopId: farmId, recordDate: '2025-10-03', visitors: 140, revenueFen: 79_000 } })
    expect((await t.api('POST', '/api/tourism-records', { as: 'operator', body: { workshopId: shopId, recordDate: '2025-10-02', visitors: 1, revenueFen: 1 } })).status).toBe(422)
    expect((await t.api('POST', '/api/tourism-records', { as: 'longquan', body: { workshopId: farmId, recordDate: '2025-10-02', visitors: 1, revenueFen: 1 } })).status).toBe(404)
    expect((await t.api('POST', '/api/tourism-records', { as: 'operator', body: { workshopId: farmId, recordDate: '2025-10-02', visitors: -1, revenueFen: 1 } })).status).toBe(422)
    const list = await t.api('GET', `/api/tourism-records?workshopId=${farmId}`, { as: 'qingyuan' })
    expect(list.body).toMatchObject({ total: 2, sumVisitors: 1000, sumFen: 4_400_000 })
    expect((await t.api('GET', `/api/tourism-records?workshopId=${farmId}`, { as: 'longquan' })).body.total).toBe(0)
    const n = (await t.database.db.select({ n: count() }).from(tourismRecords).where(eq(tourismRecords.workshopId, farmId)))[0]!.n
    expect(n).toBe(2)
  })
})
