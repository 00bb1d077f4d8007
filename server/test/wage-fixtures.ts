// Fixtures of the wage and payment tests: card numbers, and an open pay sheet of the demo workshop.
import { expect } from 'vitest'
import { sql } from 'drizzle-orm'
import { luhnCheckDigit } from '@gongfang/shared/payments'
import { queryRows } from '../src/db/client.ts'
import type { TestContext } from './harness.ts'

/** A valid UnionPay card number (62…, Luhn), distinct per seed. */
export function card(seed: number): string {
  const body = `622848${String(seed).padStart(12, '0')}`
  return body + luhnCheckDigit(body)
}

/**
 * An open (draft) pay sheet of the demo workshop for `month`, with three workers who have no wage account (the
 * demo gives most of its workshop's members one): its own members, topped up with workers of its township (a
 * fixture, not a product path). They did 100, 200 and 300 pieces at 0.50 yuan.
 */
export async function openDemoSheet<S>(t: TestContext, month: string): Promise<{ workshopId: string; members: { id: string; name: string }[]; sheet: S }> {
  const [ws] = await queryRows<{ id: string }>(t.database.db, sql`select id::text from workshops where name = '东门村香菇分拣共富工坊'`)
  await t.database.db.execute(sql`insert into workshop_members (workshop_id, worker_id, start_on)
    select ${ws!.id}::uuid, w.id, '2020-01-01' from workers w
    where w.region_code like '331126001%' and not exists (select 1 from workshop_members m where m.worker_id = w.id and m.workshop_id = ${ws!.id}::uuid)
    order by w.id limit greatest(0, 3 - (select count(*) from workshop_members m where m.workshop_id = ${ws!.id}::uuid
      and not exists (select 1 from worker_accounts a where a.worker_id = m.worker_id)))`)
  const members = await queryRows<{ id: string; name: string }>(
    t.database.db,
    sql`select w.id::text, w.name from workshop_members m join workers w on w.id = m.worker_id where m.workshop_id = ${ws!.id}::uuid
      and not exists (select 1 from worker_accounts a where a.worker_id = w.id) order by w.name limit 3`,
  )
  const p = await t.api('POST', '/api/work-products', { as: 'operator', body: { workshopId: ws!.id, name: `分拣 ${month}`, workerRateCentifen: 5000 } })
  expect(p.status).toBe(201)
  const lines = members.map((m, i) => ({ workerId: m.id, workDate: `${month}-0${i + 2}`, productId: p.body.id, goodQty: 100 * (i + 1) }))
  expect((await t.api('POST', '/api/work-records', { as: 'operator', body: { workshopId: ws!.id, lines } })).status).toBe(201)
  const sheet = (await t.api('POST', '/api/paysheets', { as: 'operator', body: { workshopId: ws!.id, month } })).body as S
  return { workshopId: ws!.id, members, sheet }
}
