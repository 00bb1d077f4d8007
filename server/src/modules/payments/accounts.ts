/**
 * Workers' accounts for wages: bank, type, number (sealed, shown as its last 4), holder. A holder other than
 * the worker is proxy collection (代领): it needs a reason, and pay goes there only once staff approve it.
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { BANKS, maskAccountNumber, type BankCode, type WorkerAccount, type WorkerAccountSetSchema } from '@gongfang/shared/payments'
import type { Db, DbOrTx } from '../../db/client.ts'
import { workerAccounts, workers } from '../../db/schema/index.ts'
import { authorize } from '../../auth/access/index.ts'
import { accountWorkerRows } from '../../auth/access/payments.ts'
import type { Caller } from '../../auth/caller.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { FIELDS, activeVault, blindIndex, seal } from '../../vault/index.ts'

const WORKER = { zh: '劳动者', en: 'Worker' }
const ACCOUNT = { zh: '工资账户', en: 'Wage account' }

/** The name compared with the holder: spaces and the middle dot of minority names do not count. */
const sameName = (a: string, b: string) => a.replace(/[\s·•．.]/g, '') === b.replace(/[\s·•．.]/g, '')

type AccountRow = typeof workerAccounts.$inferSelect

export function accountView(a: AccountRow, workerName: string): WorkerAccount {
  const proxy = !sameName(a.holderName, workerName)
  return {
    id: a.id,
    workerId: a.workerId,
    workerName,
    bank: a.bank as BankCode,
    bankName: BANKS[a.bank as BankCode]?.zh ?? a.bank,
    accountType: a.accountType as WorkerAccount['accountType'],
    accountNumberMasked: `**** ${a.last4}`,
    holderName: a.holderName,
    proxy,
    proxyReason: a.proxyReason,
    proxyApproved: proxy && a.proxyApprovedAt !== null,
    usable: !proxy || a.proxyApprovedAt !== null,
    createdAt: a.createdAt.toISOString(),
  }
}

async function workerInScope(db: DbOrTx, caller: Caller, workerId: string) {
  const [w] = await db
    .select({ id: workers.id, name: workers.name, regionCode: workers.regionCode })
    .from(workers)
    .where(and(eq(workers.id, workerId), accountWorkerRows(caller.scope)))
  if (!w) throw notFound(WORKER)
  return w
}

/** The worker's current account, masked (null when none is recorded). */
export async function getWorkerAccount(db: DbOrTx, caller: Caller, workerId: string): Promise<WorkerAccount | null> {
  authorize(caller, 'payments.accounts.read')
  const w = await workerInScope(db, caller, workerId)
  const [a] = await db.select().from(workerAccounts).where(and(eq(workerAccounts.workerId, w.id), isNull(workerAccounts.retiredAt)))
  return a ? accountView(a, w.name) : null
}

/** Records a new account (the old one is retired, never overwritten: batches keep pointing at theirs). */
export async function setWorkerAccount(db: Db, caller: Caller, workerId: string, input: z.output<typeof WorkerAccountSetSchema>): Promise<WorkerAccount> {
  const user = authorize(caller, 'payments.accounts.write')
  return db.transaction(async (tx) => {
    const w = await workerInScope(tx, caller, workerId)
    const proxy = !sameName(input.holderName, w.name)
    if (proxy && !input.proxyReason)
      throw new ProblemError(422, 'holder-not-worker', {
        zh: `户名“${input.holderName}”不是劳动者本人（${w.name}）：代领须填写原因，并经工作人员审核`,
        en: `The holder "${input.holderName}" is not the worker (${w.name}): collection by someone else needs a reason and staff approval`,
      })
    await tx.execute(sql`select id from workers where id = ${w.id}::uuid for update`)
    await tx.update(workerAccounts).set({ retiredAt: caller.clock.now() }).where(and(eq(workerAccounts.workerId, w.id), isNull(workerAccounts.retiredAt)))
    const vault = activeVault()
    const [a] = await tx
      .insert(workerAccounts)
      .values({
        workerId: w.id,
        bank: input.bank,
        accountType: input.accountType,
        accountNumberEnc: seal(vault, FIELDS.workerAccountNumber, input.accountNumber),
        accountNumberBidx: blindIndex(vault, FIELDS.workerAccountNumber, input.accountNumber),
        last4: input.accountNumber.slice(-4),
        holderName: input.holderName,
        proxyReason: proxy ? (input.proxyReason ?? null) : null,
        createdBy: user.id,
      })
      .returning()
    await audit(tx, caller, {
      action: 'payments.account.set',
      targetType: 'worker',
      targetId: w.id,
      regionCode: w.regionCode,
      detail: { bank: input.bank, accountType: input.accountType, account: maskAccountNumber(input.accountNumber), proxy },
    })
    return accountView(a!, w.name)
  })
}

/** Staff approve collection by someone other than the worker (代领). */
export async function approveProxy(db: Db, caller: Caller, workerId: string): Promise<WorkerAccount> {
  const user = authorize(caller, 'payments.accounts.approve-proxy')
  return db.transaction(async (tx) => {
    const w = await workerInScope(tx, caller, workerId)
    const [a] = await tx.select().from(workerAccounts).where(and(eq(workerAccounts.workerId, w.id), isNull(workerAccounts.retiredAt))).for('update')
    if (!a) throw notFound(ACCOUNT)
    if (sameName(a.holderName, w.name)) throw new ProblemError(409, 'not-proxy', { zh: '该账户户名即本人，无需审核代领', en: 'The holder is the worker: there is no proxy to approve' })
    if (a.proxyApprovedAt) return accountView(a, w.name)
    const [b] = await tx.update(workerAccounts).set({ proxyApprovedAt: caller.clock.now(), proxyApprovedBy: user.id }).where(eq(workerAccounts.id, a.id)).returning()
    await audit(tx, caller, { action: 'payments.account.approve-proxy', targetType: 'worker', targetId: w.id, regionCode: w.regionCode, detail: { holder: a.holderName } })
    return accountView(b!, w.name)
  })
}
