import { beforeAll, describe, expect, test } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { auditLog, collectiveIncomes, collectives, enterprises, workshops } from '../../db/schema/index.ts'

const t = useTestApp()
let collectiveId: string
let workshopId: string
let enterpriseId: string
let longquanWorkshopId: string

beforeAll(async () => {
  const db = t.database.db
  ;[{ id: collectiveId }] = (await db.select({ id: collectives.id }).from(collectives).where(eq(collectives.name, '东门村股份经济合作社'))) as [{ id: string }]
  ;[{ id: workshopId }] = (await db.select({ id: workshops.id }).from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊'))) as [{ id: string }]
  ;[{ id: enterpriseId }] = (await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.name, '庆元县香菇食品有限公司'))) as [{ id: string }]
  const [lq] = await db
    .insert(workshops)
    .values({ name: '测试龙泉工坊', type: 'processing', regionCode: (await villageIn('331181')), status: 'operating' })
    .returning({ id: workshops.id })
  longquanWorkshopId = lq!.id
})

async function villageIn(prefix: string) {
  const rows = await t.database.db.execute(sql`select code from regions where level = 5 and code like ${prefix + '%'} order by code limit 1`)
  return (rows as unknown as { rows: { code: string }[] }).rows[0]!.code
}

const sumFor = async (id: string) =>
  Number(
    (await t.database.db.select({ s: sql<string>`coalesce(sum(${collectiveIncomes.amountFen}),0)::text` }).from(collectiveIncomes).where(eq(collectiveIncomes.collectiveId, id)))[0]!.s,
  )

