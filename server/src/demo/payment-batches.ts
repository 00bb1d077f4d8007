/**
 * Demo wage payments through the product's own services, so the payments pages of the `operator` account
 * show real batches: the demo workshop's last paid month is paid by a bank batch whose return has one failed
 * transfer (the first), re-sent in a second batch; anyone left without an account would be paid in cash.
 */
import { and, eq, sql } from 'drizzle-orm'
import { luhnCheckDigit } from '@gongfang/shared/payments'
import { addMonths, fixedClock } from '@gongfang/shared/clock'
import { queryRows, type Db } from '../db/client.ts'
import { users } from '../db/schema/index.ts'
import { toAuthUser } from '../auth/session.ts'
import { scopeOf } from '../auth/scope.ts'
import { systemCaller } from '../auth/caller.ts'
import { setWorkerAccount } from '../modules/payments/accounts.ts'
import { createBatch, payCash } from '../modules/payments/batches.ts'
import { bankFileLines } from '../modules/payments/bank-files.ts'
import { importBankReturn } from '../modules/payments/returns.ts'

/** A UnionPay-style card number (622848…, Luhn), distinct per seed. */
const card = (seed: number) => {
  const body = `622848${String(900_000_000_000 + seed).padStart(12, '0')}`
  return body + luhnCheckDigit(body)
}

/** The bank's answer: every transfer succeeded, except `fail` (by reference) when given. */
const returnCsv = (refs: readonly string[], date: string, fail?: string) =>
  new TextEncoder().encode(['参考号,结果,日期,原因', ...refs.map((r) => (r === fail ? `${r},失败,${date},户名与账号不符` : `${r},成功,${date},`))].join('\r\n'))

/** Pays the operator's locked sheet of `month` (left unpaid by the work-record seed for this). */
export async function seedDemoBatches(db: Db, month: string): Promise<void> {
  const [u] = await db.select().from(users).where(and(eq(users.username, 'operator'), eq(users.role, 'operator')))
  if (!u) return
  const user = toAuthUser(u)
  const scope = await scopeOf(db, user)
  // Made on the days they would have been: the batch on the 4th of the next month, the re-sent one on the 6th.
  const on = (day: string) => systemCaller({ user, scope, clock: fixedClock(`${addMonths(month, 1)}-${day}T09:30:00+08:00`) })
  const caller = on('04')
  const [sheet] = await queryRows<{ id: string }>(
    db,
    sql`select p.id::text from paysheets p join workshops w on w.id = p.workshop_id
        where w.operator_user_id = ${user.id}::uuid and p.month = ${month} and p.status = 'locked' order by w.name limit 1`,
  )
  if (!sheet) return
  const members = await queryRows<{ id: string; name: string }>(
    db,
    sql`select l.worker_id::text as id, l.worker_name as name from paysheet_lines l where l.paysheet_id = ${sheet.id}::uuid order by l.worker_name, l.worker_id`,
  )
  // Everyone on the sheet has a card at the rural commercial bank.
  for (const [i, m] of members.entries())
    await setWorkerAccount(db, caller, m.id, { bank: 'zjrcu', accountType: 'bank_card', accountNumber: card(i + 1), holderName: m.name })
  const paidOn = `${addMonths(month, 1)}-05`
  const first = (await createBatch(db, caller, { paysheetIds: [sheet.id], note: '演示：月度工资代发' }, null)).body
  const refs = (await bankFileLines(db, first.id)).map((l) => l.reference)
  await importBankReturn(db, caller, first.id, returnCsv(refs, paidOn, refs[0]))
  const cash = first.lines.filter((l) => l.method === 'cash')
  for (const l of cash) await payCash(db, caller, first.id, { lineIds: [l.id], paidOn, signedBy: l.workerName })
  if (refs.length === 0) return
  // The failed transfer, re-sent after the account was checked, two days later.
  const later = on('06')
  const second = (await createBatch(db, later, { paysheetIds: [sheet.id], note: '演示：失败重发' }, null)).body
  const again = (await bankFileLines(db, second.id)).map((l) => l.reference)
  await importBankReturn(db, later, second.id, returnCsv(again, `${addMonths(month, 1)}-07`))
}
