import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import { useTestApp } from '../../../test/harness.ts'
import { card, openDemoSheet } from '../../../test/wage-fixtures.ts'
import { expectStamped } from '../../../test/xlsx-stamp.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()


interface Line { id: number | null; workerId: string; grossFen: number; adjustmentsFen: number; deductionsFen: number; totalFen: number }
interface Sheet { id: string; status: string; totalFen: number; deductionsFen: number; lines: Line[]; deductions: { id: string; workerId: string; status: string; amountFen: number; reason: string }[] }

/** An open sheet of the demo workshop with three workers' piece work (100, 200, 300 pieces at 0.50 yuan). */
const openSheet = (month: string) => openDemoSheet<Sheet>(t, month)

const lineOf = (s: Sheet, workerId: string) => s.lines.find((l) => l.workerId === workerId)!

test('deductions: only approved ones lower the net, never below zero; the lock, hash, bank file, slip and ledger carry the net', async () => {
  const { members, sheet } = await openSheet('2025-04')
  const [a, b] = members as [{ id: string; name: string }, { id: string; name: string }]
  const grossA = lineOf(sheet, a.id).grossFen
  expect(grossA).toBe(5000) // 100 pieces × 50 fen
  const path = `/api/paysheets/${sheet.id}/deductions`
  const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from paysheet_deductions`))[0]!.n

  // Refused requests change nothing: no reason, an unknown code, a role that keeps no books, more than the line earns.
  const noReason = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'utilities', amountFen: 1000, reason: ' ' } })
  expect(noReason.status).toBe(422)
  expect(JSON.stringify(noReason.body)).toContain('扣款原因')
  expect((await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'fine', amountFen: 1000, reason: '迟到罚款' } })).status).toBe(422)
  expect((await t.api('POST', path, { as: 'enterprise', body: { workerId: a.id, code: 'utilities', amountFen: 1000, reason: '六月水电费' } })).status).toBe(403)
  const tooMuch = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'advance_recovery', amountFen: grossA + 1, reason: '借支扣回' } })
  expect(tooMuch.status).toBe(422)
  expect(tooMuch.body.type).toContain('net-negative')
  expect(tooMuch.body.title).toContain('实发不能为负')
  const tooMuchEn = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'advance_recovery', amountFen: grossA + 1, reason: '借支扣回' }, headers: { 'Accept-Language': 'en' } })
  expect(tooMuchEn.body.title).toContain('net pay cannot be negative')
  expect(await count()).toBe(0)

  // Entered: pending, the net unchanged.
  const added = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'utilities', amountFen: 1200, reason: '四月宿舍水电费' } })
  expect(added.status).toBe(200)
  expect(added.body.deductions).toHaveLength(1)
  expect(added.body.deductions[0]).toMatchObject({ workerId: a.id, workerName: a.name, status: 'pending', amountFen: 1200, reason: '四月宿舍水电费' })
  expect(lineOf(added.body, a.id)).toMatchObject({ deductionsFen: 0, totalFen: grossA })
  const dId = added.body.deductions[0].id as string

  // Only staff approve, and never their own entry.
  expect((await t.api('POST', `${path}/${dId}/approve`, { as: 'operator' })).status).toBe(403)
  const monthCard = async () =>
    ((await t.api('GET', `/api/work-records/earnings?month=2025-04&workerId=${a.id}`, { as: 'operator' })).body.months as { month: string; amountFen: number; netFen: number }[]).find((m) => m.month === '2025-04')!
  expect(await monthCard()).toMatchObject({ amountFen: grossA, netFen: grossA }) // pending: not yet counted
  const ok = await t.api('POST', `${path}/${dId}/approve`, { as: 'township' })
  expect(ok.status).toBe(200)
  expect(lineOf(ok.body, a.id)).toMatchObject({ deductionsFen: 1200, totalFen: grossA - 1200 })
  // The worker's month card shows the net once approved, while the sheet is still open.
  expect(await monthCard()).toMatchObject({ amountFen: grossA, netFen: grossA - 1200 })
  expect(ok.body.deductionsFen).toBe(1200)
  expect((await t.api('POST', `${path}/${dId}/approve`, { as: 'township' })).status).toBe(409)
  const own = await t.api('POST', path, { as: 'township', body: { workerId: b.id, code: 'other', amountFen: 100, reason: '工具遗失' } })
  const ownId = (own.body.deductions as { id: string; workerId: string }[]).find((d) => d.workerId === b.id)!.id
  const self = await t.api('POST', `${path}/${ownId}/approve`, { as: 'township' })
  expect(self.status).toBe(403)
  expect(self.body.type).toContain('self-approval')

  // A second deduction that fits alone but not with the approved one: entered is refused at once.
  const over = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'damage_compensation', amountFen: grossA - 1200 + 1, reason: '损坏托盘' } })
  expect(over.status).toBe(422)

  // A pending deduction blocks the lock; removed, the lock goes through.
  const blocked = await t.api('POST', `/api/paysheets/${sheet.id}/lock`, { as: 'operator' })
  expect(blocked.status).toBe(409)
  expect(blocked.body.type).toContain('deductions-pending')
  expect((await t.api('DELETE', `${path}/${ownId}`, { as: 'operator' })).status).toBe(200)
  const locked = await t.api('POST', `/api/paysheets/${sheet.id}/lock`, { as: 'operator' })
  expect(locked.status).toBe(200)
  const ls = locked.body as Sheet
  expect(lineOf(ls, a.id)).toMatchObject({ grossFen: grossA, deductionsFen: 1200, totalFen: grossA - 1200 })
  expect(ls.totalFen).toBe(ls.lines.reduce((s, l) => s + l.grossFen + l.adjustmentsFen, 0) - 1200)
  expect(ls.totalFen).toBe(ls.lines.reduce((s, l) => s + l.totalFen, 0))
  expect((await t.api('GET', `/api/paysheets/${sheet.id}/verify`, { as: 'operator' })).body).toMatchObject({ valid: true })
  // The database itself refuses to change the deductions of a locked sheet, whoever writes: update, delete, insert.
  const refused = async (q: ReturnType<typeof sql>) => {
    const e = await t.database.db.execute(q).then(() => null, (err: unknown) => err as { message?: string; cause?: { message?: string } })
    expect(e, 'the direct write went through').not.toBeNull()
    expect(`${e!.message} ${e!.cause?.message ?? ''}`).toContain('deductions of a locked pay sheet cannot be changed')
  }
  await refused(sql`update paysheet_deductions set amount_fen = 1100 where id = ${dId}::uuid`)
  await refused(sql`update paysheet_deductions set status = 'rejected' where id = ${dId}::uuid`)
  await refused(sql`delete from paysheet_deductions where id = ${dId}::uuid`)
  await refused(sql`insert into paysheet_deductions (paysheet_id, worker_id, code, amount_fen, reason, status) values (${sheet.id}::uuid, ${b.id}::uuid, 'other', 100, '锁定后补扣', 'approved')`)
  expect((await queryRows<{ n: number; fen: number }>(t.database.db, sql`select count(*)::int as n, sum(amount_fen)::int as fen from paysheet_deductions where paysheet_id = ${sheet.id}::uuid`))[0]).toEqual({ n: 1, fen: 1200 })
  // The hash covers the deduction too: a change made with the triggers switched off (a superuser's) is detected.
  const tamper = (fen: number) =>
    t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`)
      await tx.execute(sql`update paysheet_deductions set amount_fen = ${fen} where id = ${dId}::uuid`)
    })
  await tamper(1100)
  expect((await t.api('GET', `/api/paysheets/${sheet.id}/verify`, { as: 'operator' })).body.valid).toBe(false)
  await tamper(1200)

  // Locked: no more changes.
  expect((await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'utilities', amountFen: 1, reason: '补扣水费' } })).status).toBe(409)
  expect((await t.api('DELETE', `${path}/${dId}`, { as: 'operator' })).status).toBe(409)
  expect((await t.api('GET', path, { as: 'operator' })).body).toHaveLength(1)

  // The bank file pays Σ net after deductions, to the fen.
  for (const [i, w] of members.entries())
    expect((await t.api('PUT', `/api/workers/${w.id}/account`, { as: 'operator', body: { bank: 'zjrcu', accountNumber: card(40 + i), holderName: w.name } })).status).toBe(200)
  const batch = await t.api('POST', '/api/payment-batches', { as: 'operator', body: { paysheetIds: [sheet.id] } })
  expect(batch.status).toBe(201)
  expect(batch.body.totalFen).toBe(ls.totalFen)
  const res = await t.app.request(`/api/payment-batches/${batch.body.id}/file?template=generic-csv`, { headers: { authorization: `Bearer ${await t.token('operator')}` } })
  const rows = iconv.decode(Buffer.from(await res.arrayBuffer()), 'gbk').trim().split('\r\n').slice(1).map((r) => r.split(','))
  expect(rows.reduce((s, r) => s + Math.round(Number(r[4]) * 100), 0)).toBe(ls.totalFen)
  expect(res.headers.get('x-total-fen')).toBe(String(ls.totalFen))

  // The slip equals the line and lists the deduction with its reason.
  const slip = (await t.api('GET', `/api/payslips?month=2025-04&workerId=${a.id}`, { as: 'operator' })).body[0]
  expect(slip).toMatchObject({ grossFen: grossA, deductionsFen: 1200, netFen: grossA - 1200 })
  expect(slip.deductions).toEqual([{ code: 'utilities', amountFen: 1200, reason: '四月宿舍水电费' }])
  expect(slip.grossFen + slip.adjustmentsFen - slip.deductionsFen).toBe(slip.netFen)
  // The worker's month card shows the slip's net, not the gross.
  expect(await monthCard()).toMatchObject({ amountFen: grossA, netFen: slip.netFen })

  // The wage ledger itemises it.
  const ledger = await t.app.request(`/api/paysheets/${sheet.id}/ledger.xlsx`, { headers: { authorization: `Bearer ${await t.token('operator')}` } })
  const wb = await expectStamped(new Uint8Array(await ledger.arrayBuffer()), 'operator')
  const ws1 = wb.worksheets[0]!
  const header = (ws1.getRow(1).values as unknown[]).slice(1)
  const row = ws1.getRows(2, ws1.rowCount - 1)!.find((r) => r.getCell(header.indexOf('姓名') + 1).value === a.name)!
  expect(String(row.getCell(header.indexOf('扣款（元）') + 1).value)).toBe('12.00')
  expect(String(row.getCell(header.indexOf('扣款项目及事由') + 1).value)).toBe('代扣水电 12.00 元：四月宿舍水电费')
  expect(String(row.getCell(header.indexOf('实发工资（元）') + 1).value)).toBe(((grossA - 1200) / 100).toFixed(2))
})

