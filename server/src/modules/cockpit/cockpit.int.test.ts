import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { directFigures } from './direct.ts'
import { figuresOf, periodOf } from './service.ts'

const t = useTestApp()
const V = '331126001200' // 东门村委会, 庆元县

async function newWorkshop(status = 'operating', type = 'processing', region = V) {
  const [w] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into workshops (name, type, region_code, status, opened_on) values (${'驾驶舱测试工坊' + Math.random()}, ${type}, ${region}, ${status}, '2025-01-10') returning id::text as id`,
  )
  return w!.id
}
async function newWorker(i: number) {
  const [w] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into workers (name, id_number, birth_date, sex, region_code) values (${'驾驶舱测试' + i}, ${'CK' + i + Math.random()}, '1970-05-01', 'F', ${V}) returning id::text as id`,
  )
  return w!.id
}

describe('cockpit API', () => {
  it('answers for the caller’s root by default, with a breadcrumb from their root', async () => {
    const r = await t.api('GET', '/api/cockpit/summary?from=2025-01&to=2025-12', { as: 'qingyuan' })
    expect(r.status).toBe(200)
    expect(r.body.region).toEqual({ code: '331126', name: '庆元县', level: 'county' })
    expect(r.body.path.map((p: { code: string }) => p.code)).toEqual(['331126'])
    const l = await t.api('GET', '/api/cockpit/summary?region=331126&from=2025-01&to=2025-12', { as: 'lishui' })
    expect(l.status).toBe(200)
    expect(l.body.path.map((p: { code: string }) => p.code)).toEqual(['3311', '331126'])
    expect(l.body.figures).toEqual(r.body.figures)
    const z = await t.api('GET', '/api/cockpit/summary', { as: 'zhejiang' })
    expect(z.body.targets.some((x: { figure: string; value: number }) => x.figure === 'workshops' && x.value === 10000)).toBe(true)
  })

  it('hides other regions: out of scope is 404 like a missing region', async () => {
    for (const path of ['summary', 'children', 'trend', 'export.xlsx']) {
      for (const region of ['3311', '331181', '33']) {
        const r = await t.api('GET', `/api/cockpit/${path}?region=${region}`, { as: 'qingyuan' })
        expect(r.status, `${path} ${region}`).toBe(404)
      }
    }
    expect((await t.api('GET', '/api/cockpit/summary?region=331126999', { as: 'qingyuan' })).status).toBe(404)
    expect((await t.api('GET', '/api/cockpit/summary?region=331126001', { as: 'longquan' })).status).toBe(404)
    expect((await t.api('GET', '/api/cockpit/summary')).status).toBe(401)
    expect((await t.api('GET', '/api/cockpit/summary', { as: 'operator' })).status).toBe(403)
    expect((await t.api('GET', '/api/cockpit/summary?from=2025-05&to=2025-01', { as: 'qingyuan' })).status).toBe(422)
    expect((await t.api('GET', '/api/cockpit/summary?region=33x', { as: 'qingyuan' })).status).toBe(422)
    expect((await t.api('GET', '/api/cockpit/trend?figure=nope', { as: 'qingyuan' })).status).toBe(422)
  })

  it('is fresh: a wage recorded or a workshop opened shows in the next read', async () => {
    const q = '/api/cockpit/summary?region=331126001200&from=2025-03&to=2025-03'
    const before = (await t.api('GET', q, { as: 'township' })).body.figures
    const ws = await newWorkshop()
    const worker = await newWorker(1)
    await t.database.db.execute(
      sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen, low_income, disabled)
          values (${ws}, ${worker}, ${V}, '2025-03-15', 100, 1234, 1234, true, false)`,
    )
    // The very next read, whatever the machine's load: freshness is about order, not time (bench:cockpit times it).
    const after = (await t.api('GET', q, { as: 'township' })).body.figures
    expect(after.wagesFen).toBe(before.wagesFen + 1234)
    expect(after.goodQty).toBe(before.goodQty + 100)
    expect(after.workersEmployed).toBe(before.workersEmployed + 1)
    expect(after.lowIncomeEmployed).toBe(before.lowIncomeEmployed + 1)
    expect(after.workshopsOperating).toBe(before.workshopsOperating + 1)
    // A reversing line takes the wage back, and the worker is no longer employed that month.
    await t.database.db.execute(
      sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen)
          values (${ws}, ${worker}, ${V}, '2025-03-15', -100, 1234, -1234)`,
    )
    const reversed = (await t.api('GET', q, { as: 'township' })).body.figures
    expect(reversed.wagesFen).toBe(before.wagesFen)
    expect(reversed.workersEmployed).toBe(before.workersEmployed)
    // Closing the workshop with a dated status change: still operating at the end of March, not after April.
    await t.database.db.execute(sql`insert into workshop_status_history (workshop_id, status, effective_on) values (${ws}, 'operating', '2025-01-10')`)
    await t.database.db.execute(sql`insert into workshop_status_history (workshop_id, status, effective_on) values (${ws}, 'closed', '2025-04-20')`)
    expect((await t.api('GET', q, { as: 'township' })).body.figures.workshopsOperating).toBe(before.workshopsOperating + 1)
    const may = (await t.api('GET', '/api/cockpit/summary?region=331126001200&from=2025-05&to=2025-05', { as: 'township' })).body.figures
    const mayWithout = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from cockpit_workshop_spans where workshop_id = ${ws} and start_month <= ${2025 * 12 + 4} and (end_month is null or end_month > ${2025 * 12 + 4})`,
    )
    expect(mayWithout[0]!.n).toBe(0)
    expect(may.workshopsOperating).toBe(before.workshopsOperating)
  })

  it('children add up to the summary and drill down to workshops; the trend adds up to the period', async () => {
    const ws = await newWorkshop('operating', 'ecommerce')
    const worker = await newWorker(2)
    await t.database.db.execute(
      sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen)
          values (${ws}, ${worker}, ${V}, '2025-02-03', 10, 100, 500), (${ws}, ${worker}, ${V}, '2025-04-03', 10, 100, 700)`,
    )
    await t.database.db.execute(
      sql`insert into sales_sessions (workshop_id, region_code, session_date, platform, orders_count, sales_fen) values (${ws}, ${V}, '2025-04-05', 'douyin', 3, 99900)`,
    )
    const period = 'from=2025-01&to=2025-06'
    for (const region of ['3311', '331126', '331126001']) {
      const s = (await t.api('GET', `/api/cockpit/summary?region=${region}&${period}`, { as: 'lishui' })).body.figures
      const c = (await t.api('GET', `/api/cockpit/children?region=${region}&${period}`, { as: 'lishui' })).body
      expect(c.items.length).toBeGreaterThan(0)
      for (const key of ['wagesFen', 'salesFen', 'workshopsOperating', 'goodQty'])
        expect(c.items.reduce((a: number, i: { figures: Record<string, number> }) => a + i.figures[key]!, 0), `${region} ${key}`).toBe(s[key])
    }
    const village = (await t.api('GET', `/api/cockpit/children?region=${V}&${period}`, { as: 'qingyuan' })).body
    expect(village.childLevel).toBe('workshop')
    const mine = village.items.find((i: { code: string }) => i.code === ws)
    expect(mine.figures).toMatchObject({ wagesFen: 1200, salesFen: 99900, salesOrders: 3, workersEmployed: 1, activeWorkerMonths: 2, avgMonthlyIncreaseFen: 600 })
    expect(mine.figures.workshopsByType.ecommerce).toBe(1)

    const s = (await t.api('GET', `/api/cockpit/summary?region=331126&${period}`, { as: 'qingyuan' })).body.figures
    const trend = (await t.api('GET', `/api/cockpit/trend?region=331126&${period}&figure=wagesFen`, { as: 'qingyuan' })).body
    expect(trend.series.map((p: { month: string }) => p.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'])
    expect(trend.series.reduce((a: number, p: { value: number }) => a + p.value, 0)).toBe(s.wagesFen)
    const ops = (await t.api('GET', `/api/cockpit/trend?region=331126&${period}&figure=workshopsOperating`, { as: 'qingyuan' })).body
    expect(ops.series.at(-1).value).toBe(s.workshopsOperating)
  })

  it('exports a workbook with summary, children and trend sheets in Chinese', async () => {
    const r = await t.app.request('/api/cockpit/export.xlsx?region=331126&from=2025-01&to=2025-06', {
      headers: { authorization: `Bearer ${await t.token('qingyuan')}` },
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('spreadsheetml')
    expect(r.headers.get('content-disposition')).toContain(encodeURIComponent('庆元县'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '下级（乡镇（街道））', '月度趋势'])
    const summary = (await t.api('GET', '/api/cockpit/summary?region=331126&from=2025-01&to=2025-06', { as: 'qingyuan' })).body.figures
    const s = wb.getWorksheet('概况')!
    const row = (label: string) => s.getColumn(1).values.indexOf(label)
    expect(s.getRow(row('运营工坊（个）')).getCell(2).value).toBe(summary.workshopsOperating)
    expect(s.getRow(row('发放工资（元）')).getCell(2).value).toBe(summary.wagesFen / 100)
    const children = wb.worksheets[1]!
    expect(children.getRow(1).getCell(1).value).toBe('名称')
    expect(children.rowCount - 1).toBe(19) // Qingyuan's 19 townships
    expect(wb.worksheets[2]!.rowCount - 1).toBe(6)
  })

  it('serves Zhejiang’s boundary maps keyed by adcode', async () => {
    const r = await t.api('GET', '/api/maps/331100.json')
    expect(r.status).toBe(200)
    const codes = r.body.features.map((f: { properties: { adcode: number } }) => String(f.properties.adcode))
    expect(codes).toContain('331126')
    expect(codes).toHaveLength(9)
    const zj = await t.api('GET', '/api/maps/330000.json')
    expect(zj.body.features.length).toBeGreaterThanOrEqual(11)
    expect((await t.api('GET', '/api/maps/110000.json')).status).toBe(422)
    expect((await t.api('GET', '/api/maps/339900.json')).status).toBe(404)
  })
  it('counts a worker once when two writers record them at the same time', async () => {
    const [a, b] = [await newWorkshop(), await newWorkshop()]
    const worker = await newWorker(3)
    // Different months: the writers share no roll-up row, only the worker.
    const line = (ws: string, day: string) =>
      sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen)
          values (${ws}, ${worker}, ${V}, ${day}, 1, 100, 100)`
    const p = periodOf({ from: '2025-08', to: '2025-09' })
    const before = await figuresOf(t.database.db, V, p)
    // Both writers only queue their lines; the fold counts the worker once across the two months.
    await Promise.all([
      t.database.db.transaction(async (tx) => {
        await tx.execute(line(a, '2025-08-08'))
        await new Promise((r) => setTimeout(r, 300))
      }),
      new Promise((r) => setTimeout(r, 50)).then(() => t.database.db.transaction(async (tx) => tx.execute(line(b, '2025-09-09')))),
    ])
    const after = await figuresOf(t.database.db, V, p)
    expect(after.workersEmployed).toBe(before.workersEmployed + 1)
    expect(after).toEqual(await directFigures(t.database.db, { region: V }, p.from, p.to))
    for (const code of ['33', '3311', '331126', '331126001'])
      expect(await figuresOf(t.database.db, code, p)).toEqual(await directFigures(t.database.db, { region: code }, p.from, p.to))
  })
  it('recounts a worker when a place’s sum crosses zero without any single workshop row crossing', async () => {
    // Two workshops in one village: +500 and −300 (a reversal larger than that workshop's month) make the
    // village active; −400 at the first keeps that row positive (500 → 100) but turns the village's sum
    // negative (−200), so the worker is no longer employed there. Each batch is folded on its own.
    const [a, b] = [await newWorkshop(), await newWorkshop()]
    const worker = await newWorker(4)
    const line = (ws: string, amount: number) =>
      sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen)
          values (${ws}, ${worker}, ${V}, '2025-10-10', 1, 100, ${amount})`
    const p = periodOf({ from: '2025-10', to: '2025-10' })
    const before = await figuresOf(t.database.db, V, p)
    await t.database.db.execute(line(a, 500))
    await t.database.db.execute(line(b, -300))
    expect((await figuresOf(t.database.db, V, p)).workersEmployed).toBe(before.workersEmployed + 1)
    await t.database.db.execute(line(a, -400))
    const after = await figuresOf(t.database.db, V, p)
    expect(after.workersEmployed).toBe(before.workersEmployed)
    expect(after).toEqual(await directFigures(t.database.db, { region: V }, p.from, p.to))
    expect(await figuresOf(t.database.db, a, p)).toEqual(await directFigures(t.database.db, { workshopId: a }, p.from, p.to))
  })
})
