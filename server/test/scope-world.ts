/**
 * A generated world for the HTTP scope property (auth/access/scope-http.int.test.ts): registry rows, memberships,
 * partners and piece work in random villages of several cities, the callers of every kind that look at it, and
 * an oracle of who may see what, written from the product's rules over the raw data (region-code prefixes,
 * memberships, partners), never by calling the access module.
 */
import fc from 'fast-check'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../src/db/client.ts'
import {
  collectives,
  enterprises,
  regions,
  users,
  workers,
  workRecords,
  workshopEnterprises,
  workshopMembers,
  workshops,
} from '../src/db/schema/index.ts'
import { createSession } from '../src/auth/session.ts'
import { demoCreditCode, demoIdNumber } from '../src/demo/seed-demo.ts'
import { activeVault, sealWorkerPersonal } from '../src/vault/index.ts'

export type Role = 'admin' | 'staff' | 'operator' | 'enterprise' | 'collective' | 'worker' | 'public'
export const ROLES: readonly Role[] = ['admin', 'staff', 'operator', 'enterprise', 'collective', 'worker', 'public']

/** What fast-check draws: indices into the village pool and into the other generated rows. */
export interface WorldSpec {
  enterprises: { village: number }[]
  collectives: { village: number }[]
  workshops: { village: number; type: string; collective: number | null; operated: boolean; partners: boolean[] }[]
  workers: { village: number; memberships: { workshop: number; ended: boolean }[] }[]
  records: { worker: number; membership: number; qty: number }[]
  staff: { village: number; len: 2 | 4 | 6 | 9 | 12 }[]
  pick: { enterprise: number; collective: number; worker: number }
}