test('approving checks the net again: two deductions that fit alone but not together', async () => {
  const { members, sheet } = await openSheet('2025-05')
  const a = members[0]!
  const gross = lineOf(sheet, a.id).grossFen
  const path = `/api/paysheets/${sheet.id}/deductions`
  const one = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'advance_recovery', amountFen: gross - 100, reason: '借支扣回（三月）' } })
  const two = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'utilities', amountFen: 200, reason: '五月水电费' } })
  expect([one.status, two.status]).toEqual([200, 200])
  const ids = (two.body.deductions as { id: string; amountFen: number }[]).map((d) => d.id)
  expect((await t.api('POST', `${path}/${ids[0]}/approve`, { as: 'qingyuan' })).status).toBe(200)
  const refused = await t.api('POST', `${path}/${ids[1]}/approve`, { as: 'qingyuan' })
  expect(refused.status).toBe(422)
  expect(refused.body.title).toContain('超出 1.00 元')
  const after = (await t.api('GET', `/api/paysheets/${sheet.id}`, { as: 'operator' })).body as Sheet
  expect(lineOf(after, a.id).totalFen).toBe(100)
  expect(after.deductions.map((d) => d.status).sort()).toEqual(['approved', 'pending'])
  // Another county's staff do not see the sheet at all.
  expect((await t.api('POST', `${path}/${ids[1]}/approve`, { as: 'longquan' })).status).toBe(404)
})

