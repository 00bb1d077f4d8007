import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import { formatFen } from '@gongfang/shared/money'
import { deliverOutbox } from './outbox.ts'
import { useTestApp } from '../../../test/harness.ts'
import { card, openDemoSheet } from '../../../test/wage-fixtures.ts'
import { expectStamped } from '../../../test/xlsx-stamp.ts'
import { queryRows } from '../../db/client.ts'
import { sqlState } from '../../http/problem.ts'

const t = useTestApp()


async function setup(month: string) {
  const { workshopId, members, sheet } = await openDemoSheet<{ id: string }>(t, month)
  const locked = await t.api('POST', `/api/paysheets/${sheet.id}/lock`, { as: 'operator' })
  expect(locked.status).toBe(200)
  return { workshopId, members, sheet: locked.body as { id: string; totalFen: number; lines: { workerId: string; totalFen: number }[] } }
}

async function download(path: string, as: string) {
  const res = await t.app.request(path, { headers: { authorization: `Bearer ${await t.token(as)}` } })
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
}

async function uploadReturn(batchId: string, csv: string, as = 'operator') {
  const form = new FormData()
  form.append('file', new Blob([iconv.encode(csv, 'gbk')]), 'return.csv')
  return t.api('POST', `/api/payment-batches/${batchId}/returns`, { as, body: form })
}

describe('wage accounts', () => {
  test('validated, sealed, masked; a holder other than the worker needs a reason and staff approval', async () => {
    const { members } = await setup('2025-02')
    const w = members[0]!
    const put = (body: unknown, as = 'operator') => t.api('PUT', `/api/workers/${w.id}/account`, { as, body })
    const good = card(1)
    const wrongCheck = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10)
    const bad = await put({ bank: 'zjrcu', accountNumber: wrongCheck, holderName: w.name }, 'operator')
    expect(bad.status).toBe(422)
    expect(JSON.stringify(bad.body)).toContain('校验位')
    const short = await put({ bank: 'zjrcu', accountNumber: '123456789012345', holderName: w.name })
    expect(short.status).toBe(422)
    expect(JSON.stringify(short.body)).toContain('16–19')
    // Refused input changed nothing.
    expect((await t.api('GET', `/api/workers/${w.id}/account`, { as: 'operator' })).body).toBeNull()

    const proxyNoReason = await put({ bank: 'psbc', accountNumber: good, holderName: '王某某' })
    expect(proxyNoReason.status).toBe(422)
    expect(proxyNoReason.body.type).toContain('holder-not-worker')
    const proxy = await put({ bank: 'psbc', accountNumber: `${good.slice(0, 4)} ${good.slice(4)}`, holderName: '王某某', proxyReason: '本人行动不便，由儿子代领' })
    expect(proxy.status).toBe(200)
    expect(proxy.body).toMatchObject({ proxy: true, proxyApproved: false, usable: false, accountNumberMasked: `**** ${good.slice(-4)}`, bankName: '中国邮政储蓄银行' })
    expect(proxy.text).not.toContain(good)
    // The operator who entered it may not approve it; staff of the area may.
    expect((await t.api('POST', `/api/workers/${w.id}/account/approve-proxy`, { as: 'operator' })).status).toBe(403)
    const ok = await t.api('POST', `/api/workers/${w.id}/account/approve-proxy`, { as: 'township' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ proxyApproved: true, usable: true })
    // Staff of another county do not see the worker at all.
    expect((await t.api('GET', `/api/workers/${w.id}/account`, { as: 'longquan' })).status).toBe(404)

    // At rest: ciphertext and a blind index only; the change is audited without the number.
    const rows = await queryRows<{ account_number: string | null; enc: string; bidx: string }>(
      t.database.db,
      sql`select account_number, account_number_enc as enc, account_number_bidx as bidx from worker_accounts where worker_id = ${w.id}::uuid`,
    )
    expect(rows.length).toBe(1)
    expect(rows[0]!.account_number).toBeNull()
    expect(rows[0]!.enc).not.toContain(good)
    const audits = await queryRows<{ detail: unknown }>(t.database.db, sql`select detail from audit_log where action like 'payments.account.%' and target_id = ${w.id}`)
    expect(audits.length).toBe(2)
    expect(JSON.stringify(audits)).not.toContain(good)
  })
})

