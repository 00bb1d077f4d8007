/** Test fixtures for the programme modules: a workshop with workers in a county the demo leaves alone. */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../db/client.ts'
import { workers, workshops } from '../../db/schema/index.ts'
import { demoIdNumber } from '../../demo/seed-demo.ts'

let seq = 700

export async function villagesOf(db: Db, prefix: string, n: number): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select code from regions where level = 5 and code like ${prefix + '%'} order by code limit ${n}`,
  )
  return rows.map((r) => r.code)
}

export async function makeWorkshop(db: Db, regionCode: string, name: string, status = 'operating') {
  const [w] = await db
    .insert(workshops)
    .values({ name, type: 'processing', regionCode, status, dailyCapacity: 500, workerPlaces: 20 })
    .returning()
  return w!
}

export async function makeWorker(db: Db, regionCode: string, name: string, skills: string[] = []) {
  seq++
  const [w] = await db
    .insert(workers)
    .values({
      name,
      idNumber: demoIdNumber(regionCode.slice(0, 6), '1975-05-05', seq),
      birthDate: '1975-05-05',
      sex: 'F',
      regionCode,
      skills,
    })
    .returning()
  return w!
}
