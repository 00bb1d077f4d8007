/**
 * A generated world for the HTTP scope property (auth/access/scope-http.int.test.ts): registry rows, memberships,
 * partners and piece work in random villages of several cities, and the rows of the domains around them (pay
 * sheets, training, experts and problems, ratings and plans, orders and arrears, disputes, payment batches, sales
 * and tourism, collective books, investment offers, targets) and the callers of every kind that look at it. Rows
 * are written straight into the tables (no service rules on the way in), so the oracle (scope-oracle.ts) alone
 * says who sees them.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { addDays, chinaDate } from '@gongfang/shared/clock'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../src/db/client.ts'
import {
  allocations,
  auditLog,
  staffNotices,
  collectiveIncomes,
  collectiveMembers,
  collectives,
  deliveries,
  demonstrationNominations,
  disputes,
  enterprises,
  experts,
  importJobs,
  improvementPlans,
  orders,
  partnerApplications,
  paysheetApprovalRules,
  partnerOpportunities,
  paymentBatches,
  paysheets,
  plans as orderPlans,
  profitSharingRuns,
  regions,
  salesSessions,
  techProblems,
  targets,
  tourismRecords,
  trainingSessions,
  users,
  workers,
  workRecords,
  workshopEnterprises,
  workshopMembers,
  workshopRatings,
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
  /** The operator account's own village (their home: training sessions of its township). */
  operatorVillage: number
  sheets: { workshop: number; locked: boolean }[]
  /** At a host workshop (in its township or village), or at a village of the pool with no host. */
  sessions: { village: number; host: number | null; township: boolean }[]
  experts: { village: number; len: 2 | 4 | 6 | 9 | 12 }[]
  problems: { workshop: number; open: boolean }[]
  plans: { workshop: number }[]
  /** A year's rating of a workshop, and whether it is nominated as a demonstration workshop. */
  ratings: { workshop: number; nominated: boolean }[]
  /** A payment batch of one workshop's sheets, or of several workshops of the county (no workshop then). */
  batches: { workshop: number; one: boolean }[]
  /** Between a workshop and a worker (wages) or an enterprise (an order); sometimes opened by the collective's account. */
  disputes: { workshop: number; wage: boolean; party: number; byCollective: boolean }[]
  /** An enterprise's order, owned by a village's region, offered to some workshops (who delivered, unpaid). */
  orders: { enterprise: number; village: number; to: number[]; delivered: boolean }[]
  /** A matching plan over some of the orders. */
  proposals: { orders: number[] }[]
  /** A sales session or a tourism record of a workshop. */
  facts: { workshop: number; tourism: boolean }[]
  /** A collective's own books: an income, a member household, a profit-sharing run. */
  books: { collective: number; kind: 'income' | 'member' | 'run' }[]
  /** A village's offer to investors (published by a collective, or by staff with none), and who applied. */
  offers: { collective: number | null; village: number; open: boolean; applicants: number[] }[]
  /** Policy set for a region at any level: a yearly target, or the rule that its pay sheets need approval. */
  policies: { village: number; len: 2 | 4 | 6 | 9 | 12; target: boolean }[]
  /** Notices to a region's staff, at any level. */
  notices: { village: number; len: 2 | 4 | 6 | 9 | 12 }[]
  /** Audit entries filed under a region at any level, or under none (village -1), each about one worker. */
  audits: { village: number; len: 2 | 4 | 6 | 9 | 12; subject: number }[]
  /**
   * Accounts that read many people: how many today, and on earlier days (1–36 days back) of the month before,
   * each read filed under a region at any level (or none). What /audit/unusual weighs.
   */
  readers: { village: number; len: 2 | 4 | 6 | 9 | 12; today: number; before: { back: number; people: number }[] }[]
}