describe('payment batches', () => {
  test('bank file totals the sheet; a failed line is re-queued and paid by a second batch; cash against a signature; returns apply once', async () => {
    const { members, sheet } = await setup('2025-03')
    const [a, b, c] = members as [{ id: string; name: string }, { id: string; name: string }, { id: string; name: string }]
    const numbers = [card(11), card(12)]
    for (const [i, w] of [a, b].entries())
      expect((await t.api('PUT', `/api/workers/${w.id}/account`, { as: 'operator', body: { bank: 'zjrcu', accountNumber: numbers[i], holderName: w.name } })).status).toBe(200)

    expect((await t.api('POST', '/api/payment-batches', { as: 'enterprise', body: { paysheetIds: [sheet.id] } })).status).toBe(403)
    const made = await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] }, headers: { 'Idempotency-Key': 'batch-march' } })
    expect(made.status).toBe(201)
    const batch = made.body
    expect(batch.number).toMatch(/^PB\d{8}-\d{3}$/)
    expect(batch.totalFen).toBe(sheet.totalFen)
    expect(batch.lineCount).toBe(3)
    expect(batch.lines.find((l: { workerId: string }) => l.workerId === c.id)).toMatchObject({ method: 'cash', accountNumberMasked: null })
    expect(made.text).not.toContain(numbers[0])
    // A retry with the same key answers the same batch; a second batch of the same sheet finds nothing left.
    const again = await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] }, headers: { 'Idempotency-Key': 'batch-march' } })
    expect(again.body.id).toBe(batch.id)
    const dup = await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] } })
    expect(dup.status).toBe(409)

    // The generic GBK CSV: account as text, yuan with two decimals, no totals row; its total is the bank lines' net.
    const file = await download(`/api/payment-batches/${batch.id}/file?template=generic-csv`, 'operator')
    expect(file.status).toBe(200)
    const text = iconv.decode(Buffer.from(file.bytes), 'gbk')
    const rows = text.trim().split('\r\n').map((r) => r.split(','))
    expect(rows[0]).toEqual(['序号/参考号', '收款人账号', '收款人户名', '收款银行', '金额（元）', '用途'])
    expect(rows.length).toBe(3)
    const bankFen = sheet.lines.filter((l) => l.workerId !== c.id).reduce((s, l) => s + l.totalFen, 0)
    expect(rows.slice(1).reduce((s, r) => s + Math.round(Number(r[4]) * 100), 0)).toBe(bankFen)
    expect(rows.slice(1).every((r) => /^\d+\.\d{2}$/.test(r[4]!))).toBe(true)
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual([...numbers].sort())
    expect(file.headers.get('x-total-fen')).toBe(String(bankFen))
    const fileAudit = await queryRows<{ detail: { rows: number; totalFen: number } }>(t.database.db, sql`select detail from audit_log where action = 'payments.bank-file' and target_id = ${batch.id}`)
    expect(fileAudit.map((r) => r.detail)).toEqual([expect.objectContaining({ rows: 2, totalFen: bankFen })])
    expect((await download(`/api/payment-batches/${batch.id}/file?template=no-such`, 'operator')).status).toBe(404)
    // The Excel bank file keeps the bank's layout to the cell; who exported it is only in the properties and the footer.
    const bankXlsx = await download(`/api/payment-batches/${batch.id}/file?template=generic-xlsx`, 'operator')
    expect(bankXlsx.status).toBe(200)
    const bankWb = await expectStamped(bankXlsx.bytes, 'operator', { header: false })
    const bankRows: unknown[][] = []
    bankWb.worksheets[0]!.eachRow((r) => bankRows.push((r.values as unknown[]).slice(1)))
    expect(bankRows[0]).toEqual(rows[0])
    expect(bankRows.length).toBe(rows.length)
    expect(bankRows.flat().join(' ')).not.toMatch(/operator|本文件/)

    // The bank pays a, fails b (matched by account and amount, no reference); an unknown row is reported.
    const lineOf = (id: string) => batch.lines.find((l: { workerId: string }) => l.workerId === id)
    const yuan = (fen: number) => (fen / 100).toFixed(2)
    const ret = [
      '参考号,账号,金额,结果,原因',
      `${lineOf(a.id).reference},${numbers[0]},${yuan(lineOf(a.id).amountFen)},成功,`,
      `,${numbers[1]},${yuan(lineOf(b.id).amountFen)},失败,户名与账号不符`,
      `PB00000000-000-000009,${card(99)},1.00,成功,`,
    ].join('\r\n')
    const r1 = await uploadReturn(batch.id, ret)
    expect(r1.status).toBe(200)
    expect(r1.body).toMatchObject({ applied: true, paid: 1, failed: 1 })
    expect(r1.body.errors).toEqual([expect.objectContaining({ row: 4 })])
    expect(r1.body.batch.reconciliation).toMatchObject({ balanced: true, paidLines: 1, failedLines: 1, unpaidLines: 1, netFen: sheet.totalFen })
    // The same file again changes nothing.
    const r2 = await uploadReturn(batch.id, ret)
    expect(r2.body).toMatchObject({ applied: false, paid: 0, failed: 0 })
    expect(r2.body.batch.reconciliation).toEqual(r1.body.batch.reconciliation)

    // Cash for c, signed; bank lines cannot be paid as cash.
    expect((await t.api('POST', `/api/payment-batches/${batch.id}/cash`, { as: 'operator', body: { lineIds: [lineOf(a.id).id], paidOn: '2025-04-05', signedBy: a.name } })).status).toBe(409)
    const cash = await t.api('POST', `/api/payment-batches/${batch.id}/cash`, { as: 'operator', body: { lineIds: [lineOf(c.id).id], paidOn: '2025-04-05', signedBy: c.name } })
    expect(cash.status).toBe(200)
    expect(cash.body.status).toBe('settled')
    let s = await t.api('GET', `/api/paysheets/${sheet.id}`, { as: 'operator' })
    expect(s.body.status).toBe('locked') // b is not paid yet

    // b's account is fixed; the next batch re-sends only b's line, and its success pays the sheet.
    expect((await t.api('PUT', `/api/workers/${b.id}/account`, { as: 'operator', body: { bank: 'abc', accountNumber: card(13), holderName: b.name } })).status).toBe(200)
    const second = await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] } })
    expect(second.status).toBe(201)
    expect(second.body.lines.map((l: { workerId: string }) => l.workerId)).toEqual([b.id])
    expect(second.body.lines[0].accountNumberMasked).toBe(`**** ${card(13).slice(-4)}`)
    const ref = second.body.lines[0].reference
    const r3 = await uploadReturn(second.body.id, `交易参考号,交易状态,交易日期\r\n${ref},交易成功,20250406\r\n`)
    expect(r3.body).toMatchObject({ applied: true, paid: 1, failed: 0, errors: [] })
    s = await t.api('GET', `/api/paysheets/${sheet.id}`, { as: 'operator' })
    expect(s.body.status).toBe('paid')
    expect(s.body.lines.find((l: { workerId: string }) => l.workerId === b.id)).toMatchObject({ paidOn: '2025-04-06', payMethod: 'bank', payReference: ref })

    const month = await t.api('GET', '/api/payments/reconciliation?month=2025-03', { as: 'township' })
    expect(month.status).toBe(200)
    expect(month.body).toMatchObject({ netFen: sheet.totalFen, paidFen: sheet.totalFen, failedFen: 0, unpaidFen: 0, balanced: true })
    const list = await t.api('GET', '/api/payment-batches', { as: 'operator' })
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([batch.id, second.body.id]))
    expect((await t.api('GET', `/api/payment-batches/${batch.id}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('GET', '/api/payment-batches', { as: 'worker' })).status).toBe(403)
  })

  test('a payment line refers to its batch, account and pay-sheet line; those parents keep their lines', async () => {
    const { members, sheet } = await setup('2025-11')
    const [a, b] = members as [{ id: string; name: string }, { id: string; name: string }]
    expect((await t.api('PUT', `/api/workers/${a.id}/account`, { as: 'operator', body: { bank: 'zjrcu', accountNumber: card(21), holderName: a.name } })).status).toBe(200)
    const batch = (await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] } })).body
    const db = t.database.db
    const [line] = await queryRows<{ id: number; paysheet_line_id: number; account_id: string }>(
      db,
      sql`select id, paysheet_line_id, account_id::text from payment_lines where batch_id = ${batch.id}::uuid and worker_id = ${a.id}::uuid`,
    )
    const code = async (q: Promise<unknown>) => sqlState(await q.then(() => null, (e: unknown) => e))
    const insert = (batchId: string, accountId: string | null, workerId: string) =>
      db.execute(sql`insert into payment_lines (batch_id, paysheet_id, paysheet_line_id, worker_id, amount_fen, method, account_id, reference, seq, status)
        values (${batchId}::uuid, ${sheet.id}::uuid, ${line!.paysheet_line_id}, ${workerId}::uuid, 1, 'bank', ${accountId}::uuid, ${`X-${batchId}-${workerId}-${accountId}`}, 1, 'failed')`)
    const nobody = '00000000-0000-4000-8000-000000000000'
    // A line like those (failed, so not a second live line of the sheet line) passes: the check is not a blanket refusal.
    await insert(batch.id, line!.account_id, a.id)
    // Each reference is checked over the inserted rows: a missing batch, a missing account, a sheet line of another worker.
    expect(await code(insert(nobody, line!.account_id, a.id))).toBe('23503')
    expect(await code(insert(batch.id, nobody, a.id))).toBe('23503')
    expect(await code(insert(batch.id, null, b.id))).toBe('23503')
    // The parents: a batch, an account or a sheet line with payment lines is not deleted, and no key changes.
    expect(await code(db.execute(sql`delete from payment_batches where id = ${batch.id}::uuid`))).toBe('23503')
    expect(await code(db.execute(sql`delete from worker_accounts where id = ${line!.account_id}::uuid`))).toBe('23503')
    expect(await code(db.execute(sql`delete from paysheet_lines where id = ${line!.paysheet_line_id}`))).toBe('23503')
    expect(await code(db.execute(sql`update payment_lines set worker_id = ${b.id}::uuid where id = ${line!.id}`))).toBe('23503')
    expect(await code(db.execute(sql`update payment_batches set id = gen_random_uuid() where id = ${batch.id}::uuid`))).toBe('23503')
    // Nothing refused was kept: the batch has the lines it was made with and the one good insert.
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from payment_lines where batch_id = ${batch.id}::uuid`)
    expect(n!.n).toBe(batch.lineCount + 1)
  })

  test('a draft sheet cannot be batched; an admin adds a bank template as data and it lays out the file', async () => {
    const [ws] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from workshops where name = '东门村香菇分拣共富工坊'`)
    const draft = (await t.api('POST', '/api/paysheets', { as: 'operator', body: { workshopId: ws!.id, month: '2025-10' } })).body
    const refused = await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [draft.id] } })
    expect(refused.status).toBe(409)
    expect(refused.body.type).toContain('not-locked')

    const spec = {
      format: 'csv',
      encoding: 'utf-8',
      preamble: ['代发工资 {date} 共 {count} 笔 合计 {total} 分'],
      columns: [{ header: '账号', field: 'accountNumber' }, { header: '户名', field: 'holderName' }, { header: '金额(分)', field: 'amount' }, { header: '流水号', field: 'reference' }],
      amountUnit: 'fen',
      dateFormat: 'YYYYMMDD',
    }
    expect((await t.api('POST', '/api/bank-templates', { as: 'operator', body: { code: 'zjrcu-fen', name: '农信（分）', spec } })).status).toBe(403)
    const added = await t.api('POST', '/api/bank-templates', { as: 'admin', body: { code: 'zjrcu-fen', name: '农信（分）', spec } })
    expect(added.status).toBe(201)
    expect((await t.api('POST', '/api/bank-templates', { as: 'admin', body: { code: 'zjrcu-fen', name: 'x', spec } })).status).toBe(409)

    const { members, sheet } = await setup('2025-05')
    const w = members[0]!
    await t.api('PUT', `/api/workers/${w.id}/account`, { as: 'operator', body: { bank: 'zjrcu', accountNumber: card(21), holderName: w.name } })
    const batch = (await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] } })).body
    const file = await download(`/api/payment-batches/${batch.id}/file?template=zjrcu-fen`, 'operator')
    const lines = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, '').trim().split('\r\n')
    // Workers of the earlier test keep their accounts: every bank line is in the file, the preamble counts them.
    type Line = { workerId: string; method: string; amountFen: number; reference: string }
    const bank = (batch.lines as Line[]).filter((l) => l.method === 'bank')
    const total = bank.reduce((a, l) => a + l.amountFen, 0)
    expect(lines[0]).toMatch(new RegExp(`^代发工资 \\d{8} 共 ${bank.length} 笔 合计 ${total} 分$`))
    expect(lines[1]).toBe('账号,户名,金额(分),流水号')
    const mine = bank.find((l) => l.workerId === w.id)!
    expect(lines.slice(2)).toContain(`${card(21)},${w.name},${sheet.lines.find((l) => l.workerId === w.id)!.totalFen},${mine.reference}`)
    expect(lines.length).toBe(2 + bank.length)
  })
})

describe('pay slips and the wage ledger', () => {
  test("the worker's slip equals the sheet line and the records behind it; receipt confirmed once; a paid month cannot be changed", async () => {
    const [ws] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from workshops where name = '东门村香菇分拣共富工坊'`)
    const [me] = await queryRows<{ id: string }>(t.database.db, sql`select worker_id::text as id from users where username = 'worker'`)
    const product = async (name: string, rate: number) => (await t.api('POST', '/api/work-products', { as: 'operator', body: { workshopId: ws!.id, name, workerRateCentifen: rate } })).body.id as string
    const [a, b] = [await product('香菇分拣', 2345), await product('竹编杯垫', 150_000)]
    const lines = [
      { workerId: me!.id, workDate: '2025-07-03', productId: a, goodQty: 800 },
      { workerId: me!.id, workDate: '2025-07-04', productId: a, goodQty: 650, rejectedQty: 3 },
      { workerId: me!.id, workDate: '2025-07-04', productId: b, goodQty: 4 },
    ]
    expect((await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId: ws!.id, lines } })).status).toBe(201)
    const open = (await t.api('POST', '/api/paysheets', { as: 'operator', body: { workshopId: ws!.id, month: '2025-07' } })).body
    const sheet = (await t.api('POST', `/api/paysheets/${open.id}/lock`, { as: 'operator' })).body
    const line = sheet.lines.find((l: { workerId: string }) => l.workerId === me!.id)

    // Before payment: the slip exists (figures final), unpaid, and cannot be confirmed.
    let slips = (await t.api('GET', '/api/payslips?month=2025-07', { as: 'worker' })).body
    expect(slips).toHaveLength(1)
    expect(slips[0]).toMatchObject({ sheetStatus: 'locked', paidOn: null, daysWorked: 2, grossFen: line.grossFen, netFen: line.totalFen })
    expect(slips[0].items).toEqual([
      { product: '竹编杯垫', rateCentifen: 150_000, goodQty: 4, amountFen: 6000 },
      { product: '香菇分拣', rateCentifen: 2345, goodQty: 1450, amountFen: 18760 + 15243 },
    ])
    expect(slips[0].items.reduce((s: number, i: { amountFen: number }) => s + i.amountFen, 0)).toBe(line.grossFen)
    expect((await t.api('POST', `/api/payslips/${line.id}/confirm`, { as: 'worker' })).status).toBe(409)

    // Paid through a batch: cash lines signed for, bank lines by the bank's return (earlier tests gave some accounts).
    const batch = (await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] } })).body
    type BLine = { id: number; method: string; reference: string; workerId: string }
    const cashLines = (batch.lines as BLine[]).filter((l) => l.method === 'cash').map((l) => l.id)
    if (cashLines.length)
      expect((await t.api('POST', `/api/payment-batches/${batch.id}/cash`, { as: 'operator', body: { lineIds: cashLines, paidOn: '2025-08-05', signedBy: '叶秀英' } })).status).toBe(200)
    const bankRefs = (batch.lines as BLine[]).filter((l) => l.method === 'bank').map((l) => l.reference)
    if (bankRefs.length) expect((await uploadReturn(batch.id, ['参考号,结果,日期', ...bankRefs.map((r) => `${r},成功,2025-08-05`)].join('\r\n'))).body.paid).toBe(bankRefs.length)
    const mine = (batch.lines as BLine[]).find((l) => l.workerId === me!.id)!
    slips = (await t.api('GET', '/api/payslips?month=2025-07', { as: 'worker' })).body
    expect(slips[0]).toMatchObject({ sheetStatus: 'paid', paidOn: '2025-08-05', payMethod: mine.method, receiptConfirmedAt: null })
    const c1 = await t.api('POST', `/api/payslips/${line.id}/confirm`, { as: 'worker' })
    expect(c1.status).toBe(200)
    const c2 = await t.api('POST', `/api/payslips/${line.id}/confirm`, { as: 'worker' })
    expect(c2.body.confirmedAt).toBe(c1.body.confirmedAt)
    // Payers read a named worker's slip; another worker's line is not the worker's to confirm.
    expect((await t.api('GET', `/api/payslips?month=2025-07&workerId=${me!.id}`, { as: 'operator' })).body[0].netFen).toBe(line.totalFen)
    expect((await t.api('GET', '/api/payslips?month=2025-07', { as: 'operator' })).status).toBe(422)
    const other = sheet.lines.find((l: { workerId: string }) => l.workerId !== me!.id)
    if (other) expect((await t.api('POST', `/api/payslips/${other.id}/confirm`, { as: 'worker' })).status).toBe(404)

    // One notice per paid line waits in the outbox; the sender delivers it once, a failing gateway is retried.
    const [msg] = await queryRows<{ id: number; body: string; status: string }>(
      t.database.db,
      sql`select o.id, o.body, o.status from outbox_messages o join payment_lines x on o.dedupe_key = 'wage-paid:' || x.id where x.id = ${mine.id}`,
    )
    const netText = formatFen(line.totalFen, { symbol: '' })
    expect(msg!.body).toContain(`您 7 月工资 ${netText} 元已于 8 月 5 日`)
    const failing = async () => { throw new Error('gateway down') }
    await deliverOutbox(t.database.db, failing)
    const [retry] = await queryRows<{ status: string; attempts: number }>(t.database.db, sql`select status, attempts from outbox_messages where id = ${msg!.id}`)
    expect(retry).toMatchObject({ status: 'pending', attempts: 1 })
    const got: string[] = []
    await deliverOutbox(t.database.db, async (m) => { got.push(m.body); return 'sent' })
    await deliverOutbox(t.database.db, async (m) => { got.push(m.body); return 'sent' })
    expect(got.filter((b) => b === msg!.body)).toHaveLength(1)

    // The wage ledger: legal fields with the full ID number (a permission of its own), audited with its rows.
    expect((await t.api('GET', `/api/paysheets/${sheet.id}/ledger.xlsx`, { as: 'enterprise' })).status).toBe(403)
    const ledger = await download(`/api/paysheets/${sheet.id}/ledger.xlsx`, 'operator')
    expect(ledger.status).toBe(200)
    const wb = await expectStamped(ledger.bytes, 'operator')
    const ws1 = wb.worksheets[0]!
    const header = (ws1.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(expect.arrayContaining(['姓名', '身份证号', '联系电话', '出工天数', '实发工资（元）', '发放日期', '银行流水/参考号', '本人签收']))
    const idCol = header.indexOf('身份证号') + 1
    const nameCol = header.indexOf('姓名') + 1
    const mineRow = ws1.getRows(2, ws1.rowCount - 1)!.find((r) => r.getCell(nameCol).value === line.workerName)!
    expect(String(mineRow.getCell(idCol).value)).toMatch(/^\d{17}[\dX]$/)
    expect(String(mineRow.getCell(header.indexOf('实发工资（元）') + 1).value)).toBe((line.totalFen / 100).toFixed(2))
    const [la] = await queryRows<{ detail: { rows: number } }>(t.database.db, sql`select detail from audit_log where action = 'payments.ledger' and target_id = ${sheet.id}`)
    expect(la!.detail.rows).toBe(sheet.lines.length)

    // The ledger of a paid month refuses edits and deletes, in the database itself.
    await expect(t.database.db.execute(sql`update paysheet_lines set total_fen = total_fen + 1 where id = ${line.id}`)).rejects.toThrow()
    await expect(t.database.db.execute(sql`delete from paysheet_lines where id = ${line.id}`)).rejects.toThrow()
    await expect(t.database.db.execute(sql`update paysheets set total_fen = 0 where id = ${sheet.id}::uuid`)).rejects.toThrow()
    await expect(t.database.db.execute(sql`update payment_lines set amount_fen = 1 where batch_id = ${batch.id}::uuid`)).rejects.toThrow()
    const [still] = await queryRows<{ total: number }>(t.database.db, sql`select total_fen as total from paysheet_lines where id = ${line.id}`)
    expect(Number(still!.total)).toBe(line.totalFen)
  })
})
