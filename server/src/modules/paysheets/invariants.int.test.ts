/**
 * Invariants of wages under random sequences of day sheets, reversals, corrections, locks, late
 * corrections and retried requests (fast-check), on whichever database the project runs:
 *  - Σ work-record amounts settled on a month = Σ its sheet's lines (gross + adjustments), and
 *    Σ work-record amounts of a work month = that sheet's gross + the adjustments elsewhere linked to it;
 *  - a retry with the same Idempotency-Key never changes a total; a locked sheet never changes.
 */
import { expect, test } from 'vitest'
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { lineAmountFen } from './wage-calc.ts'

const t = useTestApp()
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04']

type Cmd =
  | { kind: 'record'; lines: { w: number; m: number; d: number; qty: number; rej: number; p: number }[]; retry: boolean }
  | { kind: 'correct'; pick: number; qty: number | null; retry: boolean }
  | { kind: 'lock'; m: number }
  | { kind: 'replay' }

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      lines: fc.array(
        fc.record({ w: fc.nat(2), m: fc.nat(3), d: fc.integer({ min: 1, max: 28 }), qty: fc.nat(5000), rej: fc.nat(50), p: fc.nat(2) }),
        { minLength: 1, maxLength: 4 },
      ),
      retry: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(), qty: fc.option(fc.nat(5000)), retry: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lock' as const), m: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay' as const }) },
)

async function freshWorkshop() {
  const db = t.database.db
  const [op] = await queryRows<{ id: string }>(db, sql`select id::text from users where username = 'operator'`)
  const [ws] = await queryRows<{ id: string }>(
    db,
    sql`insert into workshops (name, type, region_code, operator_user_id, status) values (${`性质测试工坊-${randomUUID().slice(0, 8)}`}, 'processing', '331126001200', ${op!.id}::uuid, 'operating') returning id::text`,
  )
  const workers: string[] = []
  for (let i = 0; i < 3; i++) {
    const n = String(Math.floor(Math.random() * 1e9)).padStart(9, '0')
    const [w] = await queryRows<{ id: string }>(
      db,
      sql`insert into workers (name, id_number, birth_date, sex, region_code, disability_grade) values (${`工人${i}`}, ${`TEST${n}${i}${randomUUID().slice(0, 4)}`}, '1960-01-01', 'F', '331126001200', ${i === 2 ? 2 : null}) returning id::text`,
    )
    await db.execute(sql`insert into workshop_members (workshop_id, worker_id, start_on) values (${ws!.id}::uuid, ${w!.id}::uuid, '2023-01-01')`)
    if (i === 0) await db.execute(sql`insert into worker_low_income_periods (worker_id, start_on, end_on) values (${w!.id}::uuid, '2024-02-01', '2024-02-29')`)
    workers.push(w!.id)
  }
  const products: { id: string; rate: number }[] = []
  for (const rate of [1, 1250, 3333]) {
    const r = await t.api('POST', '/api/work-products', { as: 'operator', body: { workshopId: ws!.id, name: `p${rate}`, workerRateCentifen: rate } })
    products.push({ id: r.body.id, rate })
  }
  return { workshopId: ws!.id, workers, products }
}

