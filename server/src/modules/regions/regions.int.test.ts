import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { useTestApp, TEST_DB } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { containsPattern } from '../../db/like.ts'
import { listRegions } from './service.ts'

const t = useTestApp()

test("Lishui's nine county-level regions, Qingyuan and Longquan among them", async () => {
  const res = await t.api('GET', '/api/regions?parent=3311')
  expect(res.status).toBe(200)
  expect(res.body.total).toBe(9)
  const byCode = Object.fromEntries(res.body.items.map((r: { code: string; name: string }) => [r.code, r.name]))
  expect(byCode['331126']).toBe('庆元县')
  expect(byCode['331181']).toBe('龙泉市')
  expect(res.body.items.every((r: { level: string; hasChildren: boolean }) => r.level === 'county' && r.hasChildren)).toBe(true)
})

test('the tree is complete: 11 cities, 90 counties, villages with 12-digit codes whose prefix is their parent', async () => {
  const rows = await t.database.db.execute<{ level: number; n: number }>(
    sql`select level, count(*)::int as n from regions group by level order by level`,
  )
  const counts = (rows as unknown as { rows?: { level: number; n: number }[] }).rows ?? (rows as unknown as { level: number; n: number }[])
  expect(counts.map((r) => Number(r.n))).toEqual([1, 11, 90, 1387, 25547])
  const bad = await t.database.db.execute(
    sql`select count(*)::int as n from regions where level > 1 and (parent_code is null or left(code, length(parent_code)) <> parent_code)`,
  )
  const n = ((bad as unknown as { rows?: { n: number }[] }).rows ?? (bad as unknown as { n: number }[]))[0]!.n
  expect(Number(n)).toBe(0)
  const village = await t.api('GET', '/api/regions/331126001200')
  expect(village.body).toMatchObject({ name: '东门村委会', level: 'village' })
  expect(village.body.path.map((p: { code: string }) => p.code)).toEqual(['33', '3311', '331126', '331126001', '331126001200'])
  expect(TEST_DB).toMatch(/pglite|postgres/)
})

test('search by name, within a subtree, paginated', async () => {
  const res = await t.api('GET', '/api/regions?q=青田')
  expect(res.status).toBe(200)
  expect(res.body.items[0]).toMatchObject({ code: '331121', name: '青田县' })
  const within = await t.api('GET', '/api/regions?q=村&within=331126&pageSize=5&page=2')
  expect(within.body.items).toHaveLength(5)
  expect(within.body.page).toBe(2)
  expect(within.body.total).toBeGreaterThan(100)
  expect(within.body.items.every((r: { code: string }) => r.code.startsWith('331126'))).toBe(true)
})

test('bad input is 422, unknown region 404, unknown route 404 problem', async () => {
  expect((await t.api('GET', '/api/regions?pageSize=201')).status).toBe(422)
  expect((await t.api('GET', '/api/regions?parent=abc')).status).toBe(422)
  const missing = await t.api('GET', '/api/regions/331199')
  expect(missing.status).toBe(404)
  expect(missing.headers.get('content-type')).toMatch(/problem\+json/)
  const nowhere = await t.api('GET', '/api/no-such-thing')
  expect(nowhere.status).toBe(404)
  expect(nowhere.body.type).toBe('urn:gongfang:problem:no-route')
})

test('the in-memory tree answers as the table does: children, name search, within, paging (property test)', async () => {
  const all = await queryRows<{ code: string; name: string }>(t.database.db, sql`select code, name from regions order by code`)
  const codeArb = fc.constantFrom(...all.filter((_, i) => i % 97 === 0).map((r) => r.code))
  // Pieces of real names (one or two characters), so that searches find something.
  const termArb = fc.constantFrom(...all.filter((_, i) => i % 211 === 0).map((r) => r.name)).chain((n) => fc.integer({ min: 0, max: n.length - 1 }).map((i) => n.slice(i, i + 1 + (i % 2))))
  await fc.assert(
    fc.asyncProperty(
      fc.record({ parent: fc.option(codeArb, { nil: undefined }), q: fc.option(termArb, { nil: undefined }), within: fc.option(codeArb, { nil: undefined }), page: fc.integer({ min: 1, max: 3 }), pageSize: fc.constantFrom(1, 5, 50) }),
      async (query) => {
        const got = await listRegions(t.database.db, query)
        const root = query.within ?? '33'
        const where = sql.join(
          [
            query.parent ? sql`parent_code = ${query.parent}` : query.q ? sql`true` : sql`code = ${root}`,
            query.q ? sql`name like ${containsPattern(query.q)}` : sql`true`,
            query.within ? sql`code like ${`${query.within}%`}` : sql`true`,
          ],
          sql` and `,
        )
        const want = await queryRows<{ code: string; has_children: boolean }>(
          t.database.db,
          sql`select code, exists (select 1 from regions c where c.parent_code = r.code) as has_children from regions r where ${where} order by level, code`,
        )
        expect(got.total).toBe(want.length)
        const page = want.slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
        expect(got.items.map((r) => [r.code, r.hasChildren])).toEqual(page.map((r) => [r.code, r.has_children]))
      },
    ),
    // Each case is one table scan: 40 cases take a few seconds even on a loaded 2-core machine.
    { numRuns: 40 },
  )
})
