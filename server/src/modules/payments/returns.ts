/**
 * The bank's return file: one row per transfer with success or failure (and its reason). Rows are matched to
 * the batch's bank lines by reference, else by account number and amount. A file is applied once (by its
 * SHA-256); rows already settled the same way change nothing; every row that cannot be applied is reported.
 */
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { parseYuan } from '@gongfang/shared/money'
import { normalizeAccountNumber } from '@gongfang/shared/payments'
import { callerToday, type Caller } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { queryRows, type Db } from '../../db/client.ts'
import { bankReturns } from '../../db/schema/index.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError } from '../../http/problem.ts'
import { SheetError, parseSpreadsheet } from '../../files/import.ts'
import { FIELDS, activeVault, blindIndex } from '../../vault/index.ts'
import { batchOf, loadBatch, markFailed, markPaid, settleBatchIfDone } from './batches.ts'

/** Header words banks use, per meaning (compared without spaces and case). */
const HEADERS = {
  reference: ['参考号', '序号/参考号', '业务参考号', '客户流水号', '流水号', '交易参考号', 'reference', 'ref'],
  account: ['账号', '收款人账号', '收款账号', '卡号', 'account', 'accountnumber'],
  amount: ['金额', '金额（元）', '金额(元)', '交易金额', '实发金额', 'amount'],
  result: ['结果', '处理结果', '交易结果', '状态', '交易状态', 'result', 'status'],
  reason: ['原因', '失败原因', '备注', '说明', 'reason', 'message'],
  date: ['日期', '交易日期', '入账日期', 'date'],
} as const
type Col = keyof typeof HEADERS
const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase()

const SUCCESS = /^(成功|交易成功|已入账|success|succeeded|ok|paid)$/i
const FAILURE = /(失败|退回|退票|拒绝|fail|error|reject|returned)/i

function columnsOf(headers: string[]): Partial<Record<Col, number>> {
  const found: Partial<Record<Col, number>> = {}
  headers.forEach((h, i) => {
    for (const [col, words] of Object.entries(HEADERS) as [Col, readonly string[]][])
      if (found[col] === undefined && words.some((w) => norm(w) === norm(h))) found[col] = i
  })
  return found
}

const dateOf = (s: string): string | null => {
  const m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})/.exec(s.trim())
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null
}