/** The middle value (the mean of the two middle ones for an even count), 0 for none: PostgreSQL's percentile_cont(0.5). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
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
    operatorVillage: village,
    sheets: fc.array(fc.record({ workshop: fc.nat(), locked: fc.boolean() }), { maxLength: 4 }),
    sessions: fc.array(fc.record({ village, host: fc.option(fc.nat(), { nil: null }), township: fc.boolean() }), {
      maxLength: 3,
    }),
    experts: fc.array(
      fc.record({
        village,
        len: fc.constantFrom(2 as const, 4 as const, 6 as const, 9 as const, 12 as const),
      }),
      { maxLength: 3 },
    ),
    problems: fc.array(fc.record({ workshop: fc.nat(), open: fc.boolean() }), { maxLength: 3 }),
    plans: fc.array(fc.record({ workshop: fc.nat() }), { maxLength: 3 }),
    ratings: fc.array(fc.record({ workshop: fc.nat(), nominated: fc.boolean() }), { maxLength: 3 }),
    batches: fc.array(fc.record({ workshop: fc.nat(), one: fc.boolean() }), { maxLength: 3 }),
    orders: fc.array(
      fc.record({ enterprise: fc.nat(), village, to: fc.array(fc.nat(), { maxLength: 2 }), delivered: fc.boolean() }),
      { maxLength: 3 },
    ),
    facts: fc.array(fc.record({ workshop: fc.nat(), tourism: fc.boolean() }), { maxLength: 3 }),
    books: fc.array(
      fc.record({ collective: fc.nat(), kind: fc.constantFrom('income' as const, 'member' as const, 'run' as const) }),
      { maxLength: 4 },
    ),
    offers: fc.array(
      fc.record({
        collective: fc.option(fc.nat(), { nil: null }),
        village,
        open: fc.boolean(),
        applicants: fc.array(fc.nat(), { maxLength: 2 }),
      }),
      { maxLength: 3 },
    ),
    policies: fc.array(
      fc.record({
        village,
        len: fc.constantFrom(2 as const, 4 as const, 6 as const, 9 as const, 12 as const),
        target: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    notices: fc.array(
      fc.record({ village, len: fc.constantFrom(2 as const, 4 as const, 6 as const, 9 as const, 12 as const) }),
      { maxLength: 3 },
    ),
    audits: fc.array(
      fc.record({
        village: fc.integer({ min: -1, max: villages - 1 }),
        len: fc.constantFrom(2 as const, 4 as const, 6 as const, 9 as const, 12 as const),
        subject: fc.nat(),
      }),
      { maxLength: 3 },
    ),
    readers: fc.array(
      fc
        .record({
          village: fc.integer({ min: -1, max: villages - 1 }),
          len: fc.constantFrom(2 as const, 4 as const, 6 as const, 9 as const, 12 as const),
          before: fc.array(fc.record({ back: fc.integer({ min: 1, max: 36 }), people: fc.integer({ min: 1, max: 60 }) }), {
            maxLength: 8,
          }),
        })
        .chain((r) => {
          // Today's count, often right at an edge: the threshold, or five times the usual day of the 30 before.
          const perDay = new Map<number, number>()
          for (const b of r.before.filter((x) => x.back <= 30)) perDay.set(b.back, (perDay.get(b.back) ?? 0) + b.people)
          const five = 5 * median([...perDay.values()])
          const edges = [39, 40, Math.floor(five) - 1, Math.floor(five), Math.ceil(five), Math.ceil(five) + 1].filter((n) => n >= 1)
          return fc
            .oneof({ arbitrary: fc.integer({ min: 1, max: 90 }), weight: 1 }, { arbitrary: fc.constantFrom(...edges), weight: 3 })
            .map((today) => ({ ...r, today }))
        }),
      { minLength: 1, maxLength: 4 },
    ),
    proposals: fc.array(fc.record({ orders: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }), {
      maxLength: 2,
    }),
    disputes: fc.array(
      fc.record({ workshop: fc.nat(), wage: fc.boolean(), party: fc.nat(), byCollective: fc.boolean() }),
      { maxLength: 3 },
    ),
  })
}

export interface Shop {
  id: string
  type: string
  regionCode: string
  collectiveId: string | null
  operated: boolean
  /** status 'operating' (else 'planned'): what coverage counts. */
  operating: boolean
  partners: Set<string>
}
export interface Person {
  id: string
  name: string
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
  qty: number
  workshopId: string
  workerId: string
  regionCode: string
}
/** A row that belongs to a workshop (pay sheet, technical problem, improvement plan), in the workshop's village. */
export interface ShopRow {
  id: string
  workshopId: string
  regionCode: string
}
export interface Sheet extends ShopRow {
  locked: boolean
  /** A locked sheet's net pay (no lines behind it: the figure alone is summed); 0 when open. */
  totalFen: number
}
export interface Batch {
  id: string
  regionCode: string
  workshopId: string | null
}
export interface Dispute extends ShopRow {
  workerId: string | null
  enterpriseId: string | null
  /** Opened by the collective caller's account. */
  byCollective: boolean
}
export interface Order {
  id: string
  enterpriseId: string
  regionCode: string
}
/** Part of an order offered to a workshop (in the workshop's village). */
export interface Allocation extends ShopRow {
  orderId: string
}
/** A row of a collective's books, in the collective's village. */
export interface CollectiveRow {
  id: string
  collectiveId: string
  regionCode: string
}
export interface Opportunity {
  id: string
  regionCode: string
  collectiveId: string | null
  open: boolean
}
export interface Application {
  id: string
  opportunityId: string
  enterpriseId: string
  /** The opportunity's. */
  regionCode: string
  collectiveId: string | null
}
export interface Proposal {
  id: string
  orderIds: string[]
}
export interface Session {
  id: string
  /** A township (9 digits) or a village (12). */
  regionCode: string
  workshopId: string | null
}
export interface World {
  enterprises: Row[]
  collectives: Row[]
  workshops: Shop[]
  workers: Person[]
  records: Line[]
  paysheets: Sheet[]
  sessions: Session[]
  experts: Row[]
  problems: ShopRow[]
  plans: ShopRow[]
  ratings: ShopRow[]
  nominations: ShopRow[]
  batches: Batch[]
  disputes: Dispute[]
  orders: Order[]
  allocations: Allocation[]
  proposals: Proposal[]
  /** What an order owes a workshop for accepted deliveries, one line per order and workshop ("order/workshop"). */
  arrears: Allocation[]
  sales: ShopRow[]
  tourism: ShopRow[]
  incomes: CollectiveRow[]
  members: CollectiveRow[]
  runs: CollectiveRow[]
  opportunities: Opportunity[]
  applications: Application[]
  targets: Row[]
  /** Keyed by their region code. */
  approvalRules: Row[]
  notices: Row[]
  /**
   * Entries of the world's own action, `auditAction` (the log is append-only, so earlier worlds' entries stay,
   * and the test's own reads write others meanwhile).
   */
  audits: { id: string; regionCode: string | null; subjectId: string }[]
  /**
   * The generated readers' days, of this world and every earlier one (their entries stay in the log): how many
   * different people each account read on each China date, and the region the reads are filed under.
   */
  readerDays: { userId: string; username: string; regionCode: string | null; day: string; people: number }[]
  /** A finished import and an expired export of each account: only the owner (and an administrator) reads them. */
  jobs: { id: string; owner: string; export: boolean }[]
  auditAction: string
  /** The user ids of the generated accounts (every caller but the public). */
  accounts: string[]
}

