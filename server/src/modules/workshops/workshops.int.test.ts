import { describe, expect, test } from 'vitest'
import { eq, like, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { creditCodeCheckChar, idNumberCheckChar } from '@gongfang/shared'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { enterprises, workshops } from '../../db/schema/index.ts'
import { addDays, today as chinaToday } from '@gongfang/shared/clock'

/** The fields these tests read from list items, roster members, status and history entries. */
interface Item { id: string; name: string; regionCode: string; type: string; status: string; dailyCapacity: number; skills: string[]; effectiveOn: string; action: string; idNumber: string; endOn: string | null }

const t = useTestApp()
const id18 = (first17: string) => first17 + idNumberCheckChar(first17)
const cc18 = (first17: string) => first17 + creditCodeCheckChar(first17)

async function demoWorkshop() {
  const [w] = await t.database.db.select().from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊'))
  return w!
}

describe('demo registry (Lishui)', () => {
  test('has the reported shape: 9 counties, ~940 workshops of six types, ~7,300 workers', async () => {
    const [f] = await queryRows<Record<'workshops' | 'agri' | 'ecom' | 'counties' | 'types' | 'workers' | 'low' | 'disabled' | 'aged60' | 'enterprises' | 'collectives' | 'qingyuan', number>>(
      t.database.db,
      sql`select (select count(*)::int from workshops where region_code like '3311%') as workshops,
                 (select count(*)::int from workshops where type = 'agritourism') as agri,
                 (select count(*)::int from workshops where type = 'ecommerce') as ecom,
                 (select count(distinct substr(region_code, 1, 6))::int from workshops) as counties,
                 (select count(distinct type)::int from workshops) as types,
                 (select count(*)::int from workers) as workers,
                 (select count(*)::int from workers w where exists (select 1 from worker_low_income_periods p where p.worker_id = w.id and p.end_on is null)) as low,
                 (select count(*)::int from workers where disability_grade_enc is not null) as disabled,
                 (select count(*)::int from workers where birth_date <= current_date - interval '60 years') as aged60,
                 (select count(*)::int from enterprises) as enterprises,
                 (select count(*)::int from collectives) as collectives,
                 (select count(*)::int from workshops where region_code like '331126%') as qingyuan`,
    )
    expect(f!.workshops).toBeGreaterThanOrEqual(930)
    expect(f!.workshops).toBeLessThanOrEqual(950)
    expect(f!.agri).toBe(164)
    expect(f!.ecom).toBe(131)
    expect(f!.counties).toBe(9)
    expect(f!.types).toBe(6)
    expect(f!.qingyuan).toBe(18)
    expect(f!.workers).toBeGreaterThanOrEqual(7_300)
    expect(f!.low / f!.workers).toBeGreaterThan(0.1)
    expect(f!.low / f!.workers).toBeLessThan(0.14)
    expect(f!.disabled / f!.workers).toBeGreaterThan(0.02)
    expect(f!.disabled / f!.workers).toBeLessThan(0.08)
    expect(f!.aged60 / f!.workers).toBeGreaterThan(0.3)
    expect(f!.enterprises).toBeGreaterThan(100)
    expect(f!.collectives).toBeGreaterThan(500)
  })
})

describe('workshops', () => {
  test('list filters by region prefix, type, status, skill and q; sorts and pages', async () => {
    const a = await t.api('GET', '/api/workshops?region=331181&type=agritourism&status=operating&pageSize=100', { as: 'lishui' })
    expect(a.status).toBe(200)
    expect(a.body.total).toBeGreaterThan(0)
    expect(a.body.items.every((w: Item) => w.regionCode.startsWith('331181') && w.type === 'agritourism' && w.status === 'operating')).toBe(true)
    const s = await t.api('GET', '/api/workshops?sort=dailyCapacity&dir=desc&pageSize=30&skill=packing', { as: 'lishui' })
    const caps = s.body.items.map((w: Item) => w.dailyCapacity)
    expect([...caps].sort((x: number, y: number) => y - x)).toEqual(caps)
    expect(s.body.items.every((w: Item) => w.skills.includes('packing'))).toBe(true)
    const p2 = await t.api('GET', '/api/workshops?pageSize=10&page=2', { as: 'lishui' })
    const p1 = await t.api('GET', '/api/workshops?pageSize=10&page=1', { as: 'lishui' })
    expect(p2.body.items[0].id).not.toBe(p1.body.items[0].id)
    expect(p1.body.total).toBe(p2.body.total)
    const q = await t.api('GET', '/api/workshops?q=香菇分拣', { as: 'qingyuan' })
    expect(q.body.items.map((w: Item) => w.name)).toContain('东门村香菇分拣共富工坊')
  })

  test('scope: other counties get 404; the operator, enterprise and collective see their own', async () => {
    const w = await demoWorkshop()
    expect((await t.api('GET', `/api/workshops/${w.id}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('GET', `/api/workshops/${w.id}/history`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('PATCH', `/api/workshops/${w.id}`, { as: 'longquan', body: { dailyCapacity: 1 } })).status).toBe(404)
    for (const as of ['operator', 'enterprise', 'collective', 'worker', 'township']) expect((await t.api('GET', `/api/workshops/${w.id}`, { as })).status).toBe(200)
    const op = await t.api('GET', '/api/workshops?pageSize=200', { as: 'operator' })
    expect(op.body.items.map((x: Item) => x.id)).toEqual([w.id])
    expect((await t.api('GET', '/api/workshops', { as: null })).status).toBe(401)
  })

  test('create, update with history, and dated status changes', async () => {
    const ent = await t.database.db.select().from(enterprises).where(eq(enterprises.name, '庆元县香菇食品有限公司'))
    const res = await t.api('POST', '/api/workshops', {
      as: 'qingyuan',
      body: { name: '东门村竹编共富工坊', type: 'brand', regionCode: '331126001200', dailyCapacity: 500, workerPlaces: 12, skills: ['bamboo'], enterpriseIds: [ent[0]!.id] },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'planned', enterprises: [{ name: '庆元县香菇食品有限公司' }], regionName: '东门村委会' })
    const id = res.body.id
    expect((await t.api('POST', '/api/workshops', { as: 'qingyuan', body: { name: 'x', type: 'processing', regionCode: '331181001200' } })).status).toBe(403)
    expect((await t.api('POST', '/api/workshops', { as: 'qingyuan', body: { name: 'x', type: 'nonsense', regionCode: '331126001200' } })).status).toBe(422)
    expect((await t.api('POST', '/api/workshops', { as: 'operator', body: { name: 'x', type: 'processing', regionCode: '331126001200' } })).status).toBe(403)

    const up = await t.api('PATCH', `/api/workshops/${id}`, { as: 'qingyuan', body: { dailyCapacity: 800, enterpriseIds: [] } })
    expect(up.body).toMatchObject({ dailyCapacity: 800, enterprises: [] })

    // Registered (planned) today; later changes are dated on or after the previous one.
    const today = chinaToday()
    const later = addDays(today, 30)
    const op = await t.api('POST', `/api/workshops/${id}/status`, { as: 'qingyuan', body: { status: 'operating', effectiveOn: today } })
    expect(op.status).toBe(200)
    expect(op.body).toMatchObject({ status: 'operating', openedOn: today })
    expect((await t.api('POST', `/api/workshops/${id}/status`, { as: 'qingyuan', body: { status: 'planned', effectiveOn: later } })).status).toBe(409)
    expect((await t.api('POST', `/api/workshops/${id}/status`, { as: 'qingyuan', body: { status: 'suspended', effectiveOn: '2025-02-01' } })).status).toBe(422)
    await t.api('POST', `/api/workshops/${id}/status`, { as: 'qingyuan', body: { status: 'suspended', effectiveOn: later, note: '订单不足' } })
    const sh = await t.api('GET', `/api/workshops/${id}/status-history`, { as: 'qingyuan' })
    expect(sh.body.map((s: Item) => [s.status, s.effectiveOn])).toEqual([
      ['planned', expect.any(String)],
      ['operating', today],
      ['suspended', later],
    ])
    const h = await t.api('GET', `/api/workshops/${id}/history`, { as: 'qingyuan' })
    expect(h.body.map((e: Item) => e.action)).toEqual(['status', 'status', 'update', 'create'])
    expect(h.body[2].changes.dailyCapacity).toEqual({ from: 500, to: 800 })
    expect(h.body[0]).toMatchObject({ username: 'qingyuan', changes: { status: { from: 'operating', to: 'suspended' } } })
  })

  test('the operator manages the roster and may edit practical fields only', async () => {
    const w = await demoWorkshop()
    expect((await t.api('PATCH', `/api/workshops/${w.id}`, { as: 'operator', body: { workerPlaces: 45 } })).status).toBe(200)
    expect((await t.api('PATCH', `/api/workshops/${w.id}`, { as: 'operator', body: { name: '改名' } })).status).toBe(403)
    expect((await t.api('POST', `/api/workshops/${w.id}/status`, { as: 'operator', body: { status: 'suspended', effectiveOn: '2026-01-01' } })).status).toBe(403)

    const roster = await t.api('GET', `/api/workshops/${w.id}/members`, { as: 'operator' })
    expect(roster.status).toBe(200)
    const ye = roster.body.find((m: Item) => m.name === '叶秀英')
    expect(ye.idNumber).toMatch(/^\*{14}\d{3}[\dX]$/) // masked for the operator too: reveal one at a time
    const town = await t.api('GET', `/api/workshops/${w.id}/members`, { as: 'township' })
    expect(town.body.find((m: Item) => m.name === '叶秀英')!.idNumber).toMatch(/^\*{14}\d{3}[\dX]$/)

    const idNumber = id18('33112619700101062')
    const add = await t.api('POST', `/api/workshops/${w.id}/members`, {
      as: 'operator',
      body: { startOn: '2026-01-05', worker: { name: '周小芳', idNumber, phone: '13500001111', regionCode: '331126001200', skills: ['sorting'] } },
    })
    expect(add.status).toBe(201)
    expect(add.body).toMatchObject({ name: '周小芳', sex: 'F', startOn: '2026-01-05', idNumber: `${'*'.repeat(14)}${idNumber.slice(-4)}` })
    // The same person again: already a member.
    const again = await t.api('POST', `/api/workshops/${w.id}/members`, { as: 'operator', body: { startOn: '2026-01-06', worker: { name: '周小芳', idNumber, regionCode: '331126001200' } } })
    expect(again.status).toBe(409)
    // The ID number under another name is refused.
    const other = await t.api('POST', `/api/workshops/${w.id}/members`, { as: 'operator', body: { startOn: '2026-01-06', worker: { name: '别人', idNumber, regionCode: '331126001200' } } })
    expect(other.status).toBe(409)
    const end = await t.api('POST', `/api/workshops/${w.id}/members/${add.body.id}/end`, { as: 'operator', body: { endOn: '2026-01-31' } })
    expect(end.status).toBe(200)
    const all = await t.api('GET', `/api/workshops/${w.id}/members?all=true`, { as: 'operator' })
    expect(all.body.find((m: Item) => m.id === add.body.id)!.endOn).toBe('2026-01-31')
    // The operator sees the worker they registered; another county does not.
    expect((await t.api('GET', `/api/workers/${add.body.workerId}`, { as: 'operator' })).status).toBe(200)
    expect((await t.api('GET', `/api/workers/${add.body.workerId}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('POST', `/api/workshops/${w.id}/members`, { as: 'longquan', body: { startOn: '2026-01-06', workerId: add.body.workerId } })).status).toBe(404)
  })

  test('export as xlsx with Chinese headers follows the list filters', async () => {
    const res = await t.app.request('/api/workshops/export?format=xlsx&region=331126', { headers: { authorization: `Bearer ${await t.token('lishui')}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as never)
    const ws = wb.worksheets[0]!
    expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['名称', '类型', '村代码'])
    const list = await t.api('GET', '/api/workshops?region=331126&pageSize=200', { as: 'lishui' })
    expect(ws.actualRowCount - 1).toBe(list.body.total)
    for (let r = 2; r <= ws.actualRowCount; r++) expect(String(ws.getRow(r).getCell(3).value)).toMatch(/^331126\d{6}$/)
  })
})

describe('enterprises and collectives', () => {
  test('CRUD, GB 32100 check, duplicates point at the existing record, phones masked for masked roles', async () => {
    const code = cc18('91331126MA2C00001')
    const res = await t.api('POST', '/api/enterprises', { as: 'qingyuan', body: { name: '庆元县竹木工艺有限公司', creditCode: code, regionCode: '331126001', contactName: '吴工', contactPhone: '13857800000', industry: '竹木制品' } })
    expect(res.status).toBe(201)
    expect(res.body.contactPhone).toBe('13857800000')
    const dup = await t.api('POST', '/api/enterprises', { as: 'qingyuan', body: { name: '另一家', creditCode: code.toLowerCase(), regionCode: '331126001' } })
    expect(dup.status).toBe(409)
    expect(dup.body.existingId).toBe(res.body.id)
    const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    expect((await t.api('POST', '/api/enterprises', { as: 'qingyuan', body: { name: 'x', creditCode: bad, regionCode: '331126001' } })).status).toBe(422)
    const masked = await t.api('GET', `/api/enterprises/${res.body.id}`, { as: 'township' })
    expect(masked.body.contactPhone).toBe('*******0000')
    expect((await t.api('GET', `/api/enterprises/${res.body.id}`, { as: 'longquan' })).status).toBe(404)
    const up = await t.api('PATCH', `/api/enterprises/${res.body.id}`, { as: 'qingyuan', body: { industry: '竹木工艺' } })
    expect(up.body.industry).toBe('竹木工艺')
    const h = await t.api('GET', `/api/enterprises/${res.body.id}/history`, { as: 'qingyuan' })
    expect(h.body[0].changes.industry).toEqual({ from: '竹木制品', to: '竹木工艺' })
    // The enterprise account edits its own contact details only.
    const mine = await t.api('GET', '/api/enterprises', { as: 'enterprise' })
    expect(mine.body.total).toBe(1)
    expect((await t.api('PATCH', `/api/enterprises/${mine.body.items[0].id}`, { as: 'enterprise', body: { contactName: '周经理' } })).status).toBe(200)
    expect((await t.api('PATCH', `/api/enterprises/${mine.body.items[0].id}`, { as: 'enterprise', body: { name: '改名' } })).status).toBe(403)

    const col = await t.api('POST', '/api/collectives', { as: 'qingyuan', body: { name: '东门强村发展有限公司', kind: 'company', regionCode: '331126001200' } })
    expect(col.status).toBe(201)
    const list = await t.api('GET', '/api/collectives?region=331126001200&kind=company', { as: 'qingyuan' })
    expect(list.body.items.map((c: Item) => c.id)).toContain(col.body.id)
    expect((await t.api('GET', `/api/collectives/${col.body.id}`, { as: 'longquan' })).status).toBe(404)
    const own = await t.api('GET', '/api/collectives', { as: 'collective' })
    expect(own.body.items.map((c: Item) => c.name)).toEqual(['东门村股份经济合作社'])
    const csv = await t.app.request('/api/enterprises/export?format=csv&region=331126', { headers: { authorization: `Bearer ${await t.token('township')}` } })
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('*******0000')
    expect(text).not.toContain('13857800000')
  })
})

describe('one visibility rule for workshops', () => {
  // Every workshop read (list, one, roster, history, status history) filters with the same declaration
  // (auth/access/registry.ts workshopRows): what a caller lists is exactly what they may open.
  test.each(['operator', 'enterprise', 'collective', 'worker', 'township'])('%s: list and reads agree', async (as) => {
    const list = await t.api('GET', '/api/workshops?pageSize=200', { as })
    expect(list.status).toBe(200)
    const ids = new Set<string>(list.body.items.map((w: Item) => w.id))
    expect(ids.size).toBeGreaterThan(0)
    const outside = await t.database.db.select({ id: workshops.id }).from(workshops).where(like(workshops.regionCode, '331181%')).limit(1)
    const probe = [...[...ids].slice(0, 2), ...outside.map((w) => w.id)]
    for (const id of probe) {
      const want = ids.has(id) ? 200 : 404
      for (const path of ['', '/members', '/history', '/status-history']) expect((await t.api('GET', `/api/workshops/${id}${path}`, { as })).status, `${as} ${path}`).toBe(want)
    }
  })
})