export async function importBankReturn(db: Db, caller: Caller, id: string, file: Uint8Array) {
  authorize(caller, 'payments.batches.write')
  let sheet
  try {
    sheet = await parseSpreadsheet(file)
  } catch (e) {
    if (e instanceof SheetError) throw new ProblemError(422, 'unreadable-file', { zh: `无法读取回单文件：${e.message}`, en: `The return file cannot be read: ${e.message}` })
    throw e
  }
  // The header row may sit below a title: take the first row that names a result column.
  const all = [{ row: 1, cells: sheet.headers }, ...sheet.rows]
  const h = all.findIndex((r) => { const c = columnsOf(r.cells); return c.result !== undefined && (c.reference !== undefined || c.account !== undefined) })
  if (h < 0)
    throw new ProblemError(422, 'no-result-column', {
      zh: '回单中找不到“结果/状态”列以及“参考号”或“账号”列',
      en: 'The return has no "result/status" column together with a "reference" or "account" column',
    })
  const cols = columnsOf(all[h]!.cells)
  const data = all.slice(h + 1)
  const sha256 = createHash('sha256').update(file).digest('hex')

  return db.transaction(async (tx) => {
    const b = await loadBatch(tx, caller, id)
    await tx.execute(sql`select id from payment_batches where id = ${b.id}::uuid for update`)
    const [seen] = await queryRows<{ paid: number; failed: number; errors: { row: number; message: string }[] | string }>(
      tx,
      sql`select paid, failed, errors from bank_returns where batch_id = ${b.id}::uuid and sha256 = ${sha256}`,
    )
    if (seen) {
      const errors = typeof seen.errors === 'string' ? JSON.parse(seen.errors) : seen.errors
      return { applied: false, paid: 0, failed: 0, unchanged: data.length, errors, batch: await batchOf(tx, caller, b.id, { page: 1, pageSize: 200 }) }
    }
    const lines = await queryRows<{ id: number; reference: string; bidx: string | null; amount: number; status: string }>(
      tx,
      sql`select x.id, x.reference, a.account_number_bidx as bidx, x.amount_fen as amount, x.status
        from payment_lines x left join worker_accounts a on a.id = x.account_id where x.batch_id = ${b.id}::uuid and x.method = 'bank'`,
    )
    const byRef = new Map(lines.map((l) => [l.reference, l]))
    const vault = activeVault()
    const today = callerToday(caller)
    const errors: { row: number; message: string }[] = []
    const toPay: { id: number; paidOn: string }[] = []
    const toFail: { id: number; reason: string }[] = []
    const taken = new Set<number>()
    let unchanged = 0
    const cell = (cells: string[], c: Col) => (cols[c] === undefined ? '' : (cells[cols[c]!] ?? '').trim())
    for (const { row, cells } of data) {
      const result = cell(cells, 'result')
      const ok = SUCCESS.test(result)
      const bad = !ok && FAILURE.test(result)
      if (!ok && !bad) { errors.push({ row, message: `无法识别的结果“${result}” / unknown result "${result}"` }); continue }
      let line = byRef.get(cell(cells, 'reference'))
      if (!line) {
        const account = normalizeAccountNumber(cell(cells, 'account'))
        const amount = parseYuan(cell(cells, 'amount'))
        if (account && amount !== null) {
          const bidx = blindIndex(vault, FIELDS.workerAccountNumber, account)
          const candidates = lines.filter((l) => l.bidx === bidx && Number(l.amount) === amount && !taken.has(Number(l.id)))
          if (candidates.length > 1) { errors.push({ row, message: '账号和金额对应多行，请附参考号 / account and amount match several lines; include the reference' }); continue }
          line = candidates[0]
        }
      }
      if (!line) { errors.push({ row, message: '在该批次中找不到对应的银行行（参考号或账号+金额）/ no bank line of this batch matches (reference, or account and amount)' }); continue }
      const lid = Number(line.id)
      if (taken.has(lid)) { errors.push({ row, message: `参考号 ${line.reference} 在文件中出现多次 / reference ${line.reference} appears more than once` }); continue }
      taken.add(lid)
      const want = ok ? 'paid' : 'failed'
      if (line.status === want) { unchanged++; continue }
      if (line.status !== 'pending') {
        errors.push({ row, message: `参考号 ${line.reference} 已记为${line.status === 'paid' ? '已发放' : '失败'}，与回单矛盾 / reference ${line.reference} is already ${line.status}; the return contradicts it` })
        continue
      }
      if (ok) toPay.push({ id: lid, paidOn: dateOf(cell(cells, 'date')) ?? today })
      else toFail.push({ id: lid, reason: cell(cells, 'reason') || result })
    }
    await markPaid(tx, caller, b.id, toPay)
    await markFailed(tx, b.id, toFail)
    await settleBatchIfDone(tx, b.id)
    await tx.insert(bankReturns).values({ batchId: b.id, sha256, paid: toPay.length, failed: toFail.length, errors, byUserId: caller.user?.id ?? null })
    await audit(tx, caller, { action: 'payments.bank-return', targetType: 'payment_batch', targetId: b.id, regionCode: b.regionCode, detail: { sha256, rows: data.length, paid: toPay.length, failed: toFail.length, errors: errors.length } })
    return { applied: true, paid: toPay.length, failed: toFail.length, unchanged, errors, batch: await batchOf(tx, caller, b.id, { page: 1, pageSize: 200 }) }
  })
}