export interface Caller {
  label: string
  role: Role
  token: string | null
  /** The account's user id (not for the public). */
  userId?: string
  /** The account's own region (staff: their scope; others: where they live or are registered). */
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
  await db.execute(
    sql`truncate workshops, workers, enterprises, collectives, training_sessions, experts, payment_batches, partner_opportunities, targets, paysheet_approval_rules, plans cascade`,
  )
  await db.execute(sql`delete from import_jobs where user_id in (select id from users where username like 'scope-%')`)
  await db.execute(sql`delete from users where username like 'scope-%'`)
  await db.execute(sql`delete from staff_notices`)
  // TRUNCATE fires no row triggers: the cockpit and income roll-ups would keep the last world's figures.
  await db.execute(sql`select cockpit_rebuild()`)
}

let serial = 0
/** Every generated reader's days so far: the audit log is append-only, so earlier worlds' readers stay in it. */
const readerDays: World['readerDays'] = []

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
  const operatorRegion = v(spec.operatorVillage)
  const operator = await user('operator', { regionCode: operatorRegion })

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
        // Every other one operating, the rest planned: what coverage counts (no generated choice, so the worlds
        // drawn from a seed stay the same).
        status: i % 2 === 0 ? 'operating' : 'planned',
      })
      .returning({ id: workshops.id })
    const partners = new Set(ents.filter((_, k) => w.partners[k]).map((e) => e.id))
    if (partners.size)
      await db
        .insert(workshopEnterprises)
        .values([...partners].map((enterpriseId) => ({ workshopId: row!.id, enterpriseId })))
    shops.push({ id: row!.id, type: w.type, regionCode: v(w.village), collectiveId, operated: w.operated, operating: i % 2 === 0, partners })
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
      await db.insert(workshopMembers).values(
        mine.map(([workshopId, ended]) => ({
          workshopId,
          workerId: row!.id,
          startOn: '2024-01-01',
          endOn: ended ? '2024-06-30' : null,
        })),
      )
    people.push({ id: row!.id, name: `工人${i}`, regionCode: v(p.village), shops: mine.map(([id]) => id) })
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
    records.push({ id: row!.id, qty: r.qty, workshopId: shop.id, workerId: p.id, regionCode: shop.regionCode })
  }

  const shopOf = (i: number) => shops[i % shops.length]!
  const sheets: Sheet[] = []
  for (const x of spec.sheets) {
    const shop = shopOf(x.workshop)
    if (sheets.some((s) => s.workshopId === shop.id)) continue // one sheet per workshop and month
    const totalFen = x.locked ? 10_000 * 2 ** sheets.length : 0
    const [row] = await db
      .insert(paysheets)
      .values({
        workshopId: shop.id,
        regionCode: shop.regionCode,
        month: '2024-03',
        status: x.locked ? 'locked' : 'draft',
        ...(x.locked
          ? {
              workerCount: 0,
              goodQty: 0,
              rejectedQty: 0,
              grossFen: 0,
              adjustmentsFen: 0,
              deductionsFen: 0,
              totalFen,
            }
          : {}),
      })
      .returning({ id: paysheets.id })
    sheets.push({ id: row!.id, workshopId: shop.id, regionCode: shop.regionCode, locked: x.locked, totalFen })
  }
  const sessions: Session[] = []
  for (const [i, x] of spec.sessions.entries()) {
    const host = x.host === null ? null : shopOf(x.host)
    const place = host ? host.regionCode : v(x.village)
    const regionCode = x.township ? place.slice(0, 9) : place
    const [row] = await db
      .insert(trainingSessions)
      .values({
        regionCode,
        workshopId: host?.id ?? null,
        topic: `培训${i}`,
        skill: 'sewing',
        trainer: '讲师',
        place: '村委会',
        sessionDate: '2024-03-10',
        capacity: 20,
      })
      .returning({ id: trainingSessions.id })
    sessions.push({ id: row!.id, regionCode, workshopId: host?.id ?? null })
  }
  const pros: Row[] = []
  for (const [i, x] of spec.experts.entries()) {
    const regionCode = v(x.village).slice(0, x.len)
    const [row] = await db
      .insert(experts)
      .values({ name: `专家${i}`, regionCode })
      .returning({ id: experts.id })
    pros.push({ id: row!.id, regionCode })
  }
  const problems: ShopRow[] = []
  for (const [i, x] of spec.problems.entries()) {
    const shop = shopOf(x.workshop)
    const [row] = await db
      .insert(techProblems)
      .values({
        workshopId: shop.id,
        regionCode: shop.regionCode,
        title: `问题${i}`,
        description: '针脚不齐',
        status: x.open ? 'open' : 'resolved',
      })
      .returning({ id: techProblems.id })
    problems.push({ id: row!.id, workshopId: shop.id, regionCode: shop.regionCode })
  }
  const plans: ShopRow[] = []
  for (const x of spec.plans) {
    const shop = shopOf(x.workshop)
    const [row] = await db
      .insert(improvementPlans)
      .values({ workshopId: shop.id, regionCode: shop.regionCode, year: 2024, reason: '评级不合格', plan: '整改' })
      .returning({ id: improvementPlans.id })
    plans.push({ id: row!.id, workshopId: shop.id, regionCode: shop.regionCode })
  }
  const ratings: ShopRow[] = []
  const nominations: ShopRow[] = []
  for (const x of spec.ratings) {
    const shop = shopOf(x.workshop)
    if (ratings.some((r) => r.workshopId === shop.id)) continue // one rating per workshop and year
    const [row] = await db
      .insert(workshopRatings)
      .values({ workshopId: shop.id, regionCode: shop.regionCode, year: 2024, score: 85, stars: 4 })
      .returning({ id: workshopRatings.id })
    ratings.push({ id: row!.id, workshopId: shop.id, regionCode: shop.regionCode })
    if (!x.nominated) continue
    const [nom] = await db
      .insert(demonstrationNominations)
      .values({ workshopId: shop.id, regionCode: shop.regionCode, year: 2024, reason: '带动就业' })
      .returning({ id: demonstrationNominations.id })
    nominations.push({ id: nom!.id, workshopId: shop.id, regionCode: shop.regionCode })
  }
  const batches: Batch[] = []
  for (const [i, x] of spec.batches.entries()) {
    const shop = shopOf(x.workshop)
    const b = { workshopId: x.one ? shop.id : null, regionCode: x.one ? shop.regionCode : shop.regionCode.slice(0, 6) }
    const [row] = await db
      .insert(paymentBatches)
      .values({ ...b, number: `PB-scope-${run}-${i}` })
      .returning({ id: paymentBatches.id })
    batches.push({ id: row!.id, ...b })
  }
  const deals: Order[] = []
  const offers: Allocation[] = []
  const owed: Allocation[] = []
  for (const [i, x] of spec.orders.entries()) {
    const o = { enterpriseId: ents[x.enterprise % ents.length]!.id, regionCode: v(x.village) }
    const [row] = await db
      .insert(orders)
      .values({
        ...o,
        product: `订单${i}`,
        quantity: 1000,
        workshopRateCentifen: 2000,
        workerRateCentifen: 1500,
        startOn: '2024-03-01',
        dueOn: '2024-04-30',
        pickupLng: 120,
        pickupLat: 30,
        maxBatch: 500,
        status: 'allocated',
      })
      .returning({ id: orders.id })
    deals.push({ id: row!.id, ...o })
    for (const k of new Set(x.to.map((n) => n % shops.length))) {
      const shop = shops[k]!
      const [a] = await db
        .insert(allocations)
        .values({
          orderId: row!.id,
          workshopId: shop.id,
          regionCode: shop.regionCode,
          quantity: 100,
          source: 'manual',
          status: 'offered',
        })
        .returning({ id: allocations.id })
      offers.push({ id: a!.id, orderId: row!.id, workshopId: shop.id, regionCode: shop.regionCode })
      if (!x.delivered) continue
      await db.insert(deliveries).values({
        workshopId: shop.id,
        regionCode: shop.regionCode,
        deliveredOn: '2024-04-01',
        quantity: 100,
        acceptedQty: 100,
        acceptedOn: '2024-04-02',
        orderId: row!.id,
        allocationId: a!.id,
        amountFen: 20_000,
        dueOn: '2024-05-02',
      })
      owed.push({ id: `${row!.id}/${shop.id}`, orderId: row!.id, workshopId: shop.id, regionCode: shop.regionCode })
    }
  }
  const sales: ShopRow[] = []
  const tourism: ShopRow[] = []
  for (const x of spec.facts) {
    const shop = shopOf(x.workshop)
    const at = { workshopId: shop.id, regionCode: shop.regionCode }
    if (x.tourism) {
      const [row] = await db
        .insert(tourismRecords)
        .values({ ...at, recordDate: '2024-03-02', visitors: 30, revenueFen: 90_000 })
        .returning({ id: tourismRecords.id })
      tourism.push({ id: String(row!.id), ...at })
    } else {
      const [row] = await db
        .insert(salesSessions)
        .values({ ...at, sessionDate: '2024-03-02', platform: 'douyin', salesFen: 120_000 })
        .returning({ id: salesSessions.id })
      sales.push({ id: String(row!.id), ...at })
    }
  }
  const incomes: CollectiveRow[] = []
  const members: CollectiveRow[] = []
  const runs: CollectiveRow[] = []
  for (const [i, x] of spec.books.entries()) {
    const col = cols[x.collective % cols.length]!
    const of = { collectiveId: col.id, regionCode: col.regionCode }
    if (x.kind === 'income') {
      const [row] = await db
        .insert(collectiveIncomes)
        .values({ ...of, kind: 'rent', amountFen: 500_000, incomeDate: '2024-03-05' })
        .returning({ id: collectiveIncomes.id })
      incomes.push({ id: String(row!.id), ...of })
    } else if (x.kind === 'member') {
      const [row] = await db
        .insert(collectiveMembers)
        .values({ ...of, householdNo: `H${run}-${i}`, headName: `户主${i}`, shares: 3 })
        .returning({ id: collectiveMembers.id })
      members.push({ id: row!.id, ...of })
    } else {
      const [row] = await db
        .insert(profitSharingRuns)
        .values({ ...of, title: `分红${i}`, period: '2024', totalFen: 0, totalShares: 0, households: 0 })
        .returning({ id: profitSharingRuns.id })
      runs.push({ id: row!.id, ...of })
    }
  }
  const opportunities: Opportunity[] = []
  const applications: Application[] = []
  for (const [i, x] of spec.offers.entries()) {
    const col = x.collective === null ? null : cols[x.collective % cols.length]!
    const o = { regionCode: col?.regionCode ?? v(x.village), collectiveId: col?.id ?? null }
    const [row] = await db
      .insert(partnerOpportunities)
      .values({
        ...o,
        title: `闲置厂房${i}`,
        kind: 'idle_building',
        description: '村小学旧址',
        status: x.open ? 'open' : 'closed',
      })
      .returning({ id: partnerOpportunities.id })
    opportunities.push({ id: row!.id, ...o, open: x.open })
    for (const k of new Set(x.applicants.map((n) => n % ents.length))) {
      const [a] = await db
        .insert(partnerApplications)
        .values({ opportunityId: row!.id, enterpriseId: ents[k]!.id, ...o, proposal: '来料加工' })
        .returning({ id: partnerApplications.id })
      applications.push({ id: a!.id, opportunityId: row!.id, enterpriseId: ents[k]!.id, ...o })
    }
  }
  const goals: Row[] = []
  const approvalRules: Row[] = []
  for (const x of spec.policies) {
    const regionCode = v(x.village).slice(0, x.len)
    if (x.target) {
      if (goals.some((g) => g.regionCode === regionCode)) continue // one figure a region and year
      const [row] = await db
        .insert(targets)
        .values({ regionCode, year: 2024, figure: 'operating_workshops', value: 10 })
        .returning({ id: targets.id })
      goals.push({ id: row!.id, regionCode })
    } else {
      if (approvalRules.some((r) => r.regionCode === regionCode)) continue
      await db.insert(paysheetApprovalRules).values({ regionCode })
      approvalRules.push({ id: regionCode, regionCode })
    }
  }
  const notices: Row[] = []
  for (const [i, x] of spec.notices.entries()) {
    const regionCode = v(x.village).slice(0, x.len)
    const [row] = await db
      .insert(staffNotices)
      .values({ regionCode, kind: 'reveal_limit', title: `通知${i}`, dedupeKey: `scope-${run}-${i}` })
      .returning({ id: staffNotices.id })
    notices.push({ id: String(row!.id), regionCode })
  }
  const audits: World['audits'] = []
  for (const x of spec.audits) {
    const regionCode = x.village < 0 ? null : v(x.village).slice(0, x.len)
    const subjectId = people[x.subject % people.length]!.id
    // Dated an hour ahead: a worker's page shows the last 50 views, and the test's own reads add many.
    const [row] = await db
      .insert(auditLog)
      .values({
        action: `scope.world${run}`,
        targetType: 'region',
        regionCode,
        subjectIds: [subjectId],
        at: new Date(Date.now() + 3_600_000),
      })
      .returning({ id: auditLog.id })
    audits.push({ id: String(row!.id), regionCode, subjectId })
  }
  for (const [i, x] of spec.readers.entries()) {
    const regionCode = x.village < 0 ? null : v(x.village).slice(0, x.len)
    const userId = randomUUID()
    const username = `scope-reader-${run}-${i}`
    const today = chinaDate()
    for (const [day, people] of [[today, x.today] as const, ...x.before.map((b) => [addDays(today, -b.back), b.people] as const)]) {
      // Each entry its own new people, so the people of a day are the sum of its entries.
      await db.insert(auditLog).values({
        userId,
        username,
        action: 'worker.list',
        targetType: 'worker',
        regionCode,
        subjectIds: Array.from({ length: people }, () => randomUUID()),
        at: day === today ? new Date() : new Date(`${day}T10:00:00+08:00`),
      })
      readerDays.push({ userId, username, regionCode, day, people })
    }
  }
  const proposals: Proposal[] = []
  for (const x of deals.length ? spec.proposals : []) {
    const orderIds = [...new Set(x.orders.map((n) => deals[n % deals.length]!.id))]
    const solver = {
      status: 'Optimal',
      mipGap: 0,
      solveMs: 1,
      objectiveFen: 0,
      greedyObjectiveFen: 0,
      ratio: null,
      variables: 0,
      constraints: 0,
    }
    const [row] = await db
      .insert(orderPlans)
      .values({
        orderIds,
        options: { maxDistanceKm: 80, timeLimitMs: 5000, mipGap: 0.005 },
        result: { solver, orders: [] },
      })
      .returning({ id: orderPlans.id })
    proposals.push({ id: row!.id, orderIds })
  }

  const callers: Caller[] = [{ label: 'public', role: 'public', token: null }]
  const admin = await user('admin')
  callers.push({ label: 'admin', role: 'admin', userId: admin.id, token: admin.token })
  /** An account of `role` for what `link` names (its region; the enterprise, collective or worker it acts for). */
  const addCaller = async (
    role: 'staff' | 'enterprise' | 'collective' | 'worker',
    link: Pick<Caller, 'regionCode' | 'enterpriseId' | 'collectiveId' | 'workerId'>,
    label: string = role,
  ) => {
    const u = await user(role, link)
    callers.push({ label, role, ...link, userId: u.id, token: u.token })
    return u
  }
  for (const s of spec.staff) {
    // Village -1: a city none of the pool's villages lies in.
    const regionCode = s.village < 0 ? '3302' : v(s.village).slice(0, s.len)
    await addCaller('staff', { regionCode }, `staff ${regionCode}`)
  }
  callers.push({
    label: 'operator',
    role: 'operator',
    regionCode: operatorRegion,
    userId: operator.id,
    token: operator.token,
  })
  const ent = ents[spec.pick.enterprise % ents.length]!
  await addCaller('enterprise', { enterpriseId: ent.id, regionCode: ent.regionCode })
  const col = cols[spec.pick.collective % cols.length]!
  const colUser = await addCaller('collective', { collectiveId: col.id, regionCode: col.regionCode })
  const me = people[spec.pick.worker % people.length]!
  await addCaller('worker', { workerId: me.id, regionCode: me.regionCode })

  const jobs: World['jobs'] = []
  for (const c of callers) {
    if (!c.userId) continue
    for (const kind of ['import:workers', 'export:workers']) {
      const [row] = await db
        .insert(importJobs)
        .values({ kind, state: 'done', userId: c.userId, fileName: `${c.label}.csv` })
        .returning({ id: importJobs.id })
      jobs.push({ id: row!.id, owner: c.userId, export: kind.startsWith('export') })
    }
  }

  const quarrels: Dispute[] = []
  for (const [i, x] of spec.disputes.entries()) {
    const shop = shopOf(x.workshop)
    const d = {
      workshopId: shop.id,
      regionCode: shop.regionCode,
      workerId: x.wage ? people[x.party % people.length]!.id : null,
      enterpriseId: x.wage ? null : ents[x.party % ents.length]!.id,
    }
    const [row] = await db
      .insert(disputes)
      .values({
        ...d,
        subject: x.wage ? 'wage' : 'order',
        title: `纠纷${i}`,
        description: '工钱未结',
        openedBy: x.byCollective ? colUser.id : null,
      })
      .returning({ id: disputes.id })
    quarrels.push({ id: row!.id, ...d, byCollective: x.byCollective })
  }

  return {
    world: {
      enterprises: ents,
      collectives: cols,
      workshops: shops,
      workers: people,
      records,
      paysheets: sheets,
      sessions,
      experts: pros,
      problems,
      plans,
      ratings,
      nominations,
      batches,
      disputes: quarrels,
      orders: deals,
      allocations: offers,
      proposals,
      arrears: owed,
      sales,
      tourism,
      incomes,
      members,
      runs,
      opportunities,
      applications,
      targets: goals,
      approvalRules,
      notices,
      audits,
      readerDays: [...readerDays],
      jobs,
      auditAction: `scope.world${run}`,
      accounts: callers.flatMap((c) => (c.userId ? [c.userId] : [])),
    },
    callers,
  }
}
