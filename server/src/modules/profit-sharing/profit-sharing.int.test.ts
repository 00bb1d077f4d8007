import { beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { and, eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { expectStamped } from '../../../test/xlsx-stamp.ts'
import { auditLog, collectiveMembers, collectives, profitSharingLines, profitSharingRuns } from '../../db/schema/index.ts'

const t = useTestApp()
let collectiveId: string

beforeAll(async () => {
  const [c] = await t.database.db.select({ id: collectives.id }).from(collectives).where(eq(collectives.name, '东门村股份经济合作社'))
  collectiveId = c!.id
  // The demo may already hold members of this collective: start the test's own register from a clean slate.
  await t.database.db.execute(sql`delete from profit_sharing_lines where run_id in (select id from profit_sharing_runs where collective_id = ${collectiveId} and status = 'draft')`)
  await t.database.db.execute(sql`delete from profit_sharing_runs where collective_id = ${collectiveId} and status = 'draft'`)
  await t.database.db.update(collectiveMembers).set({ active: false }).where(eq(collectiveMembers.collectiveId, collectiveId))
})

describe('members and profit sharing', () => {
  let runId: string

  test('the collective registers member households; a repeated household number is a 409', async () => {
    for (const [no, name, shares] of [
      ['T-1', '吴国强', 3],
      ['T-2', '叶秀英', 2],
      ['T-3', '周小梅', 2],
      ['T-4', '李无股', 0],
    ] as const) {
      const res = await t.api('POST', '/api/collective-members', { as: 'collective', body: { householdNo: no, headName: name, shares } })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ collectiveId, householdNo: no, headName: name, shares, active: true })
    }
    const dup = await t.api('POST', '/api/collective-members', { as: 'collective', body: { householdNo: 'T-1', headName: '重复', shares: 1 } })
    expect(dup.status).toBe(409)
    const bad = await t.api('POST', '/api/collective-members', { as: 'collective', body: { householdNo: 'T-9', headName: 'x', shares: 1.5 } })
    expect(bad.status).toBe(422)
    expect((await t.api('POST', '/api/collective-members', { as: 'longquan', body: { collectiveId, householdNo: 'T-8', headName: 'x', shares: 1 } })).status).toBe(404)
    expect((await t.api('POST', '/api/collective-members', { as: 'operator', body: { householdNo: 'T-8', headName: 'x', shares: 1 } })).status).toBe(403)
    const list = await t.api('GET', `/api/collective-members?collectiveId=${collectiveId}&q=T-&pageSize=10`, { as: 'qingyuan' })
    expect(list.body.items.map((m: { householdNo: string }) => m.householdNo)).toEqual(['T-1', 'T-2', 'T-3', 'T-4'])
    expect((await t.api('GET', `/api/collective-members?collectiveId=${collectiveId}`, { as: 'longquan' })).body.total).toBe(0)
  })

  test('a run splits the declared amount by shares with the largest remainder: 1,000.00 yuan over 3:2:2', async () => {
    const res = await t.api('POST', '/api/profit-sharing-runs', { as: 'collective', body: { title: '2025 年度分红', period: '2025', totalFen: 100_000 } })
    expect(res.status).toBe(201)
    runId = res.body.id
    expect(res.body).toMatchObject({ status: 'draft', totalFen: 100_000, totalShares: 7, households: 3, collectiveName: '东门村股份经济合作社' })
    // 100000 × 3/7 = 42857.14, × 2/7 = 28571.43 (twice): floors sum to 99999; the one fen left goes to the
    // largest remainder (.43), the first of the tied households in household order.
    expect(res.body.lines.map((l: { householdNo: string; amountFen: number }) => [l.householdNo, l.amountFen])).toEqual([
      ['T-1', 42857],
      ['T-2', 28572],
      ['T-3', 28571],
    ])
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'profit-sharing.create'), eq(auditLog.targetId, runId)))
    expect(audit).toHaveLength(1)
  })

  test('a later change of shares does not touch the run (its lines are a snapshot)', async () => {
    const m = (await t.api('GET', `/api/collective-members?q=T-2`, { as: 'collective' })).body.items[0]
    const res = await t.api('PATCH', `/api/collective-members/${m.id}`, { as: 'collective', body: { shares: 5 } })
    expect(res.status).toBe(200)
    expect(res.body.shares).toBe(5)
    const run = await t.api('GET', `/api/profit-sharing-runs/${runId}`, { as: 'collective' })
    expect(run.body.lines[1]).toMatchObject({ householdNo: 'T-2', shares: 2, amountFen: 28572 })
    await t.api('PATCH', `/api/collective-members/${m.id}`, { as: 'collective', body: { shares: 2 } })
    expect((await t.api('PATCH', `/api/collective-members/${m.id}`, { as: 'longquan', body: { shares: 9 } })).status).toBe(404)
  })

  test('confirmed runs are immutable: API answers 409, and the database refuses direct changes too', async () => {
    const ok = await t.api('POST', `/api/profit-sharing-runs/${runId}/confirm`, { as: 'qingyuan' })
    expect(ok.status).toBe(200)
    expect(ok.body.status).toBe('confirmed')
    expect(ok.body.confirmedAt).toBeTruthy()
    expect((await t.api('POST', `/api/profit-sharing-runs/${runId}/confirm`, { as: 'collective' })).status).toBe(409)
    expect((await t.api('DELETE', `/api/profit-sharing-runs/${runId}`, { as: 'collective' })).status).toBe(409)
    await expect(t.database.db.update(profitSharingRuns).set({ totalFen: 1 }).where(eq(profitSharingRuns.id, runId))).rejects.toThrow()
    await expect(t.database.db.update(profitSharingLines).set({ amountFen: 1 }).where(eq(profitSharingLines.runId, runId))).rejects.toThrow()
    await expect(t.database.db.delete(profitSharingLines).where(eq(profitSharingLines.runId, runId))).rejects.toThrow()
    const lines = await t.database.db.select({ s: sql<string>`sum(amount_fen)::text` }).from(profitSharingLines).where(eq(profitSharingLines.runId, runId))
    expect(Number(lines[0]!.s)).toBe(100_000)
  })

  test('a draft can be discarded; out-of-scope callers get 404', async () => {
    const res = await t.api('POST', '/api/profit-sharing-runs', { as: 'qingyuan', body: { collectiveId, title: '试算', period: '2025-Q3', totalFen: 999 } })
    expect(res.status).toBe(201)
    expect((await t.api('GET', `/api/profit-sharing-runs/${res.body.id}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('DELETE', `/api/profit-sharing-runs/${res.body.id}`, { as: 'longquan' })).status).toBe(404)
    expect((await t.api('DELETE', `/api/profit-sharing-runs/${res.body.id}`, { as: 'collective' })).status).toBe(204)
    expect((await t.api('GET', `/api/profit-sharing-runs/${res.body.id}`, { as: 'collective' })).status).toBe(404)
    const list = await t.api('GET', `/api/profit-sharing-runs?collectiveId=${collectiveId}`, { as: 'township' })
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(runId)
    expect((await t.api('GET', '/api/profit-sharing-runs', { as: 'longquan' })).body.items.map((r: { id: string }) => r.id)).not.toContain(runId)
  })

  test('422 on bad input and for a collective without shareholders', async () => {
    expect((await t.api('POST', '/api/profit-sharing-runs', { as: 'collective', body: { title: 'x', period: '2025', totalFen: 0 } })).status).toBe(422)
    expect((await t.api('POST', '/api/profit-sharing-runs', { as: 'collective', body: { title: 'x', period: '25', totalFen: 10 } })).status).toBe(422)
    const [empty] = await t.database.db.insert(collectives).values({ name: '无成员合作社', kind: 'collective', regionCode: '331126001201' }).returning({ id: collectives.id })
    const res = await t.api('POST', '/api/profit-sharing-runs', { as: 'qingyuan', body: { collectiveId: empty!.id, title: 'x', period: '2025', totalFen: 100 } })
    expect(res.status).toBe(422)
    expect(res.body.type).toContain('no-shareholders')
  })

  test('xlsx export: Chinese headers, yuan with two decimals, exact fen, total row', async () => {
    const res = await t.app.request(`/api/profit-sharing-runs/${runId}/export.xlsx`, { headers: { authorization: `Bearer ${await t.token('collective')}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('分红清单.xlsx')
    const wb = await expectStamped(await res.arrayBuffer(), 'collective')
    const ws = wb.getWorksheet('分红清单')!
    expect(ws.getRow(4).values).toEqual([undefined, '序号', '户号', '户主', '股数', '分红金额（元）', '分红金额（分）', '签字'])
    expect(ws.getRow(5).getCell(5).value).toBe(428.57)
    expect(ws.getRow(5).getCell(5).numFmt).toBe('#,##0.00')
    expect(ws.getRow(5).getCell(6).value).toBe(42857)
    expect(ws.getRow(8).getCell(1).value).toBe('合计')
    expect(ws.getRow(8).getCell(6).value).toBe(100000)
  })
})

test('through the API, a run never loses or creates a fen (property test)', async () => {
  const db = t.database.db
  let n = 0
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000_000 }), fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 25 }), async (total, shares) => {
      fc.pre(shares.some((s) => s > 0))
      const [c] = await db.insert(collectives).values({ name: `性质测试合作社${n++}`, kind: 'collective', regionCode: '331126001200' }).returning({ id: collectives.id })
      await db.insert(collectiveMembers).values(shares.map((s, i) => ({ collectiveId: c!.id, regionCode: '331126001200', householdNo: String(i + 1), headName: `户${i + 1}`, shares: s })))
      const res = await t.api('POST', '/api/profit-sharing-runs', { as: 'township', body: { collectiveId: c!.id, title: 'p', period: '2025', totalFen: total } })
      expect(res.status).toBe(201)
      const lines = res.body.lines as { shares: number; amountFen: number }[]
      expect(lines.reduce((a, l) => a + l.amountFen, 0)).toBe(total)
      expect(lines).toHaveLength(shares.filter((s) => s > 0).length)
      const sum = shares.reduce((a, s) => a + s, 0)
      for (const l of lines) {
        const floor = (BigInt(total) * BigInt(l.shares)) / BigInt(sum)
        expect(BigInt(l.amountFen) - floor).toBeGreaterThanOrEqual(0n)
        expect(BigInt(l.amountFen) - floor).toBeLessThanOrEqual(1n)
      }
    }),
    { numRuns: 25, seed: 8 },
  )
})
