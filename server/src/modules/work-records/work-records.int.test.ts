import { describe, expect, test } from 'vitest'
import SwaggerParser from '@apidevtools/swagger-parser'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { systemCaller } from '../../auth/caller.ts'
import { ingestRunner, runIngestBatch } from './ingest.ts'
import { COUNT_CAP } from './service.ts'

const t = useTestApp()

async function demoWorkshop() {
  const [ws] = await queryRows<{ id: string; region_code: string }>(t.database.db, sql`select id::text, region_code from workshops where name = '东门村香菇分拣共富工坊'`)
  const [w] = await queryRows<{ id: string }>(t.database.db, sql`select worker_id::text as id from users where username = 'worker'`)
  return { workshopId: ws!.id, regionCode: ws!.region_code, workerId: w!.id }
}

async function product(workshopId: string, rate: number) {
  const r = await t.api('POST', '/api/work-products', { as: 'operator', body: { workshopId, name: `分拣-${rate}`, workerRateCentifen: rate, workshopRateCentifen: rate * 2 } })
  expect(r.status).toBe(201)
  return r.body.id as string
}

describe('work records', () => {
  test('a day sheet records amounts half-up per line, with the worker status of the day and the village code', async () => {
    const { workshopId, workerId, regionCode } = await demoWorkshop()
    const productId = await product(workshopId, 1250) // 12.5 fen per piece
    const r = await t.api('POST', '/api/work-records', {
      as: 'operator',
      body: { workshopId, lines: [{ workerId, workDate: '2026-03-02', productId, goodQty: 3, rejectedQty: 1, hours: 4.5 }] },
    })
    expect(r.status).toBe(201)
    const rec = r.body.records[0]
    expect(rec.amountFen).toBe(38) // 37.5 → 38
    expect(rec.rateCentifen).toBe(1250)
    expect(rec.lowIncome).toBe(true)
    expect(rec.disabled).toBe(false)
    expect(rec.regionCode).toBe(regionCode)
    expect(rec.hours).toBe(4.5)
    expect(rec.payMonth).toBe('2026-03')
  })

  test('a list counts up to COUNT_CAP lines and says there are more; a narrower list counts exactly', async () => {
    const { workerId } = await demoWorkshop()
    const seen = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from work_records where region_code like '331126%'`))[0]!.n
    const missing = COUNT_CAP + 1 - (await seen())
    if (missing > 0) {
      await t.database.db.execute(sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen, low_income, disabled, product_id, product, pay_month, work_minutes)
        select r.workshop_id, r.worker_id, r.region_code, date '2019-01-01' + g % 365, r.good_qty, 0, r.rate_centifen, r.amount_fen, r.low_income, r.disabled, r.product_id, r.product,
          to_char(date '2019-01-01' + g % 365, 'YYYY-MM'), r.work_minutes
        from (select * from work_records where region_code like '331126%' and reversal_of is null limit 1) r, generate_series(1, ${missing}) g`)
    }
    expect(await seen()).toBeGreaterThan(COUNT_CAP)
    const all = await t.api('GET', '/api/work-records?pageSize=5', { as: 'qingyuan' })
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ total: COUNT_CAP, totalCapped: true })
    const dates = (all.body.items as { workDate: string }[]).map((i) => i.workDate)
    expect(dates).toEqual([...dates].sort().reverse())
    const mine = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from work_records where worker_id = ${workerId}::uuid and work_date between '2019-03-01' and '2019-03-31'`))[0]!.n
    const narrow = await t.api('GET', `/api/work-records?workerId=${workerId}&month=2019-03`, { as: 'qingyuan' })
    expect(narrow.body.total).toBe(mine)
    expect(narrow.body.totalCapped).toBeUndefined()
  })

  test('Idempotency-Key: a retry returns the first result and records nothing; another body is 409', async () => {
    const { workshopId, workerId } = await demoWorkshop()
    const productId = await product(workshopId, 333)
    const body = { workshopId, lines: [{ workerId, workDate: '2026-03-03', productId, goodQty: 100 }] }
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from work_records where work_date = '2026-03-03'`))[0]!.n
    const a = await t.api('POST', '/api/work-records', { as: 'operator', body, headers: { 'Idempotency-Key': 'day-0303' } })
    const b = await t.api('POST', '/api/work-records', { as: 'operator', body, headers: { 'Idempotency-Key': 'day-0303' } })
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(b.body).toEqual(a.body)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(await count()).toBe(1)
    const c = await t.api('POST', '/api/work-records', { as: 'operator', body: { ...body, lines: [{ ...body.lines[0], goodQty: 101 }] }, headers: { 'Idempotency-Key': 'day-0303' } })
    expect(c.status).toBe(409)
    expect(await count()).toBe(1)
    // concurrent retries of a new key: exactly one write
    const body2 = { workshopId, lines: [{ workerId, workDate: '2026-03-03', productId, goodQty: 7 }] }
    const rs = await Promise.all(Array.from({ length: 6 }, () => t.api('POST', '/api/work-records', { as: 'operator', body: body2, headers: { 'Idempotency-Key': 'day-0303-b' } })))
    expect(rs.map((x) => x.status)).toEqual([201, 201, 201, 201, 201, 201])
    expect(new Set(rs.map((x) => x.body.records[0].id)).size).toBe(1)
    expect(await count()).toBe(2)
  })

  test('bad input changes nothing: unknown worker, foreign product, future date → 422; other workshop → 404', async () => {
    const { workshopId, workerId } = await demoWorkshop()
    const productId = await product(workshopId, 100)
    const before = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from work_records`))[0]!.n
    const bad = await t.api('POST', '/api/work-records', {
      as: 'operator',
      body: { workshopId, lines: [{ workerId, workDate: '2026-03-04', productId, goodQty: 1 }, { workerId: '00000000-0000-4000-8000-000000000000', workDate: '2026-03-04', productId, goodQty: 1 }] },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toBe('lines.1.workerId')
    const future = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2099-01-01', productId, goodQty: 1 }] } })
    expect(future.status).toBe(422)
    const neg = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2026-03-04', productId, goodQty: -1 }] } })
    expect(neg.status).toBe(422)
    const staffOut = await t.api('POST', '/api/work-records', { as: 'longquan', body: { workshopId, lines: [{ workerId, workDate: '2026-03-04', productId, goodQty: 1 }] } })
    expect(staffOut.status).toBe(404)
    const worker = await t.api('POST', '/api/work-records', { as: 'worker', body: { workshopId, lines: [{ workerId, workDate: '2026-03-04', productId, goodQty: 1 }] } })
    expect(worker.status).toBe(403)
    const after = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from work_records`))[0]!.n
    expect(after).toBe(before)
  })

  test('records are append-only in the database', async () => {
    await expect(t.database.db.execute(sql`update work_records set good_qty = good_qty + 1`)).rejects.toThrow()
    await expect(t.database.db.execute(sql`delete from work_records`)).rejects.toThrow()
  })

  test('correction = reversal + new line linked to the original; a line is reversed once', async () => {
    const { workshopId, workerId } = await demoWorkshop()
    const productId = await product(workshopId, 1000)
    const r = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2026-04-01', productId, goodQty: 10 }] } })
    const id = r.body.records[0].id
    const c = await t.api('POST', `/api/work-records/${id}/corrections`, { as: 'operator', body: { goodQty: 12, reason: '少记两件' } })
    expect(c.status).toBe(201)
    expect(c.body.reversal).toMatchObject({ reversalOf: id, goodQty: -10, amountFen: -100 })
    expect(c.body.replacement).toMatchObject({ correctionOf: id, goodQty: 12, amountFen: 120 })
    const again = await t.api('POST', `/api/work-records/${id}/corrections`, { as: 'operator', body: { goodQty: 13, reason: 'x' } })
    expect(again.status).toBe(409)
    const list = await t.api('GET', `/api/work-records?workshopId=${workshopId}&from=2026-04-01&to=2026-04-01`, { as: 'operator' })
    expect(list.body.items).toHaveLength(3)
    expect(list.body.items.find((x: { id: number }) => x.id === id).reversed).toBe(true)
  })

  test('a correction states its intent: goodQty for a replacing line, or reverse: true to reverse only; else 422 and nothing written', async () => {
    const { workshopId, workerId } = await demoWorkshop()
    const productId = await product(workshopId, 700)
    const r = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2026-04-02', productId, goodQty: 10 }] } })
    const id = r.body.records[0].id
    const lines = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from work_records where reversal_of = ${id} or correction_of = ${id}`))[0]!.n
    for (const body of [{ reason: '忘了填数量' }, { rejectedQty: 2, reason: '只改次品' }, { reverse: true, goodQty: 3, reason: '两样都要' }, { reverse: false, reason: 'x' }]) {
      const bad = await t.api('POST', `/api/work-records/${id}/corrections`, { as: 'operator', body })
      expect(bad.status, JSON.stringify(body)).toBe(422)
      expect(bad.headers.get('content-type')).toContain('application/problem+json')
    }
    expect(await lines()).toBe(0)
    const rev = await t.api('POST', `/api/work-records/${id}/corrections`, { as: 'operator', body: { reverse: true, reason: '记错工坊' } })
    expect(rev.status).toBe(201)
    expect(rev.body.reversal).toMatchObject({ reversalOf: id, goodQty: -10, amountFen: -70 })
    expect(rev.body.replacement).toBeNull()
    expect(await lines()).toBe(1)
  })

  test('the answer of a reverse-only correction (replacement: null) matches its OpenAPI schema', async () => {
    const { workshopId, workerId } = await demoWorkshop()
    const productId = await product(workshopId, 701)
    const r = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2026-04-03', productId, goodQty: 4 }] } })
    const doc = (await SwaggerParser.dereference(structuredClone((await t.api('GET', '/api/openapi.json')).body))) as unknown as {
      paths: Record<string, { post: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>
    }
    const path = Object.keys(doc.paths).find((k) => k.endsWith('/work-records/{id}/corrections'))!
    const schema = doc.paths[path]!.post.responses['201']!.content['application/json']!.schema
    const validate = new Ajv2020({ strict: false }).compile(schema)
    const rev = await t.api('POST', `/api/work-records/${r.body.records[0].id}/corrections`, { as: 'operator', body: { reverse: true, reason: '冲销' } })
    expect(rev.status).toBe(201)
    expect(validate(rev.body), JSON.stringify(validate.errors)).toBe(true)
    const r2 = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId, lines: [{ workerId, workDate: '2026-04-03', productId, goodQty: 5 }] } })
    const fix = await t.api('POST', `/api/work-records/${r2.body.records[0].id}/corrections`, { as: 'operator', body: { goodQty: 6, reason: '更正' } })
    expect(validate(fix.body), JSON.stringify(validate.errors)).toBe(true)
    // The check has teeth: an answer that breaks the schema is refused.
    expect(validate({ ...rev.body, replacement: 'none' })).toBe(false)
  })

  test('scope: the worker sees only own records; another county sees none', async () => {
    const mine = await t.api('GET', '/api/work-records?pageSize=200', { as: 'worker' })
    expect(mine.status).toBe(200)
    const { workerId } = await demoWorkshop()
    expect(mine.body.items.every((r: { workerId: string }) => r.workerId === workerId)).toBe(true)
    const lq = await t.api('GET', '/api/work-records', { as: 'longquan' })
    expect(lq.body.items.every((r: { regionCode: string }) => r.regionCode.startsWith('331181'))).toBe(true)
    const earnings = await t.api('GET', '/api/work-records/earnings?month=2026-03', { as: 'worker' })
    expect(earnings.status).toBe(200)
    expect(earnings.body.workerName).toBe('叶秀英')
    expect(earnings.body.days.length).toBeGreaterThan(0)
  })
})

describe('group commit of day sheets', () => {
  test('concurrent requests from several callers share batches, yet each is answered and written on its own', async () => {
    const { workshopId, workerId } = await demoWorkshop()
    const productId = await product(workshopId, 1001)
    const [other] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from workshops where region_code not like '331126%' limit 1`)
    await t.database.db.execute(sql`insert into paysheets (workshop_id, region_code, month, status)
      select id, region_code, '2025-06', 'locked' from workshops where id = ${workshopId}::uuid
      on conflict (workshop_id, month) do update set status = 'locked'`)
    const day = '2026-03-05'
    const line = (goodQty: number, extra: object = {}) => ({ workerId, workDate: day, productId, goodQty, ...extra })
    const post = (as: string, body: object, key?: string) =>
      t.api('POST', '/api/work-records', { as, body, headers: key ? { 'Idempotency-Key': key } : {} })
    const runner = ingestRunner(t.database.db, t.database.kind)
    const before = { ...runner.stats }
    const rs = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => post('operator', { workshopId, lines: [line(10 + i)] }, `gc-${i}`)),
      post('operator', { workshopId, lines: [line(50), { ...line(1), workerId: '00000000-0000-4000-8000-000000000000' }] }, 'gc-bad-worker'),
      post('operator', { workshopId, lines: [line(5, { workDate: '2099-01-01' })] }, 'gc-future'),
      post('operator', { workshopId: other!.id, lines: [line(5)] }, 'gc-other'),
      post('operator', { workshopId, lines: [line(6, { workDate: '2025-06-10' })] }, 'gc-locked'),
      post('operator', { workshopId, lines: [line(77)] }, 'gc-twice'),
      post('operator', { workshopId, lines: [line(77)] }, 'gc-twice'),
      post('qingyuan', { workshopId, lines: [line(88)] }, 'gc-staff'),
      post('longquan', { workshopId, lines: [line(99)] }, 'gc-longquan'),
    ])
    const st = rs.map((r) => r.status)
    expect(st.slice(0, 12)).toEqual(Array(12).fill(201))
    rs.slice(0, 12).forEach((r, i) => expect(r.body.records.map((x: { goodQty: number }) => x.goodQty)).toEqual([10 + i]))
    expect(st[12]).toBe(422)
    expect(rs[12]!.body.errors.map((e: { path: string }) => e.path)).toEqual(['lines.1.workerId'])
    expect(st[13]).toBe(422)
    expect(rs[13]!.body.errors.map((e: { path: string }) => e.path)).toEqual(['lines.0.workDate'])
    expect(st[14]).toBe(404)
    expect([st[15], rs[15]!.body.type]).toEqual([409, expect.stringContaining('month-locked')])
    expect([st[16], st[17]]).toEqual([201, 201])
    expect(rs[17]!.body.records[0].id).toBe(rs[16]!.body.records[0].id)
    expect(st[18]).toBe(201) // county staff of Qingyuan may record for a workshop of their county
    expect(st[19]).toBe(404) // Longquan's staff may not
    const [n] = await queryRows<{ n: number; q: number }>(t.database.db, sql`select count(*)::int as n, sum(good_qty)::int as q from work_records where work_date = ${day}::date and workshop_id = ${workshopId}::uuid`)
    expect(n).toEqual({ n: 14, q: Array.from({ length: 12 }, (_, i) => 10 + i).reduce((a, b) => a + b, 0) + 77 + 88 })
    const [a] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'work-records.create' and target_id = ${workshopId} and detail->>'batchId' in (select batch_id::text from work_records where work_date = ${day}::date)`)
    expect(a!.n).toBe(14)
    expect(runner.stats.largest).toBeGreaterThan(1) // the burst really went in shared statements
    expect(runner.stats.jobs - before.jobs).toBe(20)
  })

  test('a request that breaks the shared statement fails alone; the rest of its batch is written', async () => {
    const { workshopId, workerId } = await demoWorkshop()
    const productId = await product(workshopId, 1002)
    const [op] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from users where username = 'operator'`)
    const scope = { kind: 'all' } as const
    const user = { id: op!.id, username: 'operator', displayName: 'x', role: 'operator' as const, regionCode: null, enterpriseId: null, collectiveId: null, workerId: null, locale: 'zh-CN' as const }
    const job = (goodQty: number, rejectedQty: number, key: string) => ({
      caller: systemCaller({ user, scope }), user, key, requestHash: `h-${key}`,
      input: { workshopId, lines: [{ workerId, workDate: '2026-03-06', productId, goodQty, rejectedQty }] },
    })
    // 3,000,000,000 rejected pieces pass the facts but overflow the int column in the write.
    const out = await runIngestBatch(t.database.db, [job(1, 0, 'brk-1'), job(2, 3_000_000_000, 'brk-2'), job(3, 0, 'brk-3')])
    expect(out.map((o) => o.ok)).toEqual([true, false, true])
    const [n] = await queryRows<{ q: number[] }>(t.database.db, sql`select array_agg(good_qty order by good_qty) as q from work_records where work_date = '2026-03-06'`)
    expect(n!.q).toEqual([1, 3])
    const [k] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from idempotency_keys where key like 'brk-%'`)
    expect(k!.n).toBe(2) // the failed request left no key behind: its retry can still succeed
  })
})
