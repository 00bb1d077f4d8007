import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../test/harness.ts'
import { queryRows } from '../db/client.ts'

const t = useTestApp()
const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.database.db, q))[0]!

test('demo data is at Lishui scale: ≈14 million yuan collective income a year, 131 livestream workshops ≈1.6 billion yuan', async () => {
  const lastYear = new Date().getUTCFullYear() - 1
  const ci = await one<{ fen: string }>(sql`select coalesce(sum(amount_fen), 0)::text as fen from collective_incomes
    where region_code like '3311%' and extract(year from income_date) = ${lastYear}`)
  expect(Number(ci.fen)).toBe(1_400_000_000)
  const sales = await one<{ ws: number; fen: string }>(sql`select count(distinct workshop_id)::int as ws, sum(sales_fen)::text as fen from sales_sessions where region_code like '3311%'`)
  expect(sales.ws).toBeGreaterThan(0)
  expect(sales.ws).toBeLessThanOrEqual(131)
  // floor() per session loses less than a fen each
  expect(Math.abs(Number(sales.fen) - 160_000_000_000)).toBeLessThan(100_000)
  const tour = await one<{ n: number; v: number }>(sql`select count(*)::int as n, coalesce(sum(visitors), 0)::int as v from tourism_records t
    join workshops w on w.id = t.workshop_id where w.type = 'agritourism'`)
  expect(tour.n).toBeGreaterThan(0)
  expect(tour.v).toBeGreaterThan(0)
  const wrongType = await one<{ n: number }>(sql`select count(*)::int as n from sales_sessions s join workshops w on w.id = s.workshop_id where w.type <> 'ecommerce'`)
  expect(wrongType.n).toBe(0)
})

test("the demo's bulk inserts leave the cockpit roll-ups equal to the facts", async () => {
  const r = await one<Record<string, string>>(sql`select
    (select coalesce(sum(collective_income_fen), 0) from cockpit_sums where node = '')::text as ci_rollup,
    (select coalesce(sum(amount_fen), 0) from collective_incomes)::text as ci_facts,
    (select coalesce(sum(sales_fen), 0) from cockpit_sums where node = '3311')::text as sales_rollup,
    (select coalesce(sum(sales_fen), 0) from sales_sessions where region_code like '3311%')::text as sales_facts,
    (select coalesce(sum(tourism_visitors), 0) from cockpit_sums where level = 3)::text as visitors_rollup,
    (select coalesce(sum(visitors), 0) from tourism_records)::text as visitors_facts`)
  expect(r.ci_rollup).toBe(r.ci_facts)
  expect(r.sales_rollup).toBe(r.sales_facts)
  expect(r.visitors_rollup).toBe(r.visitors_facts)
})

test('the demo collective has members and a confirmed run whose lines sum to its total', async () => {
  const run = await one<{ total: number; lines: string; n: number; status: string }>(sql`select r.total_fen as total, r.status, count(l.*)::int as n, sum(l.amount_fen)::text as lines
    from profit_sharing_runs r join profit_sharing_lines l on l.run_id = r.id
    where r.region_code = '331126001200' and r.status = 'confirmed' group by r.id`)
  expect(run.n).toBe(126)
  expect(Number(run.lines)).toBe(run.total)
})
