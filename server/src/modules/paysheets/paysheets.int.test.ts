import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { expectStamped } from '../../../test/xlsx-stamp.ts'
import { queryRows } from '../../db/client.ts'
import { fenToCapitals } from '@gongfang/shared/money'

const t = useTestApp()

async function setup() {
  const [ws] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from workshops where name = '东门村香菇分拣共富工坊'`)
  const [w] = await queryRows<{ id: string }>(t.database.db, sql`select worker_id::text as id from users where username = 'worker'`)
  const p = await t.api('POST', '/api/work-products', { as: 'operator', body: { workshopId: ws!.id, name: '香菇分拣', workerRateCentifen: 2345, workshopRateCentifen: 4000 } })
  return { workshopId: ws!.id, workerId: w!.id, productId: p.body.id as string }
}

const openSheet = async (workshopId: string, month: string) => (await t.api('POST', '/api/paysheets', { as: 'operator', body: { workshopId, month } })).body

describe('pay sheets', () => {
  test('draft is live; lock freezes it, chains the hash, and the month refuses new lines; late corrections go to the next sheet', async () => {
    const { workshopId, workerId, productId } = await setup()
    const rec = await t.api('POST', '/api/work-records', {
      as: 'operator',
      body: { workshopId, lines: [{ workerId, workDate: '2025-05-06', productId, goodQty: 1000 }, { workerId, workDate: '2025-05-07', productId, goodQty: 3, rejectedQty: 2 }] },
    })
    expect(rec.status).toBe(201)
    // 1000 × 23.45 fen = 23450; 3 × 23.45 = 70.35 → 70
    const may = await openSheet(workshopId, '2025-05')
    expect(may.status).toBe('draft')
    expect(may.totalFen).toBe(23520)
    expect(may.lines[0]).toMatchObject({ workerName: '叶秀英', goodQty: 1003, rejectedQty: 2, grossFen: 23520, adjustmentsFen: 0 })
    expect(may.lines[0].idNumberMasked).toMatch(/^\*{14}\d{3}[\dX]$/)
    expect(may.totalInWords).toBe('贰佰叁拾伍元贰角整')

    const locked = await t.api('POST', `/api/paysheets/${may.id}/lock`, { as: 'operator' })
    expect(locked.status).toBe(200)
    expect(locked.body.status).toBe('locked')
    expect(locked.body.hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await t.api('POST', `/api/paysheets/${may.id}/lock`, { as: 'operator' })).status).toBe(409)
    expect((await t.api('GET', `/api/paysheets/${may.id}/verify`, { as: 'operator' })).body).toMatchObject({ valid: true, chainValid: true })

    const late = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2025-05-08', productId, goodQty: 1 }] } })
    expect(late.status).toBe(409)
    expect(late.body.type).toContain('month-locked')

    const orig = rec.body.records[1]
    const corr = await t.api('POST', `/api/work-records/${orig.id}/corrections`, { as: 'operator', body: { goodQty: 5, reason: '漏记两件' } })
    expect(corr.status).toBe(201)
    expect(corr.body.reversal.payMonth).toBe('2025-06')
    expect(corr.body.replacement.payMonth).toBe('2025-06')
    const mayAgain = await t.api('GET', `/api/paysheets/${may.id}`, { as: 'operator' })
    expect(mayAgain.body.totalFen).toBe(23520) // never changes after lock

    const june = await openSheet(workshopId, '2025-06')
    expect(june.adjustmentsFen).toBe(-70 + 117) // 5 × 23.45 = 117.25 → 117
    expect(june.adjustments.map((a: { originalRecordId: number }) => a.originalRecordId)).toEqual([orig.id, orig.id])
    const jl = await t.api('POST', `/api/paysheets/${june.id}/lock`, { as: 'operator' })
    expect(jl.body.prevHash).toBe(locked.body.hash)
    expect(jl.body.adjustments).toHaveLength(2)
    expect((await t.api('GET', `/api/paysheets/${june.id}/verify`, { as: 'operator' })).body.valid).toBe(true)

    // Tampering with a stored line is seen by verify.
    await t.database.db.execute(sql`update paysheet_lines set total_fen = total_fen + 100 where paysheet_id = ${may.id}::uuid`)
    const v = await t.api('GET', `/api/paysheets/${may.id}/verify`, { as: 'operator' })
    expect(v.body.valid).toBe(false)
    expect(v.body.computedHash).not.toBe(v.body.storedHash)
    // And rewriting the earlier sheet's hash breaks the chain of the next one.
    await t.database.db.execute(sql`update paysheets set hash = ${'0'.repeat(64)} where id = ${may.id}::uuid`)
    const v2 = await t.api('GET', `/api/paysheets/${june.id}/verify`, { as: 'operator' })
    expect(v2.body).toMatchObject({ valid: false, chainValid: false })
  })

  test('pay per line or whole sheet; export xlsx; income vs wages', async () => {
    const { workshopId, workerId, productId } = await setup()
    await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2025-08-01', productId, goodQty: 100 }] } })
    const s = await openSheet(workshopId, '2025-08')
    expect((await t.api('POST', `/api/paysheets/${s.id}/pay`, { as: 'operator', body: { paidOn: '2025-09-05', method: 'bank' } })).status).toBe(409) // not locked
    await t.api('POST', `/api/paysheets/${s.id}/lock`, { as: 'operator' })
    const paid = await t.api('POST', `/api/paysheets/${s.id}/pay`, { as: 'operator', body: { paidOn: '2025-09-05', method: 'bank', reference: 'BK-001' }, headers: { 'Idempotency-Key': 'pay-aug' } })
    expect(paid.status).toBe(200)
    expect(paid.body.status).toBe('paid')
    expect(paid.body.lines[0]).toMatchObject({ paidOn: '2025-09-05', payMethod: 'bank', payReference: 'BK-001' })
    const replay = await t.api('POST', `/api/paysheets/${s.id}/pay`, { as: 'operator', body: { paidOn: '2025-09-05', method: 'bank', reference: 'BK-001' }, headers: { 'Idempotency-Key': 'pay-aug' } })
    expect(replay.status).toBe(200)
    const [{ n }] = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from paysheet_payments where paysheet_id = ${s.id}::uuid`)) as [{ n: number }]
    expect(n).toBe(1)

    const x = await t.api('GET', `/api/paysheets/${s.id}/export.xlsx`, { as: 'operator' })
    expect(x.status).toBe(200)
    const res = await t.app.request(`/api/paysheets/${s.id}/export.xlsx`, { headers: { authorization: `Bearer ${await t.token('operator')}` } })
    const wb = await expectStamped(await res.arrayBuffer(), 'operator')
    const sheet = wb.worksheets[0]!
    const texts: string[] = []
    sheet.eachRow((row) => texts.push(row.values!.toString()))
    expect(texts.join('\n')).toContain('叶秀英')
    expect(texts.join('\n')).toContain(fenToCapitals(2345))

    const income = await t.api('GET', `/api/paysheets/income?workshopId=${workshopId}&from=2025-08&to=2025-08`, { as: 'operator' })
    expect(income.status).toBe(200)
    expect(income.body.months[0]).toMatchObject({ month: '2025-08', acceptedQty: 100, incomeFen: 4000, wagesFen: 2345, wagesPaidFen: 2345 })
  })

  test('the township can require approval: the operator submits (month closed), staff approve → locked and hashed', async () => {
    const { workshopId, workerId, productId } = await setup()
    expect((await t.api('PUT', '/api/paysheets/approval-rules', { as: 'longquan', body: { regionCode: '331126001', required: true } })).status).toBe(404)
    expect((await t.api('PUT', '/api/paysheets/approval-rules', { as: 'operator', body: { regionCode: '331126001', required: true } })).status).toBe(403)
    expect((await t.api('PUT', '/api/paysheets/approval-rules', { as: 'township', body: { regionCode: '331126001', required: true } })).status).toBe(200)
    // Listed for the township and the county above it, not for another county; operators may not look.
    const codes = async (as: string) => ((await t.api('GET', '/api/paysheets/approval-rules', { as })).body as { regionCode: string }[]).map((r) => r.regionCode)
    expect(await codes('township')).toContain('331126001')
    expect(await codes('qingyuan')).toContain('331126001')
    expect(await codes('longquan')).not.toContain('331126001')
    expect((await t.api('GET', '/api/paysheets/approval-rules', { as: 'operator' })).status).toBe(403)
    const [rule] = (await t.api('GET', '/api/paysheets/approval-rules', { as: 'township' })).body as { regionCode: string; regionName: string }[]
    expect(rule!.regionName).toBeTruthy()
    await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2025-11-03', productId, goodQty: 10 }] } })
    const s = await openSheet(workshopId, '2025-11')
    const sub = await t.api('POST', `/api/paysheets/${s.id}/lock`, { as: 'operator' })
    expect(sub.status).toBe(200)
    expect(sub.body).toMatchObject({ status: 'submitted', totalFen: 235, hash: null })
    // The month is closed while it waits.
    expect((await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2025-11-04', productId, goodQty: 1 }] } })).status).toBe(409)
    expect((await t.api('POST', `/api/paysheets/${s.id}/pay`, { as: 'operator', body: { paidOn: '2025-12-05', method: 'cash' } })).status).toBe(409)
    expect((await t.api('POST', `/api/paysheets/${s.id}/approve`, { as: 'operator' })).status).toBe(403)
    expect((await t.api('POST', `/api/paysheets/${s.id}/approve`, { as: 'longquan' })).status).toBe(404)
    const ok = await t.api('POST', `/api/paysheets/${s.id}/approve`, { as: 'township' })
    expect(ok.status).toBe(200)
    expect(ok.body.status).toBe('locked')
    expect(ok.body.hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await t.api('GET', `/api/paysheets/${s.id}/verify`, { as: 'township' })).body.valid).toBe(true)
    expect((await t.api('PUT', '/api/paysheets/approval-rules', { as: 'township', body: { regionCode: '331126001', required: false } })).status).toBe(200)
  })

  test('scope: workers and other counties cannot see sheets; the worker sees the month is paid', async () => {
    const list = await t.api('GET', '/api/paysheets', { as: 'operator' })
    expect(list.body.total).toBeGreaterThan(0)
    const id = list.body.items[0].id
    expect((await t.api('GET', `/api/paysheets/${id}`, { as: 'worker' })).status).toBe(404)
    expect((await t.api('GET', `/api/paysheets/${id}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('POST', `/api/paysheets/${id}/lock`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('GET', `/api/paysheets/${id}`, { as: 'qingyuan' })).status).toBe(200)
    const e = await t.api('GET', '/api/work-records/earnings?month=2025-08', { as: 'worker' })
    expect(e.body.months.find((m: { month: string }) => m.month === '2025-08')).toMatchObject({ payStatus: 'paid', amountFen: 2345, paidFen: 2345, paidOn: '2025-09-05' })
  })
})
