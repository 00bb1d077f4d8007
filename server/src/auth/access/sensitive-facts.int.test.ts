import { beforeAll, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { hashPassword } from '../password.ts'
import { DEMO_PASSWORD } from '../../demo/seed-demo.ts'

const t = useTestApp()
const FACT_KEYS = new Set(['lowIncome', 'disabled', 'disabilityGrade'])

/** Every per-person fact value in a response, keyed by the person it belongs to (workerId, or id of a worker view). */
function factsIn(body: unknown): { person: string | undefined; key: string; value: unknown }[] {
  const out: { person: string | undefined; key: string; value: unknown }[] = []
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk)
    if (!v || typeof v !== 'object') return
    const o = v as Record<string, unknown>
    const person = (o.workerId ?? o.id) as string | undefined
    for (const [k, x] of Object.entries(o)) {
      if (FACT_KEYS.has(k)) out.push({ person, key: k, value: x })
      else walk(x)
    }
  }
  walk(body)
  return out
}

let workshopId = ''
let day = ''
let local = '' // a member living in the workshop's township
let away = '' // a member living in another township of the same county

beforeAll(async () => {
  const db = t.database.db
  const [ws] = await queryRows<{ id: string; region_code: string }>(
    db,
    sql`select w.id, w.region_code from workshops w join users u on u.id = w.operator_user_id where u.username = 'operator'
        and exists(select 1 from work_records r where r.workshop_id = w.id) order by w.created_at limit 1`,
  )
  workshopId = ws!.id
  const [worked] = await queryRows<{ worker_id: string; work_date: string }>(
    db,
    sql`select r.worker_id, max(r.work_date)::text as work_date from work_records r join workshop_members m on m.worker_id = r.worker_id and m.workshop_id = r.workshop_id
        where r.workshop_id = ${workshopId}::uuid and m.end_on is null group by r.worker_id order by r.worker_id limit 1`,
  )
  local = worked!.worker_id
  day = worked!.work_date
  // A second member, who joined long ago and belongs to no other workshop.
  const [other] = await queryRows<{ id: string }>(
    db,
    sql`select id from workers where region_code like '331126%' and id not in (select worker_id from workshop_members where workshop_id = ${workshopId}::uuid) order by id limit 1`,
  )
  away = other!.id
  await db.execute(sql`delete from workshop_members where worker_id = ${away}::uuid`)
  await db.execute(sql`insert into workshop_members (workshop_id, worker_id, start_on) values (${workshopId}::uuid, ${away}::uuid, '2020-01-01')`)
  // The second member moves to a village of another township of the county: the township's staff no longer hold them.
  const [village] = await queryRows<{ code: string }>(db, sql`select code from regions where code like '331126%' and code not like '331126001%' and length(code) = 12 limit 1`)
  await db.execute(sql`update workers set region_code = ${village!.code} where id = ${away}::uuid`)
  await db.execute(sql`update workers set region_code = ${ws!.region_code} where id = ${local}::uuid and region_code not like '331126001%'`)
  // Both are recorded as low-income now, so a shown fact is a visible true.
  for (const w of [local, away])
    await db.execute(sql`insert into worker_low_income_periods (worker_id, start_on) select ${w}::uuid, '2020-01-01' where not exists (select 1 from worker_low_income_periods where worker_id = ${w}::uuid and end_on is null)`)
  // The enterprise partners with the workshop; a second operator runs another workshop.
  await db.execute(sql`insert into workshop_enterprises (workshop_id, enterprise_id) select ${workshopId}::uuid, u.enterprise_id from users u where u.username = 'enterprise' on conflict do nothing`)
  const hash = await hashPassword(DEMO_PASSWORD)
  const [op2] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (username, password_hash, display_name, role, region_code) values ('operator-two', ${hash}, '另一工坊负责人', 'operator', '331126001') returning id`,
  )
  await db.execute(sql`update workshops set operator_user_id = ${op2!.id}::uuid where id = (select id from workshops where id <> ${workshopId}::uuid and region_code like '331126%'
    and id not in (select workshop_id from workshop_members where worker_id in (${local}::uuid, ${away}::uuid)) order by created_at limit 1)`)
})

/** The reads that show people of the workshop, with their facts. */
const reads = () => [
  `/api/workshops/${workshopId}/members`,
  `/api/work-records?workshopId=${workshopId}&from=${day}&to=${day}`,
  `/api/work-records/day-sheet?workshopId=${workshopId}&date=${day}`,
  `/api/workers?pageSize=200`,
  `/api/workers/${local}`,
  `/api/workers/${away}`,
]

async function factsFor(as: string, person: string) {
  const found: unknown[] = []
  for (const path of reads()) {
    const res = await t.api('GET', path, { as })
    expect(res.status, `${as} ${path}`).toBeLessThan(500)
    if (res.status !== 200) continue
    for (const f of factsIn(res.body)) if (f.person === person) found.push(f.value)
  }
  return found
}

test('the enterprise, the village collective, another workshop’s operator and staff of another county; township staff for someone living outside the township, get no per-person disability or low-income values', async () => {
  for (const as of ['enterprise', 'operator-two', 'collective', 'longquan']) {
    for (const person of [local, away]) {
      const values = await factsFor(as, person)
      expect(values.filter((v) => v !== null), `${as} sees facts of ${person}`).toEqual([])
    }
  }
  // Township staff hold the member of their township, not the one living in another township.
  expect((await factsFor('township', away)).filter((v) => v !== null)).toEqual([])
  // The partner enterprise does reach the workshop's roster (so the check above is not only a 404).
  expect((await t.api('GET', `/api/workshops/${workshopId}/members`, { as: 'enterprise' })).status).toBe(200)
})

test('the own operator and staff in scope see them', async () => {
  for (const [as, person] of [
    ['operator', local],
    ['operator', away],
    ['qingyuan', local],
    ['qingyuan', away],
    ['township', local],
    ['admin', away],
  ] as const) {
    const values = await factsFor(as, person)
    expect(values.length, `${as} reads ${person}`).toBeGreaterThan(0)
    expect(values.filter((v) => v === true).length, `${as} sees the low-income fact of ${person}`).toBeGreaterThan(0)
  }
  // The roster shows the own operator the low-income flag of both members.
  const roster = await t.api('GET', `/api/workshops/${workshopId}/members`, { as: 'operator' })
  for (const person of [local, away]) expect(roster.body.find((m: { workerId: string }) => m.workerId === person).lowIncome).toBe(true)
})