export const worldArb = (villages: number): fc.Arbitrary<WorldSpec> => {
  const village = fc.integer({ min: 0, max: villages - 1 })
  return fc.record({
    enterprises: fc.array(fc.record({ village }), { minLength: 1, maxLength: 3 }),
    collectives: fc.array(fc.record({ village }), { minLength: 1, maxLength: 3 }),
    workshops: fc.array(
      fc.record({
        village,
        type: fc.constantFrom('processing', 'ecommerce', 'agritourism'),
        collective: fc.option(fc.nat(), { nil: null }),
        operated: fc.boolean(),
        partners: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    workers: fc.array(
      fc.record({
        village,
        memberships: fc.array(fc.record({ workshop: fc.nat(), ended: fc.boolean() }), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    records: fc.array(fc.record({ worker: fc.nat(), membership: fc.nat(), qty: fc.integer({ min: 1, max: 500 }) }), {
      maxLength: 8,
    }),
    // Staff of two random regions at any level, or of a city with none of the generated rows (village -1).
    staff: fc.array(
      fc.record({
        village: fc.integer({ min: -1, max: villages - 1 }),
        len: fc.constantFrom(2 as const, 4 as const, 6 as const, 9 as const, 12 as const),
      }),
      {
        minLength: 2,
        maxLength: 2,
      },
    ),
    pick: fc.record({ enterprise: fc.nat(), collective: fc.nat(), worker: fc.nat() }),
  })
}

export interface Shop {
  id: string
  type: string
  regionCode: string
  collectiveId: string | null
  operated: boolean
  partners: Set<string>
}
export interface Person {
  id: string
  regionCode: string
  /** Every membership, ended ones included. */
  shops: string[]
}
export interface Row {
  id: string
  regionCode: string
}
export interface Line {
  id: number
  workshopId: string
  workerId: string
  regionCode: string
}
export interface World {
  enterprises: Row[]
  collectives: Row[]
  workshops: Shop[]
  workers: Person[]
  records: Line[]
}

export interface Caller {
  label: string
  role: Role
  token: string | null
  regionCode?: string
  enterpriseId?: string
  collectiveId?: string
  workerId?: string
}

/**
 * A pool of real villages: three cities, two counties in each, two townships in each county, two villages in
 * each township, so that callers at every level see some rows and miss others.
 */
export async function villagePool(db: Db): Promise<string[]> {
  const codes = (
    await db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 5), sql`left(${regions.code}, 4) in ('3311', '3301', '3303')`))
      .orderBy(regions.code)
  ).map((r) => r.code)
  const pool: string[] = []
  for (const city of ['3311', '3301', '3303']) {
    const counties = [...new Set(codes.filter((c) => c.startsWith(city)).map((c) => c.slice(0, 6)))].slice(0, 2)
    for (const county of counties) {
      const towns = [...new Set(codes.filter((c) => c.startsWith(county)).map((c) => c.slice(0, 9)))]
      let taken = 0
      for (const town of towns) {
        const vs = codes.filter((c) => c.startsWith(town)).slice(0, 2)
        if (vs.length < 2) continue
        pool.push(...vs)
        if (++taken === 2) break
      }
    }
  }
  return pool
}

/** Tables the world lives in; truncating them (cascading) empties every table that hangs off them. */
export async function clearWorld(db: Db) {
  await db.execute(sql`truncate workshops, workers, enterprises, collectives cascade`)
  await db.execute(sql`delete from users where username like 'scope-%'`)
}

let serial = 0

/** Writes the world and makes a real session for a caller of every kind. */
export async function buildWorld(
  db: Db,
  spec: WorldSpec,
  pool: string[],
): Promise<{ world: World; callers: Caller[] }> {
  const run = ++serial
  const v = (i: number) => pool[i]!
  const user = async (role: Exclude<Role, 'public'>, extra: Partial<typeof users.$inferInsert> = {}) => {
    const [u] = await db
      .insert(users)
      .values({
        username: `scope-${run}-${role}-${Math.random().toString(36).slice(2, 8)}`,
        passwordHash: 'x',
        displayName: role,
        role,
        ...extra,
      })
      .returning({ id: users.id })
    return { id: u!.id, token: await createSession(db, u!.id, {}) }
  }
  const operator = await user('operator')

  const ents = await db
    .insert(enterprises)
    .values(
      spec.enterprises.map((e, i) => ({
        name: `企业${i}`,
        creditCode: demoCreditCode(run * 10 + i, v(e.village)),
        regionCode: v(e.village),
      })),
    )
    .returning({ id: enterprises.id, regionCode: enterprises.regionCode })
  const cols = await db
    .insert(collectives)
    .values(spec.collectives.map((c, i) => ({ name: `集体${i}`, kind: 'collective', regionCode: v(c.village) })))
    .returning({ id: collectives.id, regionCode: collectives.regionCode })
  const shops: Shop[] = []
  for (const [i, w] of spec.workshops.entries()) {
    const collectiveId = w.collective === null ? null : cols[w.collective % cols.length]!.id
    const [row] = await db
      .insert(workshops)
      .values({
        name: `工坊${i}`,
        type: w.type,
        regionCode: v(w.village),
        collectiveId,
        operatorUserId: w.operated ? operator.id : null,
      })
      .returning({ id: workshops.id })
    const partners = new Set(ents.filter((_, k) => w.partners[k]).map((e) => e.id))
    if (partners.size)
      await db
        .insert(workshopEnterprises)
        .values([...partners].map((enterpriseId) => ({ workshopId: row!.id, enterpriseId })))
    shops.push({ id: row!.id, type: w.type, regionCode: v(w.village), collectiveId, operated: w.operated, partners })
  }
  const people: Person[] = []
  for (const [i, p] of spec.workers.entries()) {
    const idNumber = demoIdNumber(v(p.village).slice(0, 6), '1970-01-01', i)
    const [row] = await db
      .insert(workers)
      .values({
        name: `工人${i}`,
        birthDate: '1970-01-01',
        sex: 'F',
        regionCode: v(p.village),
        ...sealWorkerPersonal(activeVault(), { idNumber, phone: null, disabilityGrade: null }),
      })
      .returning({ id: workers.id })
    const mine = [...new Map(p.memberships.map((m) => [shops[m.workshop % shops.length]!.id, m.ended])).entries()]
    if (mine.length)
      await db
        .insert(workshopMembers)
        .values(
          mine.map(([workshopId, ended]) => ({
            workshopId,
            workerId: row!.id,
            startOn: '2024-01-01',
            endOn: ended ? '2024-06-30' : null,
          })),
        )
    people.push({ id: row!.id, regionCode: v(p.village), shops: mine.map(([id]) => id) })
  }
  const records: Line[] = []
  for (const r of spec.records) {
    const p = people[r.worker % people.length]!
    if (!p.shops.length) continue
    const shop = shops.find((s) => s.id === p.shops[r.membership % p.shops.length])!
    const [row] = await db
      .insert(workRecords)
      .values({
        workshopId: shop.id,
        workerId: p.id,
        regionCode: shop.regionCode,
        workDate: '2024-03-01',
        goodQty: r.qty,
        rateCentifen: 1000,
        amountFen: r.qty * 10,
      })
      .returning({ id: workRecords.id })
    records.push({ id: row!.id, workshopId: shop.id, workerId: p.id, regionCode: shop.regionCode })
  }

  const callers: Caller[] = [{ label: 'public', role: 'public', token: null }]
  callers.push({ label: 'admin', role: 'admin', token: (await user('admin')).token })
  for (const s of spec.staff) {
    // Village -1: a city none of the pool's villages lies in.
    const regionCode = s.village < 0 ? '3302' : v(s.village).slice(0, s.len)
    callers.push({
      label: `staff ${regionCode}`,
      role: 'staff',
      regionCode,
      token: (await user('staff', { regionCode })).token,
    })
  }
  callers.push({ label: 'operator', role: 'operator', token: operator.token })
  const ent = ents[spec.pick.enterprise % ents.length]!
  callers.push({
    label: 'enterprise',
    role: 'enterprise',
    enterpriseId: ent.id,
    token: (await user('enterprise', { enterpriseId: ent.id, regionCode: ent.regionCode })).token,
  })
  const col = cols[spec.pick.collective % cols.length]!
  callers.push({
    label: 'collective',
    role: 'collective',
    collectiveId: col.id,
    token: (await user('collective', { collectiveId: col.id, regionCode: col.regionCode })).token,
  })
  const me = people[spec.pick.worker % people.length]!
  callers.push({
    label: 'worker',
    role: 'worker',
    workerId: me.id,
    token: (await user('worker', { workerId: me.id, regionCode: me.regionCode })).token,
  })

  return { world: { enterprises: ents, collectives: cols, workshops: shops, workers: people, records }, callers }
}

// ---------------------------------------------------------------------------------------------------------
// The oracle: the product's rules, stated over the raw rows.

const inRegion = (c: Caller, regionCode: string) =>
  c.role === 'admin' || (c.role === 'staff' && regionCode.startsWith(c.regionCode!))

/** Workshops: staff of their region; the operator those they run; partner enterprises; the hosting collective; members. */
export function seesWorkshop(c: Caller, w: Shop, world: World): boolean {
  if (inRegion(c, w.regionCode)) return true
  switch (c.role) {
    case 'operator':
      return w.operated
    case 'enterprise':
      return w.partners.has(c.enterpriseId!)
    case 'collective':
      return w.collectiveId === c.collectiveId
    case 'worker':
      return world.workers.some((p) => p.id === c.workerId && p.shops.includes(w.id))
    default:
      return false
  }
}

/** Workers: staff of their village's region; the operator the people on their rosters (past members too); the person. */
export function seesWorker(c: Caller, p: Person, world: World): boolean {
  if (inRegion(c, p.regionCode)) return true
  if (c.role === 'operator') return p.shops.some((id) => world.workshops.find((w) => w.id === id)!.operated)
  return c.role === 'worker' && c.workerId === p.id
}

/** Enterprises: staff of their region, and the enterprise itself. */
export const seesEnterprise = (c: Caller, e: Row) =>
  inRegion(c, e.regionCode) || (c.role === 'enterprise' && c.enterpriseId === e.id)

/** Collectives: staff of their region, and the collective itself. */
export const seesCollective = (c: Caller, x: Row) =>
  inRegion(c, x.regionCode) || (c.role === 'collective' && c.collectiveId === x.id)

/** Piece work: staff of the workshop's region, the operator of the workshop, the worker who did it. */
export function seesRecord(c: Caller, r: Line, world: World): boolean {
  if (inRegion(c, r.regionCode)) return true
  if (c.role === 'operator') return world.workshops.find((w) => w.id === r.workshopId)!.operated
  return c.role === 'worker' && c.workerId === r.workerId
}
