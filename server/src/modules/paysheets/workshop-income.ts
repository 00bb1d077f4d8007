import { sql } from 'drizzle-orm'
import type { IncomeReport } from '@gongfang/shared'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import { authorize } from '../../auth/access/index.ts'
import { seesWorkshopPay } from '../../auth/access/wages.ts'
import type { Caller } from '../../auth/caller.ts'
import { notFound } from '../../http/problem.ts'
import { scopedWorkshop } from '../work-records/service.ts'

/** Per month: the workshop's income from accepted pieces vs the wages on its sheets and paid out. */
export async function workshopIncome(db: DbOrTx, caller: Caller, q: { workshopId: string; from: string; to: string }): Promise<IncomeReport> {
  authorize(caller, 'paysheets.read')
  const { from, to } = q
  const ws = await scopedWorkshop(db, caller.scope, q.workshopId)
  if (!seesWorkshopPay(caller.scope)) throw notFound({ zh: '工坊', en: 'Workshop' })
  const deliveries = await queryRows<{ month: string; qty: number; amount: number | null; n_amount: number }>(
    db,
    sql`select to_char(accepted_on, 'YYYY-MM') as month, coalesce(sum(accepted_qty), 0)::bigint as qty, sum(amount_fen)::bigint as amount, count(amount_fen)::int as n_amount
        from deliveries where workshop_id = ${ws.id}::uuid and accepted_on is not null and to_char(accepted_on, 'YYYY-MM') between ${from} and ${to} group by 1`,
  )
  // Without deliveries: good pieces × the workshop rate of the product or order, rounded half-up per line.
  const records = await queryRows<{ month: string; qty: number; amount: number }>(
    db,
    sql`select to_char(r.work_date, 'YYYY-MM') as month, sum(r.good_qty)::bigint as qty,
          coalesce(sum(round(r.good_qty::numeric * coalesce(p.workshop_rate_centifen, o.workshop_rate_centifen, 0) / 100)), 0)::bigint as amount
        from work_records r
        left join workshop_products p on p.id = r.product_id
        left join allocations a on a.id = r.allocation_id left join orders o on o.id = a.order_id
        where r.workshop_id = ${ws.id}::uuid and to_char(r.work_date, 'YYYY-MM') between ${from} and ${to} group by 1`,
  )
  const wages = await queryRows<{ month: string; wages: number; paid: number }>(
    db,
    sql`select p.month, coalesce(sum(l.total_fen), 0)::bigint as wages, coalesce(sum(l.total_fen) filter (where l.paid_on is not null), 0)::bigint as paid
        from paysheets p left join paysheet_lines l on l.paysheet_id = p.id
        where p.workshop_id = ${ws.id}::uuid and p.month between ${from} and ${to} and p.status <> 'draft' group by 1`,
  )
  const months = [...new Set([...deliveries, ...records, ...wages].map((r) => r.month))].sort()
  const d = new Map(deliveries.map((r) => [r.month, r]))
  const rec = new Map(records.map((r) => [r.month, r]))
  const w = new Map(wages.map((r) => [r.month, r]))
  return {
    workshopId: ws.id,
    months: months.map((m) => {
      const dm = d.get(m)
      const rm = rec.get(m)
      const useDeliveries = dm !== undefined && dm.n_amount > 0
      return {
        month: m,
        acceptedQty: Number(useDeliveries ? dm.qty : (rm?.qty ?? 0)),
        incomeFen: Number(useDeliveries ? dm.amount : (rm?.amount ?? 0)),
        incomeSource: useDeliveries ? 'deliveries' : rm ? 'work-records' : 'none',
        wagesFen: Number(w.get(m)?.wages ?? 0),
        wagesPaidFen: Number(w.get(m)?.paid ?? 0),
      }
    }),
  }
}
