import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { activeVault, openWorkerPersonal } from '../../vault/index.ts'

const t = useTestApp()
type Hit = { kind: string; id: string; title: string; path: string }
const find = async (q: string, as: string) => t.api<Hit[]>('GET', `/api/search?q=${encodeURIComponent(q)}`, { as })

test('one search box: by name within the caller’s scope, a full ID number finds the worker without echoing it, nothing outside the scope', async () => {
  const hits = await find('香菇', 'qingyuan')
  expect(hits.status).toBe(200)
  expect(hits.body.some((h) => h.kind === 'workshop' && h.title.includes('香菇'))).toBe(true)
  expect(hits.body.every((h) => h.path.endsWith(h.id))).toBe(true)
  // Every workshop hit of a county user lies in that county.
  const ids = hits.body.filter((h) => h.kind === 'workshop').map((h) => h.id)
  const regions = await queryRows<{ region_code: string }>(t.database.db, sql`select region_code from workshops where id = any(${`{${ids.join(',')}}`}::uuid[])`)
  expect(regions.every((r) => r.region_code.startsWith('331126'))).toBe(true)

  // By full ID number (sealed at rest, found through its blind index); the number is not in the answer.
  const [w] = await queryRows<{ id: string; name: string; id_number_enc: string; region_code: string }>(
    t.database.db,
    sql`select id::text, name, id_number_enc, region_code from workers where region_code like '331126%' and id_number_enc is not null order by id limit 1`,
  )
  const idNumber = openWorkerPersonal(activeVault(), { idNumberEnc: w!.id_number_enc, idNumber: null, phoneEnc: null, phone: null, disabilityGradeEnc: null }).idNumber
  const byId = await find(idNumber, 'qingyuan')
  expect(byId.body.filter((h) => h.kind === 'worker').map((h) => h.id)).toEqual([w!.id])
  expect(byId.text.includes(idNumber)).toBe(false)
  // Staff of another county, and the enterprise, do not find that worker.
  expect((await find(idNumber, 'longquan')).body.filter((h) => h.kind === 'worker')).toEqual([])
  expect((await find(idNumber, 'enterprise')).body.filter((h) => h.kind === 'worker')).toEqual([])
  // Workers have their own pages; anonymous callers nothing; an empty query is refused.
  expect((await find('香菇', 'worker')).status).toBe(403)
  expect((await t.api('GET', '/api/search?q=x')).status).toBe(401)
  expect((await find('', 'qingyuan')).status).toBe(422)
})

test('a worker is found by any part of the name, in any letter case, and the hits come in name order', async () => {
  const [w] = await queryRows<{ id: string; name: string }>(
    t.database.db,
    sql`select id::text, name from workers where region_code like '331126%' and char_length(name) = 3 order by name limit 1`,
  )
  const workerHits = async (q: string) => (await find(q, 'qingyuan')).body.filter((h) => h.kind === 'worker')
  const tail = await workerHits(w!.name.slice(1))
  expect(tail.map((h) => h.id)).toContain(w!.id)
  expect(tail.every((h) => h.title.includes(w!.name.slice(1)))).toBe(true)
  const single = await workerHits(w!.name.slice(0, 1))
  expect(single.length).toBeGreaterThan(1)
  const inOrder = await queryRows<{ name: string }>(
    t.database.db,
    sql`select name from workers where id = any(${`{${single.map((h) => h.id).join(',')}}`}::uuid[]) order by name`,
  )
  expect(single.map((h) => h.title)).toEqual(inOrder.map((r) => r.name))
  // Latin letters in a name match either case (the character index holds them lower-cased).
  await t.database.db.execute(sql`update workers set name = 'Anna李' where id = ${w!.id}::uuid`)
  expect((await workerHits('aNNA')).map((h) => h.id)).toEqual([w!.id])
})