test('staff reject a pending deduction with a reason: audited, listed as rejected, never counted, and the lock goes through', async () => {
  const { members, sheet } = await openSheet('2025-06')
  const a = members[0]!
  const gross = lineOf(sheet, a.id).grossFen
  const path = `/api/paysheets/${sheet.id}/deductions`
  const added = await t.api('POST', path, { as: 'operator', body: { workerId: a.id, code: 'utilities', amountFen: 700, reason: '六月水电费' } })
  expect(added.status).toBe(200)
  const dId = (added.body.deductions as { id: string }[])[0]!.id

  // Only staff, never the one who entered it, and always with a reason in words.
  expect((await t.api('POST', `${path}/${dId}/reject`, { as: 'operator', body: { reason: '重复录入' } })).status).toBe(403)
  const noReason = await t.api('POST', `${path}/${dId}/reject`, { as: 'township', body: { reason: ' ' } })
  expect(noReason.status).toBe(422)
  expect(JSON.stringify(noReason.body)).toContain('驳回原因')
  const own = await t.api('POST', path, { as: 'township', body: { workerId: a.id, code: 'other', amountFen: 50, reason: '工具遗失' } })
  const ownId = (own.body.deductions as { id: string; reason: string }[]).find((d) => d.reason === '工具遗失')!.id
  expect((await t.api('POST', `${path}/${ownId}/reject`, { as: 'township', body: { reason: '自己驳回' } })).body.type).toContain('self-approval')
  expect((await t.api('DELETE', `${path}/${ownId}`, { as: 'township' })).status).toBe(200)

  const rejected = await t.api('POST', `${path}/${dId}/reject`, { as: 'township', body: { reason: '宿舍本月免收水电' } })
  expect(rejected.status).toBe(200)
  const s = rejected.body as Sheet & { deductions: { rejectReason: string | null; rejectedAt: string | null }[] }
  expect(s.deductions).toHaveLength(1)
  expect(s.deductions[0]).toMatchObject({ id: dId, status: 'rejected', amountFen: 700, reason: '六月水电费', rejectReason: '宿舍本月免收水电' })
  expect(s.deductions[0]!.rejectedAt).not.toBeNull()
  expect(lineOf(s, a.id)).toMatchObject({ deductionsFen: 0, totalFen: gross })
  // Decided once: neither approved nor rejected again.
  const again = await t.api('POST', `${path}/${dId}/approve`, { as: 'township' })
  expect(again.status).toBe(409)
  expect(again.body.title).toContain('驳回')
  expect((await t.api('POST', `${path}/${dId}/reject`, { as: 'township', body: { reason: '再驳回一次' } })).status).toBe(409)
  const [logged] = await queryRows<{ detail: { reason: string; amountFen: number } }>(
    t.database.db,
    sql`select detail from audit_log where action = 'paysheets.deduction.reject' and target_id = ${sheet.id}`,
  )
  expect(logged!.detail).toMatchObject({ reason: '宿舍本月免收水电', amountFen: 700 })

  // It does not block the lock, and the locked line pays the gross in full.
  const locked = await t.api('POST', `/api/paysheets/${sheet.id}/lock`, { as: 'operator' })
  expect(locked.status).toBe(200)
  expect(lineOf(locked.body as Sheet, a.id)).toMatchObject({ deductionsFen: 0, totalFen: gross })
  expect((await t.api('GET', `/api/paysheets/${sheet.id}/verify`, { as: 'operator' })).body).toMatchObject({ valid: true })
})