test('Σ records = Σ sheet lines + adjustments, retries never change a total, locked sheets never change', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cmd, { minLength: 4, maxLength: 14 }), async (cmds) => {
      const { workshopId, workers, products } = await freshWorkshop()
      const db = t.database.db
      const recordIds: number[] = []
      const lockedSnapshots = new Map<string, unknown>()
      let last: { path: string; body: unknown; key: string } | null = null
      let expectedSum = 0n
      const sumNow = async () =>
        (await queryRows<{ s: string | null; n: number }>(db, sql`select coalesce(sum(amount_fen), 0)::text as s, count(*)::int as n from work_records where workshop_id = ${workshopId}::uuid`))[0]!
      const send = async (path: string, body: unknown, key: string) => t.api('POST', path, { as: 'operator', body, headers: { 'Idempotency-Key': key } })

      for (const c of cmds) {
        if (c.kind === 'record') {
          const body = {
            workshopId,
            lines: c.lines.map((l) => ({ workerId: workers[l.w]!, workDate: `${MONTHS[l.m]}-${String(l.d).padStart(2, '0')}`, productId: products[l.p]!.id, goodQty: l.qty, rejectedQty: l.rej })),
          }
          const key = randomUUID()
          const r = await send('/api/work-records', body, key)
          if (r.status === 201) {
            for (const [i, rec] of (r.body.records as { id: number; amountFen: number; lowIncome: boolean; disabled: boolean; workDate: string; workerId: string }[]).entries()) {
              const l = c.lines[i]!
              expect(BigInt(rec.amountFen)).toBe(lineAmountFen(l.qty, products[l.p]!.rate))
              expect(rec.lowIncome).toBe(l.w === 0 && rec.workDate.startsWith('2024-02'))
              expect(rec.disabled).toBe(l.w === 2)
              expectedSum += BigInt(rec.amountFen)
              recordIds.push(rec.id)
            }
          } else {
            expect(r.status).toBe(409) // a line in a locked month
            expect(r.body.type).toContain('month-locked')
          }
          last = { path: '/api/work-records', body, key }
          if (c.retry) {
            const before = await sumNow()
            const again = await send('/api/work-records', body, key)
            expect(again.status).toBe(r.status)
            if (r.status === 201) expect(again.body).toEqual(r.body)
            expect(await sumNow()).toEqual(before)
          }
        } else if (c.kind === 'correct') {
          if (recordIds.length === 0) continue
          const id = recordIds[c.pick % recordIds.length]!
          const body = c.qty === null ? { reverse: true, reason: '冲销' } : { goodQty: c.qty, reason: '更正' }
          const key = randomUUID()
          const r = await send(`/api/work-records/${id}/corrections`, body, key)
          if (r.status === 201) {
            expectedSum += BigInt(r.body.reversal.amountFen) + BigInt(r.body.replacement?.amountFen ?? 0)
            if (r.body.replacement) recordIds.push(r.body.replacement.id)
          } else expect([409]).toContain(r.status) // already reversed, or a reversal
          last = { path: `/api/work-records/${id}/corrections`, body, key }
          if (c.retry) {
            const before = await sumNow()
            const again = await send(`/api/work-records/${id}/corrections`, body, key)
            expect(again.status).toBe(r.status)
            expect(await sumNow()).toEqual(before)
          }
        } else if (c.kind === 'lock') {
          const sheet = (await t.api('POST', '/api/paysheets', { as: 'operator', body: { workshopId, month: MONTHS[c.m] } })).body
          const r = await t.api('POST', `/api/paysheets/${sheet.id}/lock`, { as: 'operator' })
          expect([200, 409]).toContain(r.status)
          if (r.status === 200) lockedSnapshots.set(sheet.id, r.body)
        } else if (last) {
          const before = await sumNow()
          await send(last.path, last.body, last.key)
          expect(await sumNow()).toEqual(before)
        }
      }

      // The model's sum equals the database's.
      expect(BigInt((await sumNow()).s!)).toBe(expectedSum)
      // Locked sheets never changed and still verify.
      for (const [id, snap] of lockedSnapshots) {
        const now = await t.api('GET', `/api/paysheets/${id}`, { as: 'operator' })
        expect(now.body.lines).toEqual((snap as { lines: unknown }).lines)
        expect(now.body.totalFen).toBe((snap as { totalFen: number }).totalFen)
        expect((await t.api('GET', `/api/paysheets/${id}/verify`, { as: 'operator' })).body.valid).toBe(true)
      }
      // Per settled month: Σ records settled there = Σ lines (gross + adjustments), drafts and locked alike.
      const sheets = (await t.api('GET', `/api/paysheets?workshopId=${workshopId}&pageSize=200`, { as: 'operator' })).body.items as { id: string; month: string }[]
      let sheetsTotal = 0n
      for (const s of sheets) {
        const full = (await t.api('GET', `/api/paysheets/${s.id}`, { as: 'operator' })).body
        const [{ v }] = (await queryRows<{ v: string }>(db, sql`select coalesce(sum(amount_fen), 0)::text as v from work_records where workshop_id = ${workshopId}::uuid and pay_month = ${s.month}`)) as [{ v: string }]
        const lineSum = (full.lines as { grossFen: number; adjustmentsFen: number; totalFen: number }[]).reduce((a, l) => {
          expect(l.grossFen + l.adjustmentsFen).toBe(l.totalFen)
          return a + BigInt(l.totalFen)
        }, 0n)
        expect(lineSum).toBe(BigInt(v))
        expect(BigInt(full.totalFen)).toBe(lineSum)
        sheetsTotal += lineSum
      }
      expect(sheetsTotal).toBe(expectedSum)
      // Per work month (after locking everything): its records = its sheet's gross + adjustments linked to it on later sheets.
      for (const m of [...MONTHS, '2024-05', '2024-06', '2024-07', '2024-08']) {
        const sheet = (await t.api('POST', '/api/paysheets', { as: 'operator', body: { workshopId, month: m } })).body
        if (sheet.status === 'draft') await t.api('POST', `/api/paysheets/${sheet.id}/lock`, { as: 'operator' })
      }
      const rows = await queryRows<{ m: string; rec: string; gross: string; adj: string }>(
        db,
        sql`select m.month as m,
              (select coalesce(sum(amount_fen), 0) from work_records r where r.workshop_id = ${workshopId}::uuid and to_char(r.work_date, 'YYYY-MM') = m.month)::text as rec,
              (select coalesce(sum(l.gross_fen), 0) from paysheet_lines l join paysheets p on p.id = l.paysheet_id where p.workshop_id = ${workshopId}::uuid and p.month = m.month)::text as gross,
              (select coalesce(sum(a.amount_fen), 0) from paysheet_adjustments a join paysheets p on p.id = a.paysheet_id where p.workshop_id = ${workshopId}::uuid and a.work_month = m.month)::text as adj
            from (select distinct to_char(work_date, 'YYYY-MM') as month from work_records where workshop_id = ${workshopId}::uuid) m`,
      )
      for (const r of rows) expect(BigInt(r.rec)).toBe(BigInt(r.gross) + BigInt(r.adj))
    }),
    { numRuns: 12 },
  )
})
