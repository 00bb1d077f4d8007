import { expect, test } from 'vitest'
import fc from 'fast-check'
import { and, eq, like, sql } from 'drizzle-orm'
import { useTestApp } from '../../test/harness.ts'
import { regions, users, workers, workshopEnterprises, workshopMembers, workshops, enterprises, collectives } from '../db/schema/index.ts'
import { scopeFilter, type Scope } from './scope.ts'
import { demoCreditCode, demoIdNumber } from '../demo/seed-demo.ts'

const t = useTestApp()

class Rollback extends Error {}

/**
 * For random rows anywhere in the tree and random callers of every kind, scopeFilter returns exactly
 * the rows an independent oracle says the caller may see: never one outside, none missing.
 */
test('no read ever returns a row outside the caller’s scope (≥ 200 generated cases)', async () => {
  const db = t.database.db
  // A pool of real villages across several counties and cities.
  const villages = (
    await db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 5), sql`(${like(regions.code, '3311%')} or ${like(regions.code, '3301%')} or ${like(regions.code, '3303%')})`))
      .orderBy(sql`md5(${regions.code})`)
      .limit(60)
  ).map((r) => r.code)
  expect(villages.length).toBe(60)

  const rowArb = fc.record({
    workshops: fc.array(fc.record({ village: fc.integer({ min: 0, max: 59 }), partner: fc.boolean(), hosted: fc.boolean(), operated: fc.boolean() }), { minLength: 1, maxLength: 12 }),
    workers: fc.array(fc.record({ village: fc.integer({ min: 0, max: 59 }), member: fc.option(fc.nat(), { nil: null }) }), { minLength: 1, maxLength: 15 }),
    caller: fc.oneof(
      fc.record({ kind: fc.constant('region' as const), village: fc.integer({ min: 0, max: 59 }), len: fc.constantFrom(2, 4, 6, 9, 12) }),
      fc.record({ kind: fc.constantFrom('operator' as const, 'enterprise' as const, 'collective' as const, 'worker' as const, 'public' as const, 'all' as const), pick: fc.nat() }),
    ),
  })

  let cases = 0
  await fc.assert(
    fc.asyncProperty(rowArb, async (data) => {
      cases++
      await db
        .transaction(async (tx) => {
          const [ent] = await tx.insert(enterprises).values({ name: 'E', creditCode: demoCreditCode(900000 + cases, '331100'), regionCode: villages[0]! }).returning()
          const [col] = await tx.insert(collectives).values({ name: 'C', kind: 'collective', regionCode: villages[0]! }).returning()
          const [op] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'operator'))
          const operatorId = op!.id
          const ws: (typeof workshops.$inferSelect & { partner: boolean })[] = []
          for (const w of data.workshops) {
            const [row] = await tx
              .insert(workshops)
              .values({ name: 'W', type: 'processing', regionCode: villages[w.village]!, collectiveId: w.hosted ? col!.id : null, operatorUserId: w.operated ? operatorId : null })
              .returning()
            if (w.partner) await tx.insert(workshopEnterprises).values({ workshopId: row!.id, enterpriseId: ent!.id })
            ws.push({ ...row!, partner: w.partner })
          }
          const wk: (typeof workers.$inferSelect & { shopId: string | null })[] = []
          for (const [i, w] of data.workers.entries()) {
            const [row] = await tx
              .insert(workers)
              .values({ name: 'P', idNumber: demoIdNumber('331126', '1970-01-01', i), birthDate: '1970-01-01', sex: 'F', regionCode: villages[w.village]! })
              .onConflictDoNothing()
              .returning()
            if (!row) continue
            const shop = w.member === null ? null : ws[w.member % ws.length]!
            if (shop) await tx.insert(workshopMembers).values({ workshopId: shop.id, workerId: row.id, startOn: '2024-01-01' })
            wk.push({ ...row, shopId: shop?.id ?? null })
          }

          const c = data.caller
          let scope: Scope
          let seeWorkshop: (w: (typeof ws)[number]) => boolean
          let seeWorker: (w: (typeof wk)[number]) => boolean
          const operatedIds = ws.filter((w) => w.operatorUserId === operatorId).map((w) => w.id)
          if (c.kind === 'region') {
            const prefix = villages[c.village]!.slice(0, c.len)
            scope = { kind: 'region', regionCode: prefix }
            seeWorkshop = (w) => w.regionCode.startsWith(prefix)
            seeWorker = (w) => w.regionCode.startsWith(prefix)
          } else if (c.kind === 'operator') {
            scope = { kind: 'operator', userId: operatorId, workshopIds: operatedIds }
            seeWorkshop = (w) => operatedIds.includes(w.id)
            seeWorker = (w) => w.shopId !== null && operatedIds.includes(w.shopId)
          } else if (c.kind === 'enterprise') {
            scope = { kind: 'enterprise', enterpriseId: ent!.id }
            seeWorkshop = (w) => w.partner
            seeWorker = () => false
          } else if (c.kind === 'collective') {
            scope = { kind: 'collective', collectiveId: col!.id }
            seeWorkshop = (w) => w.collectiveId === col!.id
            seeWorker = () => false
          } else if (c.kind === 'worker') {
            const me = wk[c.pick % wk.length]!
            scope = { kind: 'worker', workerId: me.id }
            seeWorkshop = (w) => w.id === me.shopId
            seeWorker = (w) => w.id === me.id
          } else if (c.kind === 'public') {
            scope = { kind: 'public' }
            seeWorkshop = () => false
            seeWorker = () => false
          } else {
            scope = { kind: 'all' }
            seeWorkshop = () => true
            seeWorker = () => true
          }
          const mine = new Set(ws.map((w) => w.id))
          const gotShops = (
            await tx.select({ id: workshops.id }).from(workshops).where(scopeFilter(scope, { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId, partnerWorkshopId: workshops.id }))
          ).map((r) => r.id).filter((id) => mine.has(id) || scope.kind !== 'all')
          const mineWorkers = new Set(wk.map((w) => w.id))
          const gotWorkers = (await tx.select({ id: workers.id }).from(workers).where(scopeFilter(scope, { regionCode: workers.regionCode, workerId: workers.id })))
            .map((r) => r.id)
            .filter((id) => mineWorkers.has(id) || scope.kind !== 'all')
          // Rows that existed before (demo data) are checked too: the region scope must exclude those outside.
          const expectedShops = ws.filter(seeWorkshop).map((w) => w.id)
          const expectedWorkers = wk.filter(seeWorker).map((w) => w.id)
          expect(gotShops.filter((id) => mine.has(id)).sort()).toEqual(expectedShops.sort())
          expect(gotWorkers.filter((id) => mineWorkers.has(id)).sort()).toEqual(expectedWorkers.sort())
          if (scope.kind === 'region') {
            const outside = await tx.select({ id: workshops.id, r: workshops.regionCode }).from(workshops).where(scopeFilter(scope, { regionCode: workshops.regionCode }))
            expect(outside.every((w) => w.r.startsWith((scope as { regionCode: string }).regionCode))).toBe(true)
          }
          if (scope.kind !== 'all' && scope.kind !== 'region' && scope.kind !== 'operator') {
            // The generated enterprise, collective and worker are new: nothing of the demo data may show.
            expect(gotShops.every((id) => mine.has(id))).toBe(true)
            expect(gotWorkers.every((id) => mineWorkers.has(id))).toBe(true)
          }
          throw new Rollback()
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e
        })
    }),
    { numRuns: 200, seed: Number(process.env.GF_SEED ?? Date.now() % 2 ** 31) },
  )
  expect(cases).toBeGreaterThanOrEqual(200)
})
