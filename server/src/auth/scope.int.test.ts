import { expect, test } from 'vitest'
import fc from 'fast-check'
import { and, count, eq, inArray, like, sql, type SQL } from 'drizzle-orm'
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
          const shopIds = ws.map((w) => w.id)
          const workerIds = wk.map((w) => w.id)
          const shopCols = { regionCode: workshops.regionCode, workshopId: workshops.id, collectiveId: workshops.collectiveId, partnerWorkshopId: workshops.id }
          const workerCols = { regionCode: workers.regionCode, workerId: workers.id }
          const gotShops = (await tx.select({ id: workshops.id }).from(workshops).where(and(scopeFilter(scope, shopCols), inArray(workshops.id, shopIds)))).map((r) => r.id)
          const gotWorkers = workerIds.length
            ? (await tx.select({ id: workers.id }).from(workers).where(and(scopeFilter(scope, workerCols), inArray(workers.id, workerIds)))).map((r) => r.id)
            : []
          expect(gotShops.sort()).toEqual(ws.filter(seeWorkshop).map((w) => w.id).sort())
          expect(gotWorkers.sort()).toEqual(wk.filter(seeWorker).map((w) => w.id).sort())
          // Nothing of the rest of the database (the demo data) leaks either.
          const leaks = async (where: SQL) => {
            const [a] = await tx.select({ n: count() }).from(workshops).where(and(scopeFilter(scope, shopCols), where))
            return a!.n
          }
          if (scope.kind === 'region') {
            const prefix = scope.regionCode
            expect(await leaks(sql`${workshops.regionCode} not like ${prefix + '%'}`)).toBe(0)
            const [b] = await tx.select({ n: count() }).from(workers).where(and(scopeFilter(scope, workerCols), sql`${workers.regionCode} not like ${prefix + '%'}`))
            expect(b!.n).toBe(0)
          } else if (scope.kind === 'enterprise' || scope.kind === 'collective' || scope.kind === 'public') {
            // Bound to entities created in this case: no pre-existing row may show.
            expect(await leaks(sql`not (${inArray(workshops.id, shopIds)})`)).toBe(0)
            const [b] = await tx.select({ n: count() }).from(workers).where(scopeFilter(scope, workerCols))
            expect(b!.n).toBe(0)
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
}, 300_000)
