/**
 * The same figures computed straight from the base tables, without the roll-ups: the reference the
 * property test compares with, and the "direct" side of the benchmark. Slow at province scale by design.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { CockpitFigures } from '@gongfang/shared/cockpit'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { inRegion } from '../../auth/access/wages.ts'
import { emptyRaw, inOrder, periodDates, toFigures } from './figures.ts'

/** A region code (prefix of village codes) or a workshop. */
export type DirectPlace = { region: string } | { workshopId: string }

function placeFilter(place: DirectPlace, regionCol: string, workshopCol: string): SQL {
  return 'region' in place
    ? inRegion(sql.raw(regionCol), place.region)
    : sql`${sql.raw(workshopCol)} = ${place.workshopId}::uuid`
}

export async function directFigures(db: DbOrTx, place: DirectPlace, from: string, to: string): Promise<CockpitFigures> {
  const { start, end } = periodDates(from, to)
  const wr = placeFilter(place, 'region_code', 'workshop_id')
  const raw = emptyRaw()
  const [work, persons, deliv, coll, sales, tour, types, ents] = await inOrder([
    () =>
      queryRows<{ w: number; q: number }>(
        db,
        sql`select coalesce(sum(amount_fen), 0)::bigint as w, coalesce(sum(good_qty), 0)::bigint as q
          from work_records where ${wr} and work_date between ${start} and ${end}`,
      ),
    () =>
      // A worker's month is active when their earnings there that month are > 0 (low-income/disabled: on flagged lines).
      queryRows<{ all_: number; low: number; dis: number; months: number }>(
        db,
        sql`with m as (
            select worker_id, date_trunc('month', work_date) as mo, sum(amount_fen) as a,
              coalesce(sum(amount_fen) filter (where low_income), 0) as l, coalesce(sum(amount_fen) filter (where disabled), 0) as d
            from work_records where ${wr} and work_date between ${start} and ${end} group by 1, 2)
          select count(distinct worker_id) filter (where a > 0)::bigint as all_, count(distinct worker_id) filter (where l > 0)::bigint as low,
            count(distinct worker_id) filter (where d > 0)::bigint as dis, count(*) filter (where a > 0)::bigint as months from m`,
      ),
    () =>
      queryRows<{ n: number }>(
        db,
        sql`select coalesce(sum(accepted_qty), 0)::bigint as n from deliveries
          where ${wr} and accepted_on between ${start} and ${end} and accepted_qty is not null`,
      ),
    () =>
      queryRows<{ n: number }>(
        db,
        sql`select coalesce(sum(amount_fen), 0)::bigint as n from collective_incomes
          where ${placeFilter(place, 'region_code', 'source_workshop_id')} and income_date between ${start} and ${end}`,
      ),
    () =>
      queryRows<{ s: number; o: number }>(
        db,
        sql`select coalesce(sum(sales_fen), 0)::bigint as s, coalesce(sum(orders_count), 0)::bigint as o from sales_sessions
          where ${wr} and session_date between ${start} and ${end}`,
      ),
    () =>
      queryRows<{ v: number; r: number }>(
        db,
        sql`select coalesce(sum(visitors), 0)::bigint as v, coalesce(sum(revenue_fen), 0)::bigint as r from tourism_records
          where ${wr} and record_date between ${start} and ${end}`,
      ),
    () =>
      // Operating at the end of the period: the latest status change on or before that day (ties by id);
      // a workshop without history is operating since opened_on when its status is operating.
      queryRows<{ type: string; n: number }>(
        db,
        sql`select w.type, count(*)::bigint as n from workshops w
          where ${placeFilter(place, 'w.region_code', 'w.id')} and case
            when exists (select 1 from workshop_status_history h where h.workshop_id = w.id)
              then coalesce((select h.status from workshop_status_history h where h.workshop_id = w.id and h.effective_on <= ${end}
                             order by h.effective_on desc, h.id desc limit 1), '') = 'operating'
            else w.status = 'operating' and (w.opened_on is null or w.opened_on <= ${end}) end
          group by w.type`,
      ),
    () =>
      queryRows<{ n: number }>(
        db,
        sql`select count(distinct we.enterprise_id)::bigint as n from workshop_enterprises we join workshops w on w.id = we.workshop_id
          where ${placeFilter(place, 'w.region_code', 'w.id')} and (we.since is null or we.since <= ${end})`,
      ),
  ] as const)
  raw.sums.wagesFen = Number(work[0]!.w)
  raw.sums.goodQty = Number(work[0]!.q)
  raw.persons = {
    all: Number(persons[0]!.all_),
    lowIncome: Number(persons[0]!.low),
    disabled: Number(persons[0]!.dis),
    workerMonths: Number(persons[0]!.months),
  }
  raw.sums.deliveredQty = Number(deliv[0]!.n)
  raw.sums.collectiveIncomeFen = Number(coll[0]!.n)
  raw.sums.salesFen = Number(sales[0]!.s)
  raw.sums.salesOrders = Number(sales[0]!.o)
  raw.sums.tourismVisitors = Number(tour[0]!.v)
  raw.sums.tourismRevenueFen = Number(tour[0]!.r)
  for (const t of types) raw.byType[t.type] = Number(t.n)
  raw.enterprisesLinked = Number(ents[0]!.n)
  return toFigures(raw)
}
