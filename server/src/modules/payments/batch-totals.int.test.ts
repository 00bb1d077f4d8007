// For random pay sheets in the database (work at random rates, approved deductions, some workers paid in cash),
// the batch and every bank file it is exported in add up to the sheet's net pay to the fen.
import { describe, expect, test } from 'vitest'
import { fc } from '@fast-check/vitest'
import { sql } from 'drizzle-orm'
import { DEDUCTION_CODES } from '@gongfang/shared/deductions'
import type { BankTemplateSpec, PaymentBatch } from '@gongfang/shared/payments'
import { useTestApp } from '../../../test/harness.ts'
import { card } from '../../../test/wage-fixtures.ts'
import { bankTemplateSpec, fileAmountsFen, readBankFile } from '../../../test/bank-file-read.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()
const WORKERS = 3

interface Line { workerId: string; grossFen: number; totalFen: number }
interface Sheet { id: string; totalFen: number; lines: Line[] }

const sheetArb = fc.record({
  /** Piece rates in centifen: from 0.01 fen to 20 yuan a piece. */
  rates: fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 3 }),
  work: fc.uniqueArray(
    fc.record({ worker: fc.nat(WORKERS - 1), product: fc.nat(2), day: fc.integer({ min: 1, max: 28 }), qty: fc.integer({ min: 1, max: 3_000 }) }),
    { minLength: 1, maxLength: 12, selector: (w) => `${w.worker}/${w.product}/${w.day}` },
  ),
  banked: fc.array(fc.boolean(), { minLength: WORKERS, maxLength: WORKERS }),
  /** A deduction per worker, as a share of the line's gross (never more than it): none, or 1 fen up to all of it. */
  deductions: fc.array(fc.option(fc.nat()), { minLength: WORKERS, maxLength: WORKERS }),
  code: fc.constantFrom(...(Object.keys(DEDUCTION_CODES) as (keyof typeof DEDUCTION_CODES)[])),
  template: bankTemplateSpec,
})

/** Three workers of the demo workshop's county with no wage account, made its members from 2000 (a fixture). */
async function freshMembers(workshopId: string) {
  const members = await queryRows<{ id: string; name: string }>(
    t.database.db,
    sql`select w.id::text, w.name from workers w where w.region_code like '331126%'
      and not exists (select 1 from worker_accounts a where a.worker_id = w.id and a.retired_at is null) order by w.id limit ${WORKERS}`,
  )
  expect(members.length).toBe(WORKERS)
  for (const m of members)
    await t.database.db.execute(sql`insert into workshop_members (workshop_id, worker_id, start_on) select ${workshopId}::uuid, ${m.id}::uuid, '2000-01-01'
      where not exists (select 1 from workshop_members x where x.workshop_id = ${workshopId}::uuid and x.worker_id = ${m.id}::uuid and x.start_on = '2000-01-01')`)
  return members
}

