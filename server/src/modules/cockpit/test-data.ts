/**
 * Random programme data for the cockpit's tests, written straight into the base tables with SQL
 * (the roll-up triggers do the rest). Test-only helper.
 */
import { randomUUID } from 'node:crypto'
import { foldPendingWork } from './fold.ts'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { WORKSHOP_TYPES } from '@gongfang/shared/cockpit'
import { queryRows, type DbOrTx } from '../../db/client.ts'

const STATUSES = ['planned', 'operating', 'suspended', 'closed'] as const
/** Months 2024-11 … 2025-06 as offsets 0..7 from 2024-11. */
export const MONTHS = ['2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'] as const
const day = (mo: number, d: number) => `${MONTHS[mo]}-${String(d).padStart(2, '0')}`

const monthArb = fc.integer({ min: 0, max: MONTHS.length - 1 })
const dayArb = fc.integer({ min: 1, max: 28 })

export const scenarioArb = fc.record({
  workshops: fc.array(
    fc.record({
      village: fc.nat(),
      type: fc.constantFrom(...WORKSHOP_TYPES),
      status: fc.constantFrom(...STATUSES),
      openedOn: fc.option(fc.tuple(monthArb, dayArb), { nil: null }),
      history: fc.array(fc.record({ status: fc.constantFrom(...STATUSES), month: monthArb, day: dayArb }), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  workers: fc.array(fc.record({ village: fc.nat() }), { minLength: 1, maxLength: 8 }),
  // Written in a few statements so that both single-row and multi-row trigger runs are exercised.
  workBatches: fc.array(
    fc.array(
      fc.record({
        workshop: fc.nat(),
        worker: fc.nat(),
        month: monthArb,
        day: dayArb,
        qty: fc.integer({ min: 0, max: 500 }),
        // Negative = a reversing line.
        amount: fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: -20_000, max: 0 })),
        low: fc.boolean(),
        dis: fc.boolean(),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    { maxLength: 4 },
  ),
  links: fc.array(fc.record({ workshop: fc.nat(), enterprise: fc.integer({ min: 0, max: 2 }), since: fc.option(monthArb, { nil: null }) }), {
    maxLength: 5,
  }),
  deliveries: fc.array(
    fc.record({ workshop: fc.nat(), qty: fc.integer({ min: 1, max: 1000 }), accepted: fc.option(fc.tuple(monthArb, dayArb), { nil: null }), acceptLater: fc.boolean() }),
    { maxLength: 4 },
  ),
  incomes: fc.array(fc.record({ village: fc.nat(), workshop: fc.option(fc.nat(), { nil: null }), month: monthArb, amount: fc.integer({ min: 1, max: 1_000_000 }) }), {
    maxLength: 4,
  }),
  sales: fc.array(fc.record({ workshop: fc.nat(), month: monthArb, amount: fc.integer({ min: 0, max: 1_000_000 }), orders: fc.nat(50) }), { maxLength: 4 }),
  tourism: fc.array(fc.record({ workshop: fc.nat(), month: monthArb, visitors: fc.nat(300), revenue: fc.nat(100_000) }), { maxLength: 3 }),
  statusChangeLater: fc.option(fc.record({ workshop: fc.nat(), status: fc.constantFrom(...STATUSES) }), { nil: null }),
})
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

/**
 * Villages spread over the tree: two in one township, one in another township of the same county,
 * one in another county of the same city, one in another city.
 */
export async function pickVillages(db: DbOrTx): Promise<string[]> {
  const q = (like: string, notLike = 'x') =>
    queryRows<{ code: string }>(db, sql`select code from regions where level = 5 and code like ${like} and code not like ${notLike} order by code limit 2`)
  const a = await q('331126001%')
  const b = await q('331126%', '331126001%')
  const c = await q('3311%', '331126%')
  const d = await q('3301%')
  return [a[0]!.code, a[1]!.code, b[0]!.code, c[0]!.code, d[0]!.code]
}

export interface Written {
  workshopIds: string[]
  villages: string[]
}

export async function writeScenario(db: DbOrTx, s: Scenario, villages: string[]): Promise<Written> {
  const tag = randomUUID().slice(0, 8)
  const v = (i: number) => villages[i % villages.length]!
  const workshopIds: string[] = []
  for (const [i, w] of s.workshops.entries()) {
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`insert into workshops (name, type, region_code, status, opened_on)
          values (${`测试工坊${tag}-${i}`}, ${w.type}, ${v(w.village)}, ${w.status}, ${w.openedOn ? day(w.openedOn[0], w.openedOn[1]) : null})
          returning id::text as id`,
    )
    workshopIds.push(row!.id)
    for (const h of w.history)
      await db.execute(
        sql`insert into workshop_status_history (workshop_id, status, effective_on) values (${row!.id}, ${h.status}, ${day(h.month, h.day)})`,
      )
  }
  const workerIds: string[] = []
  for (const [i, w] of s.workers.entries()) {
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`insert into workers (name, id_number, birth_date, sex, region_code, baseline_monthly_income_fen)
          values (${`测试${i}`}, ${`T${tag}${i}`}, '1960-01-01', ${i % 2 ? 'F' : 'M'}, ${v(w.village)}, 100000) returning id::text as id`,
    )
    workerIds.push(row!.id)
  }
  const ws = (i: number) => workshopIds[i % workshopIds.length]!
  const regionOfWs = (i: number) => v(s.workshops[i % s.workshops.length]!.village)
  for (const batch of s.workBatches) {
    const values = batch.map(
      (r) =>
        sql`(${ws(r.workshop)}::uuid, ${workerIds[r.worker % workerIds.length]}::uuid, ${regionOfWs(r.workshop)}, ${day(r.month, r.day)}::date,
             ${r.qty}, 100, ${r.amount}, ${r.low}, ${r.dis})`,
    )
    await db.execute(
      sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rate_centifen, amount_fen, low_income, disabled)
          values ${sql.join(values, sql`, `)}`,
    )
    // Fold batch by batch: exercises the incremental fold (workers whose sums cross zero, negative lines).
    await foldPendingWork(db)
  }
  const enterpriseIds: string[] = []
  for (let i = 0; i < 3; i++) {
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`insert into enterprises (name, credit_code, region_code) values (${`测试企业${tag}${i}`}, ${`T${tag}${i}`}, '3311') returning id::text as id`,
    )
    enterpriseIds.push(row!.id)
  }
  const seen = new Set<string>()
  for (const l of s.links) {
    const key = `${ws(l.workshop)}|${l.enterprise}`
    if (seen.has(key)) continue
    seen.add(key)
    await db.execute(
      sql`insert into workshop_enterprises (workshop_id, enterprise_id, since) values (${ws(l.workshop)}, ${enterpriseIds[l.enterprise]}, ${l.since == null ? null : day(l.since, 15)})`,
    )
  }
  for (const d of s.deliveries) {
    const acc = d.accepted ? day(d.accepted[0], d.accepted[1]) : null
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`insert into deliveries (workshop_id, region_code, delivered_on, quantity, accepted_qty, accepted_on)
          values (${ws(d.workshop)}, ${regionOfWs(d.workshop)}, '2024-11-01', ${d.qty}, ${acc && !d.acceptLater ? d.qty - 1 : null}, ${acc && !d.acceptLater ? acc : null})
          returning id::text as id`,
    )
    // Accepted later by an update, as the orders module does.
    if (acc && d.acceptLater) await db.execute(sql`update deliveries set accepted_qty = ${d.qty}, accepted_on = ${acc} where id = ${row!.id}`)
  }
  if (s.incomes.length) {
    const [col] = await queryRows<{ id: string }>(
      db,
      sql`insert into collectives (name, kind, region_code) values (${`测试集体${tag}`}, 'collective', ${villages[0]}) returning id::text as id`,
    )
    for (const inc of s.incomes)
      await db.execute(
        sql`insert into collective_incomes (collective_id, region_code, kind, amount_fen, income_date, source_workshop_id)
            values (${col!.id}, ${inc.workshop == null ? v(inc.village) : regionOfWs(inc.workshop)}, 'rent', ${inc.amount}, ${day(inc.month, 10)},
                    ${inc.workshop == null ? null : ws(inc.workshop)})`,
      )
  }
  for (const x of s.sales)
    await db.execute(
      sql`insert into sales_sessions (workshop_id, region_code, session_date, platform, orders_count, sales_fen)
          values (${ws(x.workshop)}, ${regionOfWs(x.workshop)}, ${day(x.month, 5)}, 'douyin', ${x.orders}, ${x.amount})`,
    )
  for (const x of s.tourism)
    await db.execute(
      sql`insert into tourism_records (workshop_id, region_code, record_date, visitors, revenue_fen)
          values (${ws(x.workshop)}, ${regionOfWs(x.workshop)}, ${day(x.month, 6)}, ${x.visitors}, ${x.revenue})`,
    )
  if (s.statusChangeLater)
    await db.execute(sql`update workshops set status = ${s.statusChangeLater.status} where id = ${ws(s.statusChangeLater.workshop)}`)
  return { workshopIds, villages }
}
