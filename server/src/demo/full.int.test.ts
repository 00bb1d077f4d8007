import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../test/harness.ts'
import { queryRows } from '../db/client.ts'
import { DEFERRED_LINE_INDEXES, buildDeferredIndexes, writeDemoWork } from './lines.ts'

const t = useTestApp()
// A month the small demo has no work in: the full demo's generator writes it for Qingyuan's workshops.
const MONTH = '2025-01'
const summary = async () => (await t.api('GET', `/api/cockpit/summary?region=331126&from=${MONTH}&to=${MONTH}`, { as: 'qingyuan' })).body.figures

test('the full demo’s figures come from its daily lines: the cockpit reads what the generator wrote, sheets carry it, a rerun adds nothing', async () => {
  const before = await summary()
  expect(before.wagesFen).toBe(0)

  const write = () => writeDemoWork(t.database.db, { from: `${MONTH}-01`, to: `${MONTH}-31`, counties: ['331126'], sheets: { from: MONTH, through: MONTH, paidBefore: '2025-02' } })
  const out = await write()
  expect(out.lines).toBeGreaterThan(100)

  // The cockpit (roll-ups folded through the queue like any day sheet) against the generator's own totals and a
  // recount of the base lines.
  const after = await summary()
  const [base] = await queryRows<{ lines: number; fen: number; workers: number; low: number }>(
    t.database.db,
    sql`select count(*)::int as lines, sum(amount_fen)::bigint as fen, count(distinct worker_id)::int as workers,
          count(distinct worker_id) filter (where low_income)::int as low
        from work_records where pay_month = ${MONTH} and region_code like '331126%'`,
  )
  expect(Number(base!.fen)).toBe(out.fen)
  expect(base!.lines).toBe(out.lines)
  expect(after.wagesFen).toBe(out.fen)
  expect(after.workersEmployed).toBe(base!.workers)
  expect(after.lowIncomeEmployed).toBe(base!.low)

  // Believable days: no one earns ¥0.19 or ¥5,000 a day, nor works more days than the month has.
  const [days] = await queryRows<{ lo: number; hi: number; most: number }>(
    t.database.db,
    sql`select min(amount_fen)::int as lo, max(amount_fen)::int as hi,
          (select max(n)::int from (select count(*) as n from work_records where pay_month = ${MONTH} and region_code like '331126%' group by worker_id, workshop_id) x) as most
        from work_records where pay_month = ${MONTH} and region_code like '331126%'`,
  )
  expect(days!.lo).toBeGreaterThanOrEqual(1_500)
  expect(days!.hi).toBeLessThanOrEqual(30_000)
  expect(days!.most).toBeLessThanOrEqual(27)

  // The month's sheets: locked in the hash chain and paid, their total the lines' total.
  const [sheets] = await queryRows<{ n: number; total: number; unpaid: number }>(
    t.database.db,
    sql`select count(*)::int as n, sum(total_fen)::bigint as total, count(*) filter (where status <> 'paid')::int as unpaid
        from paysheets where month = ${MONTH} and region_code like '331126%'`,
  )
  expect(sheets!.n).toBeGreaterThan(0)
  expect(Number(sheets!.total)).toBe(out.fen)
  expect(sheets!.unpaid).toBe(0)

  // A restart resumes: the month already written is left alone.
  expect(await write()).toMatchObject({ lines: 0, fen: 0 })
  expect((await summary()).wagesFen).toBe(out.fen)
  const [again] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from paysheets where month = ${MONTH} and region_code like '331126%'`)
  expect(again!.n).toBe(sheets!.n)
})

test('a bulk write that defers the lines’ indexes drops them only when it writes, and they come back as the migrations made them', async () => {
  const db = t.database.db
  const defs = async () =>
    (await queryRows<{ def: string }>(db, sql`select indexdef as def from pg_indexes where tablename = 'work_records' order by indexname`)).map((r) => r.def)
  const before = await defs()
  for (const name of Object.keys(DEFERRED_LINE_INDEXES)) expect(before.join('\n')).toContain(name)

  const write = () => writeDemoWork(db, { from: '2025-03-01', to: '2025-03-31', counties: ['331126'], deferIndexes: true })
  expect((await write()).lines).toBeGreaterThan(100)
  const during = await defs()
  expect(during).toHaveLength(before.length - Object.keys(DEFERRED_LINE_INDEXES).length)
  await buildDeferredIndexes(db)
  expect(await defs()).toEqual(before)

  // Nothing left to write (a restart after the last slice): the indexes stay.
  expect((await write()).lines).toBe(0)
  expect(await defs()).toEqual(before)
})

test('while no request waits, consecutive slices share a transaction; one that waited brings it back to one slice', async () => {
  const db = t.database.db
  const writes: number[] = []
  // A request was waiting before the 3rd transaction only.
  let call = 0
  const out = await writeDemoWork(db, {
    from: '2025-04-01',
    to: '2025-04-30',
    counties: ['331126'],
    sliceWorkers: 5,
    mergeSlices: 3,
    giveWay: async () => ++call === 3,
    progress: (done) => writes.push(done),
  })
  expect(out.lines).toBeGreaterThan(100)
  const sizes = writes.map((d, i) => d - (writes[i - 1] ?? 0))
  // 1, then 2, then back to 1 after the wait, then 2 and 3 (capped) as long as there are slices.
  expect(sizes.slice(0, 5)).toEqual([1, 2, 1, 2, 3])
  expect(Math.max(...sizes)).toBeLessThanOrEqual(3)
  expect(writes.at(-1)).toBe(sizes.reduce((a, b) => a + b, 0))
})