describe('payment batches of random pay sheets', () => {
  test("the batch and its file in every template add up to the sheet's net pay to the fen", async () => {
    const [ws] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from workshops where name = '东门村香菇分拣共富工坊'`)
    let run = 0
    await fc.assert(
      fc.asyncProperty(sheetArb, async (s) => {
        // A month of its own for every call, shrinking included (the demo's sheets are all after 2019).
        const month = `${2001 + Math.floor(run / 12)}-${String((run % 12) + 1).padStart(2, '0')}`
        run++
        const members = await freshMembers(ws!.id)
        const products: string[] = []
        for (const [i, rate] of s.rates.entries()) {
          const p = await t.api('POST', '/api/work-products', { as: 'operator', body: { workshopId: ws!.id, name: `随机件 ${month}-${i}`, workerRateCentifen: rate } })
          expect(p.status).toBe(201)
          products.push(p.body.id)
        }
        const lines = s.work.map((w) => ({ workerId: members[w.worker]!.id, workDate: `${month}-${String(w.day).padStart(2, '0')}`, productId: products[w.product % products.length]!, goodQty: w.qty }))
        const recorded = await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId: ws!.id, lines } })
        expect(recorded.status, JSON.stringify(recorded.body)).toBe(201)
        const opened = await t.api('POST', '/api/paysheets', { as: 'operator', body: { workshopId: ws!.id, month } })
        expect(opened.status).toBe(200)
        const sheetId = (opened.body as Sheet).id
        for (const [i, share] of s.deductions.entries()) {
          const line = (opened.body as Sheet).lines.find((l) => l.workerId === members[i]!.id)
          if (share == null || !line || line.grossFen < 1) continue
          const d = await t.api('POST', `/api/paysheets/${sheetId}/deductions`, { as: 'operator', body: { workerId: line.workerId, code: s.code, amountFen: 1 + (share % line.grossFen), reason: `${month} 随机扣款` } })
          expect(d.status).toBe(200)
          const id = (d.body.deductions as { id: string; workerId: string }[]).find((x) => x.workerId === line.workerId)!.id
          expect((await t.api('POST', `/api/paysheets/${sheetId}/deductions/${id}/approve`, { as: 'township' })).status).toBe(200)
        }
        const locked = await t.api('POST', `/api/paysheets/${sheetId}/lock`, { as: 'operator' })
        expect(locked.status).toBe(200)
        const sheet = locked.body as Sheet
        expect(sheet.totalFen).toBe(sheet.lines.reduce((a, l) => a + l.totalFen, 0))
        try {
          for (const [i, m] of members.entries())
            if (s.banked[i]) expect((await t.api('PUT', `/api/workers/${m.id}/account`, { as: 'operator', body: { bank: 'zjrcu', accountNumber: card(1000 + run * 10 + i), holderName: m.name } })).status).toBe(200)

          const made = await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheetId] } })
          expect(made.status).toBe(201)
          const batch = made.body as PaymentBatch
          // One line a worker with pay, at the line's net; bank and cash together are the sheet's net.
          const paid = sheet.lines.filter((l) => l.totalFen > 0)
          expect(batch.lines.map((l) => [l.workerId, l.amountFen]).sort()).toEqual(paid.map((l) => [l.workerId, l.totalFen]).sort())
          expect(batch.totalFen).toBe(sheet.totalFen)
          expect(batch.reconciliation).toMatchObject({ netFen: sheet.totalFen, unpaidFen: sheet.totalFen, balanced: true })
          const bank = batch.lines.filter((l) => l.method === 'bank')
          const bankFen = bank.reduce((a, l) => a + l.amountFen, 0)
          expect(bank.map((l) => l.workerId).sort()).toEqual(paid.filter((l) => s.banked[members.findIndex((m) => m.id === l.workerId)]).map((l) => l.workerId).sort())
          if (bank.length === 0) return

          // Every built-in template, and one an admin describes as data for this run.
          const code = `run-${run}`
          expect((await t.api('POST', '/api/bank-templates', { as: 'admin', body: { code, name: `随机模板 ${run}`, spec: s.template } })).status).toBe(201)
          const templates = (await t.api('GET', '/api/bank-templates', { as: 'operator' })).body as { code: string; builtIn: boolean; spec: BankTemplateSpec }[]
          for (const tpl of templates.filter((x) => x.builtIn || x.code === code)) {
            const res = await t.app.request(`/api/payment-batches/${batch.id}/file?template=${tpl.code}`, { headers: { authorization: `Bearer ${await t.token('operator')}` } })
            expect(res.status).toBe(200)
            const rows = await readBankFile(new Uint8Array(await res.arrayBuffer()), tpl.spec)
            expect(rows.length).toBe(tpl.spec.preamble.length + 1 + bank.length)
            expect(fileAmountsFen(rows, tpl.spec).reduce((a, b) => a + b, 0)).toBe(bankFen)
            expect(res.headers.get('x-total-fen')).toBe(String(bankFen))
          }
        } finally {
          // The next call starts from the same workers without an account (a fixture: the county has only a few).
          await t.database.db.execute(sql`update worker_accounts set retired_at = now() where retired_at is null and worker_id in (${sql.join(members.map((m) => sql`${m.id}::uuid`), sql`, `)})`)
        }
      }),
      { numRuns: 5, seed: 20261205 },
    )
  })
})
