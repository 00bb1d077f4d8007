import { sql } from 'drizzle-orm'
import { queryRows, type DbOrTx } from '../../db/client.ts'

/** The operational criteria measured from the platform's records for one workshop and year (null = not applicable). */
export interface WorkshopMetrics {
  employed: number
  low_income_share: number | null
  wages: number
  months_active: number
  fulfilment: number | null
  reject_rate: number | null
  arrears: number
  training: number
  disputes: number
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * Definitions (PRODUCT.md): employed = workers with earnings > 0 in the year; an active month = a month
 * with earnings > 0. Fulfilment = share of the quantity of accepted allocations due in the year that the
 * enterprise accepted by the order's due date. Reject rate = enterprise-rejected ÷ checked pieces of the
 * year's deliveries (the workshop's own recorded rejects when nothing was delivered). Arrears = what the
 * enterprises owe the workshop for deliveries due by the end of the period (or today) and not yet paid.
 * Training = attendances of the workshop's members in the year. Disputes = disputes about the workshop
 * opened in the year (withdrawn ones not counted).
 */
export async function workshopMetrics(
  db: DbOrTx,
  workshopId: string,
  year: number,
  today: string,
): Promise<WorkshopMetrics> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const asOf = to < today ? to : today
  const [wr] = await queryRows<Record<string, unknown>>(
    db,
    sql`with per_worker as (
          select worker_id, sum(amount_fen) as fen, bool_or(low_income) as low
          from work_records where workshop_id = ${workshopId} and work_date between ${from} and ${to}
          group by worker_id),
        per_month as (
          select date_trunc('month', work_date) as m, sum(amount_fen) as fen
          from work_records where workshop_id = ${workshopId} and work_date between ${from} and ${to}
          group by 1)
        select
          (select count(*) from per_worker where fen > 0)::int as employed,
          (select count(*) from per_worker where fen > 0 and low)::int as low_income,
          (select coalesce(sum(fen), 0) from per_worker)::bigint as wages,
          (select count(*) from per_month where fen > 0)::int as months,
          (select coalesce(sum(good_qty), 0) from work_records where workshop_id = ${workshopId} and work_date between ${from} and ${to})::bigint as good,
          (select coalesce(sum(rejected_qty), 0) from work_records where workshop_id = ${workshopId} and work_date between ${from} and ${to})::bigint as rejected`,
  )
  const [orders] = await queryRows<Record<string, unknown>>(
    db,
    sql`with due as (
          select a.id, a.quantity, o.due_on
          from allocations a join orders o on o.id = a.order_id
          where a.workshop_id = ${workshopId} and a.status = 'accepted' and o.status <> 'cancelled'
            and o.due_on between ${from} and ${to}),
        done as (
          select d.allocation_id, sum(coalesce(d.accepted_qty, 0)) as qty
          from deliveries d join due on due.id = d.allocation_id
          where d.accepted_on is not null and d.accepted_on <= due.due_on
          group by d.allocation_id)
        select
          (select coalesce(sum(quantity), 0) from due)::bigint as planned,
          (select coalesce(sum(least(done.qty, due.quantity)), 0) from due join done on done.allocation_id = due.id)::bigint as on_time,
          (select coalesce(sum(coalesce(accepted_qty, 0) + coalesce(rejected_qty, 0)), 0) from deliveries
             where workshop_id = ${workshopId} and accepted_on between ${from} and ${to})::bigint as checked,
          (select coalesce(sum(coalesce(rejected_qty, 0)), 0) from deliveries
             where workshop_id = ${workshopId} and accepted_on between ${from} and ${to})::bigint as ent_rejected,
          (select coalesce(sum(greatest(owed - paid, 0)), 0) from (
             select d.order_id, sum(d.amount_fen) as owed,
               coalesce((select sum(p.amount_fen) from payments p
                         where p.order_id = d.order_id and p.workshop_id = ${workshopId} and p.paid_on <= ${asOf}), 0) as paid
             from deliveries d
             where d.workshop_id = ${workshopId} and d.order_id is not null and d.amount_fen is not null
               and d.due_on is not null and d.due_on < ${asOf}
             group by d.order_id) x)::bigint as arrears,
          (select count(*) from disputes
             where workshop_id = ${workshopId} and status <> 'withdrawn'
               and created_at >= ${from}::date and created_at < (${to}::date + 1))::int as disputes,
          (select count(*) from training_attendances ta
             where ta.attended_on between ${from} and ${to}
               and exists (select 1 from workshop_members m where m.workshop_id = ${workshopId} and m.worker_id = ta.worker_id
                           and m.start_on <= ta.attended_on and (m.end_on is null or m.end_on >= ta.attended_on)))::int as training`,
  )
  const employed = Number(wr!.employed)
  const planned = Number(orders!.planned)
  const checked = Number(orders!.checked)
  const good = Number(wr!.good)
  const rejected = Number(wr!.rejected)
  const pct = (a: number, b: number) => Math.round((a / b) * 10000) / 100 // percent, two decimals
  return {
    employed,
    low_income_share: employed > 0 ? pct(Number(wr!.low_income), employed) : null,
    wages: Number(wr!.wages),
    months_active: Number(wr!.months),
    fulfilment: planned > 0 ? pct(Number(orders!.on_time), planned) : null,
    reject_rate:
      checked > 0
        ? pct(Number(orders!.ent_rejected), checked)
        : good + rejected > 0
          ? pct(rejected, good + rejected)
          : null,
    arrears: num(orders!.arrears) ?? 0,
    training: Number(orders!.training),
    disputes: Number(orders!.disputes),
  }
}
