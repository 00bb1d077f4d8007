import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../db/client.ts'
import { lockSheets } from '../modules/paysheets/lock.ts'
import { today as chinaToday } from '@gongfang/shared/clock'
import { Random } from './random.ts'
import { seedDemoBatches } from './payment-batches.ts'
import { FIELDS, activeVault, open } from '../vault/index.ts'

const PRODUCTS: [name: string, unit: string, workerRate: number, workshopRate: number][] = [
  ['香菇分拣', '斤', 850, 1300],
  ['香菇包装', '袋', 3333, 5000],
  ['竹制品打磨', '件', 1250, 2000],
  ['来料加工（组装）', '件', 475, 800],
]

const MAX_ROWS = 20_000

/**
 * Demo piece work: two own products per workshop with members, daily records (Mon–Sat) for the last
 * six months (the demo operator's members almost daily, others every few days; ≤ ~25k rows so the test template stays fast, set-based INSERT … SELECT), earlier months locked on
 * hash-chained sheets and all but the last locked month paid. The demo worker 叶秀英 works almost every day.
 */
export async function seedWorkRecords(db: Db): Promise<void> {
  const rnd = new Random(20261106)
  const today = chinaToday()
  const thisMonth = today.slice(0, 7)
  const start = shiftMonth(thisMonth, -6)
  const [{ members }] = (await queryRows<{ members: number }>(
    db,
    sql`select count(*)::int as members from workshop_members m join workshops w on w.id = m.workshop_id where m.end_on is null or m.end_on >= ${`${start}-01`}::date`,
  )) as [{ members: number }]
  if (members === 0) return
  // ~180 calendar days: a stride of `stride` days per member keeps big registries within MAX_ROWS.
  const stride = Math.max(1, Math.ceil((members * 150) / MAX_ROWS))
  const offset = rnd.int(0, 3)
  const [opRow] = await queryRows<{ id: string }>(db, sql`select id::text from users where username = 'operator'`)
  const op = opRow?.id ?? '00000000-0000-0000-0000-000000000000'

  // Each worker's quantities follow from a hash of their ID number (as before the vault): the numbers are
  // opened here and travel in the query only, never into a table.
  const vault = activeVault()
  const idNumbers = JSON.stringify(
    (
      await queryRows<{ id: string; enc: string }>(
        db,
        sql`select w.id::text as id, w.id_number_enc as enc from workers w where w.id_number_enc is not null and exists (select 1 from workshop_members m where m.worker_id = w.id)`,
      )
    ).map((r) => ({ id: r.id, n: open(vault, FIELDS.workerIdNumber, r.enc) })),
  )

  let paidByBatch = ''
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into workshop_products (workshop_id, name, unit, worker_rate_centifen, workshop_rate_centifen)
      select w.id, p.name, p.unit, p.worker_rate, p.workshop_rate
      from workshops w
      cross join lateral (select * from (values
        (${PRODUCTS[0]![0]}, ${PRODUCTS[0]![1]}, ${PRODUCTS[0]![2]}::bigint, ${PRODUCTS[0]![3]}::bigint, 0),
        (${PRODUCTS[1]![0]}, ${PRODUCTS[1]![1]}, ${PRODUCTS[1]![2]}::bigint, ${PRODUCTS[1]![3]}::bigint, 0),
        (${PRODUCTS[2]![0]}, ${PRODUCTS[2]![1]}, ${PRODUCTS[2]![2]}::bigint, ${PRODUCTS[2]![3]}::bigint, 1),
        (${PRODUCTS[3]![0]}, ${PRODUCTS[3]![1]}, ${PRODUCTS[3]![2]}::bigint, ${PRODUCTS[3]![3]}::bigint, 1)
      ) as v(name, unit, worker_rate, workshop_rate, grp)
        where v.grp = case when w.name like '%香菇%' then 0 else (abs(hashtext(w.name)) + ${offset}) % 2 end) p
      where exists (select 1 from workshop_members m where m.workshop_id = w.id)`)

    // One line per member and working day (Mon–Sat), one product that day; most members come every `stride`
    // days so big registries stay within MAX_ROWS, the demo workshop's members almost daily. Amounts are
    // rounded half-up per line (numeric round).
    await tx.execute(sql`insert into work_records (workshop_id, worker_id, region_code, work_date, good_qty, rejected_qty, rate_centifen, amount_fen,
        low_income, disabled, product_id, product, pay_month, work_minutes)
      select x.workshop_id, x.worker_id, x.region_code, x.d, x.good, x.rejected, pr.worker_rate_centifen, round(x.good::numeric * pr.worker_rate_centifen / 100)::bigint,
        exists(select 1 from worker_low_income_periods p where p.worker_id = x.worker_id and p.start_on <= x.d and (p.end_on is null or p.end_on >= x.d)),
        x.disabled, pr.id, pr.name, to_char(x.d, 'YYYY-MM'), 360
      from (
        select m.workshop_id, m.worker_id, ws.region_code, g.d::date as d, wk.disability_grade_enc is not null as disabled,
          80 + (h.h + extract(doy from g.d)::int * 37) % 420 as good,
          (h.h + extract(doy from g.d)::int) % 12 as rejected,
          (h.h + extract(doy from g.d)::int) % 2 as pick
        from workshop_members m
        join workshops ws on ws.id = m.workshop_id
        join workers wk on wk.id = m.worker_id
        join jsonb_to_recordset(${idNumbers}::jsonb) as idn(id uuid, n text) on idn.id = wk.id
        cross join lateral (select abs(hashtext(idn.n)) % 1000003 as h, ws.operator_user_id = ${op}::uuid as daily) h
        cross join lateral generate_series(${`${start}-01`}::date + (case when h.daily then 0 else h.h % ${stride} end), ${today}::date - 1,
          case when h.daily then interval '1 day' else ${`${stride} days`}::interval end) as g(d)
        where extract(isodow from g.d) < 7 and g.d >= m.start_on and (m.end_on is null or g.d <= m.end_on)
          and (not h.daily or (h.h + extract(doy from g.d)::int) % 10 < 9)
      ) x
      join lateral (select id, name, worker_rate_centifen from workshop_products p where p.workshop_id = x.workshop_id order by name offset x.pick limit 1) pr on true`)

    const sheets = await queryRows<{ id: string; month: string }>(
      tx,
      sql`insert into paysheets (workshop_id, region_code, month, status)
          select workshop_id, min(region_code), pay_month, 'draft' from work_records group by workshop_id, pay_month
          on conflict (workshop_id, month) do nothing returning id::text, month`,
    )
    // Months before the last one are locked (hash chain in month order); all but the latest locked month are paid.
    const lastMonth = shiftMonth(thisMonth, -1)
    const toLock = sheets.filter((s) => s.month < lastMonth).sort((a, b) => (a.month < b.month ? -1 : 1))
    const months = [...new Set(toLock.map((s) => s.month))]
    for (const m of months) await lockSheets(tx, toLock.filter((s) => s.month === m).map((s) => s.id), null)
    const paidBefore = months.at(-1) ?? ''
    // The operator's last paid month is paid through payment batches instead (seedDemoBatches, below).
    const viaBatches = months.at(-2) ?? ''
    const byRaw = sql`not (p.month = ${viaBatches} and p.workshop_id in (select id from workshops where operator_user_id = ${op}::uuid))`
    await tx.execute(sql`update paysheet_lines l set paid_on = (to_date(p.month || '-01', 'YYYY-MM-DD') + interval '1 month' + interval '4 days')::date, pay_method = 'bank', pay_reference = 'DEMO-' || p.month
      from paysheets p where p.id = l.paysheet_id and p.status = 'locked' and p.month < ${paidBefore} and ${byRaw}`)
    await tx.execute(sql`insert into paysheet_payments (paysheet_id, paid_on, method, reference, amount_fen)
      select p.id, (to_date(p.month || '-01', 'YYYY-MM-DD') + interval '1 month' + interval '4 days')::date, 'bank', 'DEMO-' || p.month, p.total_fen
      from paysheets p where p.status = 'locked' and p.month < ${paidBefore} and ${byRaw}`)
    await tx.execute(sql`update paysheets p set status = 'paid', paid_at = (to_date(p.month || '-01', 'YYYY-MM-DD') + interval '1 month' + interval '4 days') where p.status = 'locked' and p.month < ${paidBefore} and ${byRaw}`)
    paidByBatch = viaBatches
  })
  if (paidByBatch) await seedDemoBatches(db, paidByBatch)
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const i = y * 12 + (m - 1) + by
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}
