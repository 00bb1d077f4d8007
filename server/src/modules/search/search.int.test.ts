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
