import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../test/harness.ts'
import { queryRows } from '../db/client.ts'

const t = useTestApp()

test('the small demo pays the operator’s last paid month through batches: a return with one failure, re-sent, the sheet paid and reconciled', async () => {
  const list = await t.api('GET', '/api/payment-batches', { as: 'operator' })
  expect(list.status).toBe(200)
  expect(list.body.total).toBeGreaterThanOrEqual(2)
  const batches = list.body.items as { id: string; status: string; totalFen: number }[]
  expect(batches.every((b) => b.status === 'settled')).toBe(true)
  // A return was applied (one row per bank transfer), the first with a failure.
  const returns = await queryRows<{ batch_id: string }>(t.database.db, sql`select batch_id::text from bank_returns`)
  expect(new Set(returns.map((r) => r.batch_id))).toEqual(new Set(batches.map((b) => b.id)))
  const [failed] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from payment_lines where status = 'failed'`)
  expect(failed!.n).toBe(1)
  // The month the batches paid: its sheet is paid, every line paid once, and the reconciliation balances.
  const [sheet] = await queryRows<{ id: string; month: string; status: string; total: number }>(
    t.database.db,
    sql`select distinct p.id::text, p.month, p.status, p.total_fen as total from payment_lines x join paysheets p on p.id = x.paysheet_id`,
  )
  expect(sheet!.status).toBe('paid')
  const paidLines = await queryRows<{ amount: number }>(t.database.db, sql`select amount_fen as amount from payment_lines where status = 'paid'`)
  expect(paidLines.reduce((s, l) => s + Number(l.amount), 0)).toBe(Number(sheet!.total))
  const rec = await t.api('GET', `/api/payments/reconciliation?month=${sheet!.month}`, { as: 'operator' })
  expect(rec.body).toMatchObject({ balanced: true, paidFen: Number(sheet!.total), failedFen: 0, unpaidFen: 0 })
  // The demo worker's slip says how: by bank, to her card's last four digits.
  const slips = await t.api('GET', `/api/payslips?month=${sheet!.month}`, { as: 'worker' })
  expect(slips.body[0]).toMatchObject({ sheetStatus: 'paid', payMethod: 'bank', accountLast4: expect.stringMatching(/^\d{4}$/) })
})
