/**
 * With the clock pinned at 00:30 in Beijing on 1 December 2026 (16:30 UTC on 30 November), every "today" and
 * "this month" of the wages modules is the China date: 2026-12-01 and 2026-12, never the UTC 2026-11-30.
 */
import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { fixedClock } from '@gongfang/shared/clock'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp({ clock: fixedClock('2026-11-30T16:30:00Z') })
const V = '331126001200' // 东门村委会, 庆元县

/** A workshop of its own (no demo sheets, whatever month the demo data was built in), one member, one product. */
async function freshWorkshop() {
  const [ws] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into workshops (name, type, region_code, status, opened_on) values (${'时钟测试工坊' + Math.random()}, 'processing', ${V}, 'operating', '2026-01-01') returning id::text as id`,
  )
  const [w] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into workers (name, id_number, birth_date, sex, region_code) values ('时钟测试', ${'CLK' + Math.random()}, '1970-05-01', 'F', ${V}) returning id::text as id`,
  )
  await t.database.db.execute(sql`insert into workshop_members (workshop_id, worker_id, start_on) values (${ws!.id}::uuid, ${w!.id}::uuid, '2026-01-01')`)
  const p = await t.api('POST', '/api/work-products', { as: 'admin', body: { workshopId: ws!.id, name: '分拣', workerRateCentifen: 1000 } })
  expect(p.status).toBe(201)
  return { workshopId: ws!.id, workerId: w!.id, productId: p.body.id as string }
}

describe('China date at 00:30 Beijing time (16:30 UTC the day before)', () => {
  test('a day sheet of 1 December is today (not the future) and is paid in 2026-12; 2 December is the future', async () => {
    const { workshopId, workerId, productId } = await freshWorkshop()
    const line = (workDate: string) => ({ workshopId, lines: [{ workerId, workDate, productId, goodQty: 3 }] })
    const ok = await t.api('POST', '/api/work-records', { as: 'admin', body: line('2026-12-01') })
    expect(ok.status).toBe(201)
    expect(ok.body.records[0]).toMatchObject({ workDate: '2026-12-01', payMonth: '2026-12', amountFen: 30 })
    const future = await t.api('POST', '/api/work-records', { as: 'admin', body: line('2026-12-02') })
    expect(future.status).toBe(422)
    expect(future.body.errors[0].path).toBe('lines.0.workDate')
    const sheet = await t.api('GET', `/api/work-records/day-sheet?workshopId=${workshopId}&date=2026-12-01`, { as: 'admin' })
    expect(sheet.status).toBe(200)
    expect(sheet.body.records.map((r: { workDate: string }) => r.workDate)).toEqual(['2026-12-01'])
  })

  test('the pay month 2026-12 has begun and can be locked; 2027-01 has not', async () => {
    const { workshopId, workerId, productId } = await freshWorkshop()
    await t.api('POST', '/api/work-records', { as: 'admin', body: { workshopId, lines: [{ workerId, workDate: '2026-12-01', productId, goodQty: 2 }] } })
    const dec = await t.api('POST', '/api/paysheets', { as: 'admin', body: { workshopId, month: '2026-12' } })
    expect(dec.status).toBe(200)
    const locked = await t.api('POST', `/api/paysheets/${dec.body.id}/lock`, { as: 'admin' })
    expect(locked.status).toBe(200)
    expect(locked.body).toMatchObject({ status: 'locked', month: '2026-12', totalFen: 20 })
    const jan = await t.api('POST', '/api/paysheets', { as: 'admin', body: { workshopId, month: '2027-01' } })
    const early = await t.api('POST', `/api/paysheets/${jan.body.id}/lock`, { as: 'admin' })
    expect(early.status).toBe(409)
    expect(early.body.type).toContain('month-not-started')
  })
})
