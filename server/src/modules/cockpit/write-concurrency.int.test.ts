import { expect, test } from 'vitest'
import { foldPendingWork } from './fold.ts'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()

/**
 * Concurrent transactions that each insert work records in two statements, for overlapping workers and
 * months in opposite orders, must all commit: the roll-up triggers may not deadlock (PostgreSQL; on
 * PGlite transactions are serialised anyway). Totals must then equal the base rows.
 */
test('concurrent multi-statement work-record writers never deadlock and the roll-up stays exact', async () => {
  const db = t.database.db
  const members = await queryRows<{ worker_id: string; workshop_id: string; region_code: string }>(
    db,
    sql`select m.worker_id, m.workshop_id, w.region_code from workshop_members m join workshops w on w.id = m.workshop_id
        where m.end_on is null order by m.worker_id limit 12`,
  )
  expect(members.length).toBe(12)
  const insert = (m: (typeof members)[number], date: string) =>
    sql`(${m.workshop_id}::uuid, ${m.worker_id}::uuid, ${m.region_code}, ${date}::date, 10, 0, 1000, 10)`
  const writers = Array.from({ length: 16 }, (_, i) => {
    const mine = [0, 1, 2, 3].map((k) => members[(i * 3 + k) % members.length]!)
    const months = i % 2 === 0 ? ['2027-01-15', '2027-02-15'] : ['2027-02-15', '2027-01-15']
    return db.transaction(async (tx) => {
      for (const d of months) {
        const rows = (i % 4 < 2 ? mine : [...mine].reverse()).map((m) => insert(m, d))
        await tx.execute(
          sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen) values ${sql.join(rows, sql`, `)}`,
        )
      }
    })
  })
  const results = await Promise.allSettled(writers)
  const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
  expect(failures).toEqual([])
  const [base] = await queryRows<{ w: string }>(db, sql`select coalesce(sum(amount_fen), 0)::text as w from work_records where work_date >= '2027-01-01'`)
  await foldPendingWork(db) // writers only queue; readers fold
  const [rolled] = await queryRows<{ w: string }>(
    db,
    sql`select coalesce(sum(wages_fen), 0)::text as w from cockpit_sums where node = '33' and month in (select cockpit_month('2027-01-15'::date) union select cockpit_month('2027-02-15'::date))`,
  )
  expect(base!.w).toBe(String(16 * 2 * 4 * 10))
  expect(rolled!.w).toBe(base!.w)
})
