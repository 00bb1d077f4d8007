import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { expectStamped } from '../../../test/xlsx-stamp.ts'
import { queryRows } from '../../db/client.ts'
import { alertQueries } from './service.ts'
import { foldPendingWork } from '../cockpit/fold.ts'

const t = useTestApp()
const V = '331126001200'

async function worker(name: string, baseline: number, sex: string, birth: string, months: [string, number][]) {
  const [w] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into workers (name, id_number, birth_date, sex, region_code, baseline_monthly_income_fen, phone)
        values (${name}, ${'INC' + name}, ${birth}, ${sex}, ${V}, ${baseline}, '13900001234') returning id::text as id`,
  )
  const [ws] = await queryRows<{ id: string }>(t.database.db, sql`select id::text as id from workshops where region_code = ${V} limit 1`)
  for (const [month, fen] of months)
    await t.database.db.execute(
      sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen)
          values (${ws!.id}, ${w!.id}, ${V}, ${month + '-10'}, 1, ${fen * 100}, ${fen})`,
    )
  return w!.id
}

describe('income monitoring', () => {
  it('lists workers with baseline, earnings, active months and monthly increase, by cohort', async () => {
    const a = await worker('收入甲', 100_000, 'F', '1960-02-01', [['2025-01', 150_000], ['2025-02', 150_001], ['2025-03', 40_000]])
    await worker('收入乙', 80_000, 'M', '1990-02-01', [['2025-01', 20_000]])
    const r = await t.api('GET', '/api/income/workers?from=2025-01&to=2025-03&q=收入', { as: 'qingyuan' })
    expect(r.status).toBe(200)
    expect(r.body.total).toBe(2)
    const row = r.body.items.find((w: { id: string }) => w.id === a)
    expect(row).toMatchObject({ name: '收入甲', baselineMonthlyFen: 100_000, earningsFen: 340_001, activeMonths: 3, avgMonthlyEarningsFen: 113_334, lastMonthFen: 40_000, age: 65 })
    const women = await t.api('GET', '/api/income/workers?from=2025-01&to=2025-03&q=收入&cohort=women', { as: 'qingyuan' })
    expect(women.body.items.map((w: { name: string }) => w.name)).toEqual(['收入甲'])
    const old = await t.api('GET', '/api/income/workers?from=2025-01&to=2025-03&q=收入&cohort=aged60', { as: 'qingyuan' })
    expect(old.body.items.map((w: { name: string }) => w.name)).toEqual(['收入甲'])
    expect((await t.api('GET', '/api/income/workers?region=331181', { as: 'qingyuan' })).status).toBe(404)
    expect((await t.api('GET', '/api/income/workers', { as: 'worker' })).status).toBe(403)
    const s = await t.api('GET', '/api/income/summary?from=2025-01&to=2025-03', { as: 'qingyuan' })
    const all = s.body.cohorts.find((c: { cohort: string }) => c.cohort === 'all')
    expect(all.workersEmployed).toBeGreaterThanOrEqual(2)
    expect(all.avgMonthlyIncreaseFen).toBe(Math.round(all.wagesFen / all.activeWorkerMonths))
  })

  it('pages through earners, workers at zero and a reversal below zero in the order earnings, name, id', async () => {
    await worker('分页甲', 1, 'F', '1970-01-01', [['2025-03', 500]])
    await worker('分页乙', 1, 'F', '1970-01-01', [['2025-03', 900]])
    await worker('分页丙', 1, 'F', '1970-01-01', [])
    await worker('分页丁', 1, 'F', '1970-01-01', [])
    await worker('分页戊', 1, 'F', '1970-01-01', [['2025-03', -300]])
    const list = async (page: number, pageSize: number) =>
      (await t.api('GET', `/api/income/workers?from=2025-01&to=2025-03&q=分页&page=${page}&pageSize=${pageSize}`, { as: 'qingyuan' })).body as { total: number; items: { name: string; earningsFen: number }[] }
    const all = await list(1, 200)
    expect(all.total).toBe(5)
    expect(all.items.map((w) => w.earningsFen)).toEqual([900, 500, 0, 0, -300])
    expect(all.items.map((w) => w.name).slice(2, 4).sort()).toEqual(['分页丁', '分页丙'].sort())
    const paged = [...(await list(1, 2)).items, ...(await list(2, 2)).items, ...(await list(3, 2)).items]
    expect(paged).toEqual(all.items)
    expect((await list(4, 2)).items).toEqual([])
  })

  it('pages through the earners run with equal earnings at a page cut as through the whole list (earnings, name, id)', async () => {
    // No name search: the earners come from the roll-up's top sums; ties at the cut read the tied rows too.
    for (const [name, fen] of [['并列丙', 700], ['并列甲', 700], ['并列丁', 900], ['并列乙', 700]] as const) await worker(name, 1, 'M', '1980-01-01', [['2019-07', fen]])
    const list = async (page: number, pageSize: number) =>
      (await t.api('GET', `/api/income/workers?region=${V}&from=2019-07&to=2019-07&page=${page}&pageSize=${pageSize}`, { as: 'qingyuan' })).body as { items: { id: string; name: string; earningsFen: number }[] }
    const all = (await list(1, 200)).items.filter((w) => w.earningsFen > 0)
    expect(all.map((w) => w.earningsFen)).toEqual([900, 700, 700, 700])
    for (const size of [1, 2, 3]) {
      const paged = []
      for (let page = 1; page <= Math.ceil(4 / size); page++) paged.push(...(await list(page, size)).items)
      expect(paged.slice(0, 4), `page size ${size}`).toEqual(all)
    }
  })

  it('alerts on earnings fallen back below baseline and on two months without work, and exports them', async () => {
    const fell = await worker('预警甲', 100_000, 'F', '1970-01-01', [['2025-02', 120_000], ['2025-04', 30_000]])
    const idle = await worker('预警乙', 100_000, 'F', '1970-01-01', [['2025-01', 50_000]])
    const fine = await worker('预警丙', 100_000, 'F', '1970-01-01', [['2025-03', 120_000], ['2025-04', 120_000]])
    const r = await t.api('GET', '/api/income/alerts?month=2025-04&pageSize=200', { as: 'qingyuan' })
    expect(r.status).toBe(200)
    const kindOf = (id: string) => r.body.items.find((x: { workerId: string }) => x.workerId === id)?.kind
    expect(kindOf(fell)).toBe('below_baseline')
    expect(kindOf(idle)).toBe('no_work_2m')
    expect(kindOf(fine)).toBeUndefined()
    expect(r.body.items.find((x: { workerId: string }) => x.workerId === idle).lastActiveMonth).toBe('2025-01')
    expect(r.body.items[0].phone).toMatch(/^\*{7}1234$/)
    const x = await t.app.request('/api/income/alerts.xlsx?month=2025-04', { headers: { authorization: `Bearer ${await t.token('qingyuan')}` } })
    expect(x.status).toBe(200)
    const wb = await expectStamped(await x.arrayBuffer(), 'qingyuan')
    const ws = wb.worksheets[0]!
    expect(ws.getRow(1).getCell(1).value).toBe('预警类型')
    const names = ws.getColumn(2).values
    expect(names).toContain('预警甲')
    expect(names).toContain('预警乙')
    expect(names).not.toContain('预警丙')
    const audits = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action like 'income.%'`)
    expect(audits[0]!.n).toBeGreaterThanOrEqual(2)
    expect((await t.api('GET', '/api/income/alerts?region=3311', { as: 'qingyuan' })).status).toBe(404)
  })

  it('answers alerts from the alert roll-up: the statements read no work record, and a roll-up row is what they report', async () => {
    const fine = await worker('卷积甲', 100_000, 'F', '1970-01-01', [['2025-03', 120_000], ['2025-04', 120_000]])
    const relations = new Set<string>()
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk)
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>
        if (typeof o['Relation Name'] === 'string') relations.add(o['Relation Name'])
        Object.values(o).forEach(walk)
      }
    }
    const { page, count } = alertQueries('3311', 2025 * 12 + 3, { page: 1, pageSize: 50 })
    for (const q of [page, count]) {
      const rows = await queryRows<Record<string, unknown>>(t.database.db, sql`explain (format json) ${q}`)
      const plan = Object.values(rows[0]!)[0]
      walk(typeof plan === 'string' ? JSON.parse(plan) : plan)
    }
    expect([...relations].sort()).toEqual(['income_alerts', 'income_worker_months', 'income_workers', 'regions', 'workers'])
    // Change the roll-ups behind the records' back: the alert follows them.
    await foldPendingWork(t.database.db)
    await t.database.db.execute(sql`update income_worker_months set earned_fen = 0 where worker_id = ${fine}::uuid and month = ${2025 * 12 + 3}`)
    await t.database.db.execute(sql`insert into income_alerts (worker_id, kind, from_month, to_month, region_code, name)
      select id, 'below_baseline', ${2025 * 12 + 3}, ${2025 * 12 + 3}, region_code, name from workers where id = ${fine}::uuid`)
    const r = await t.api('GET', '/api/income/alerts?month=2025-04&kind=below_baseline&pageSize=200', { as: 'qingyuan' })
    expect(r.body.items.find((x: { workerId: string }) => x.workerId === fine)).toMatchObject({ kind: 'below_baseline', monthFen: 0, lastActiveMonth: '2025-03' })
    await t.database.db.execute(sql`select cockpit_rebuild()`)
    const again = await t.api('GET', '/api/income/alerts?month=2025-04&kind=below_baseline&pageSize=200', { as: 'qingyuan' })
    expect(again.body.items.find((x: { workerId: string }) => x.workerId === fine)).toBeUndefined()
  })
})