describe('collective income booking', () => {
  test('the collective books rent from its workshop; region is its village; an audit row is written', async () => {
    const res = await t.api('POST', '/api/collective-incomes', {
      as: 'collective',
      body: { kind: 'rent', amountFen: 3_600_000, incomeDate: '2025-06-30', period: '2025', sourceWorkshopId: workshopId, sourceEnterpriseId: enterpriseId, note: '闲置厂房租金' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      collectiveId,
      collectiveName: '东门村股份经济合作社',
      regionCode: '331126001200',
      kind: 'rent',
      amountFen: 3_600_000,
      incomeDate: '2025-06-30',
      period: '2025',
      sourceWorkshopName: '东门村香菇分拣共富工坊',
      sourceEnterpriseName: '庆元县香菇食品有限公司',
    })
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'collective-income.book'), eq(auditLog.targetId, String(res.body.id))))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.username).toBe('collective')
    expect(rows[0]!.regionCode).toBe('331126001200')
  })

  test('county and township staff may book for a collective in scope; another county gets 404; other roles 403', async () => {
    const body = { collectiveId, kind: 'management_fee', amountFen: 120_000, incomeDate: '2025-07-01' }
    expect((await t.api('POST', '/api/collective-incomes', { as: 'qingyuan', body })).status).toBe(201)
    expect((await t.api('POST', '/api/collective-incomes', { as: 'township', body: { ...body, kind: 'dividend' } })).status).toBe(201)
    const before = await sumFor(collectiveId)
    expect((await t.api('POST', '/api/collective-incomes', { as: 'longquan', body })).status).toBe(404)
    expect((await t.api('POST', '/api/collective-incomes', { as: 'operator', body })).status).toBe(403)
    expect((await t.api('POST', '/api/collective-incomes', { as: 'worker', body })).status).toBe(403)
    expect((await t.api('POST', '/api/collective-incomes', { as: 'enterprise', body })).status).toBe(403)
    expect((await t.api('POST', '/api/collective-incomes', { as: null, body })).status).toBe(401)
    expect(await sumFor(collectiveId)).toBe(before)
  })

  test('bad input is a 422 naming the field, and changes nothing', async () => {
    const before = await sumFor(collectiveId)
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'rent', amountFen: 12.5, incomeDate: '2025-01-01' }, 'json.amountFen'],
      [{ kind: 'rent', amountFen: -100, incomeDate: '2025-01-01' }, 'json.amountFen'],
      [{ kind: 'gift', amountFen: 100, incomeDate: '2025-01-01' }, 'json.kind'],
      [{ kind: 'rent', amountFen: 100, incomeDate: '2025-02-30' }, 'json.incomeDate'],
      [{ kind: 'rent', amountFen: 100, incomeDate: '2025-01-01', period: '2025-13' }, 'json.period'],
      [{ kind: 'rent', amountFen: 100, incomeDate: '2025-01-01', sourceWorkshopId: longquanWorkshopId }, 'sourceWorkshopId'],
      [{ kind: 'rent', amountFen: 100, incomeDate: '2025-01-01', sourceEnterpriseId: '00000000-0000-4000-8000-000000000000' }, 'sourceEnterpriseId'],
    ]
    for (const [body, path] of cases) {
      const res = await t.api('POST', '/api/collective-incomes', { as: 'collective', body })
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
    }
    // staff must name the collective
    const res = await t.api('POST', '/api/collective-incomes', { as: 'qingyuan', body: { kind: 'rent', amountFen: 100, incomeDate: '2025-01-01' } })
    expect(res.status).toBe(422)
    expect(await sumFor(collectiveId)).toBe(before)
  })

  test('a collective naming another collective gets 404', async () => {
    const [other] = await t.database.db.insert(collectives).values({ name: '测试别村合作社', kind: 'collective', regionCode: '331126001201' }).returning({ id: collectives.id })
    const res = await t.api('POST', '/api/collective-incomes', { as: 'collective', body: { collectiveId: other!.id, kind: 'rent', amountFen: 100, incomeDate: '2025-01-01' } })
    expect(res.status).toBe(404)
  })

  test('lists are scoped, filtered and carry sums over all matching rows', async () => {
    const mine = await t.api('GET', '/api/collective-incomes?pageSize=1', { as: 'collective' })
    expect(mine.status).toBe(200)
    expect(mine.body.items).toHaveLength(1)
    expect(mine.body.total).toBeGreaterThanOrEqual(3)
    expect(mine.body.sumFen).toBe(await sumFor(collectiveId))
    expect(Object.values(mine.body.byKind as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(mine.body.sumFen)
    expect(mine.body.items.every((i: { collectiveId: string }) => i.collectiveId === collectiveId)).toBe(true)

    const rent = await t.api('GET', `/api/collective-incomes?kind=rent&from=2025-06-01&to=2025-06-30&collectiveId=${collectiveId}`, { as: 'qingyuan' })
    expect(rent.body.items.map((i: { amountFen: number }) => i.amountFen)).toContain(3_600_000)
    expect(rent.body.items.every((i: { kind: string; incomeDate: string }) => i.kind === 'rent' && i.incomeDate >= '2025-06-01' && i.incomeDate <= '2025-06-30')).toBe(true)

    const lq = await t.api('GET', `/api/collective-incomes?collectiveId=${collectiveId}`, { as: 'longquan' })
    expect(lq.body.total).toBe(0)
    expect(lq.body.sumFen).toBe(0)
    const op = await t.api('GET', '/api/collective-incomes', { as: 'operator' })
    expect(op.body.total).toBe(0)
    expect((await t.api('GET', '/api/collective-incomes?pageSize=500', { as: 'qingyuan' })).status).toBe(422)
  })

  test('pickers: collectives in scope and the sources of one', async () => {
    const opts = await t.api('GET', '/api/collective-incomes/collectives', { as: 'collective' })
    expect(opts.body).toEqual([{ id: collectiveId, name: '东门村股份经济合作社', regionCode: '331126001200' }])
    const lq = await t.api('GET', '/api/collective-incomes/collectives?q=东门村', { as: 'longquan' })
    expect(lq.body).toEqual([])
    const src = await t.api('GET', '/api/collective-incomes/sources', { as: 'collective' })
    expect(src.body.workshops.map((w: { name: string }) => w.name)).toContain('东门村香菇分拣共富工坊')
    expect(src.body.enterprises.map((w: { name: string }) => w.name)).toContain('庆元县香菇食品有限公司')
  })
})
