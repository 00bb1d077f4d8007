import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { makeWorkshop } from '../ratings/fixtures.ts'

const t = useTestApp()
const COUNTY = '331125' // 云和县, one of the 26 mountain counties

/** Expected gaps, computed independently of the API's SQL: every township, minus those with an operating workshop. */
async function expectedMissing(prefix: string) {
  const towns = await queryRows<{ code: string }>(
    t.database.db,
    sql`select code from regions where level = 4 and code like ${prefix + '%'}`,
  )
  const ws = await queryRows<{ region_code: string; status: string }>(
    t.database.db,
    sql`select region_code, status from workshops`,
  )
  return towns
    .map((r) => r.code)
    .filter((code) => !ws.some((w) => w.status === 'operating' && w.region_code.startsWith(code)))
    .sort()
}

async function apiMissing(prefix: string) {
  const res = await t.api('GET', `/api/coverage?region=${prefix}&missingOnly=true&pageSize=200`)
  expect(res.status).toBe(200)
  return { codes: res.body.items.map((r: { code: string }) => r.code).sort(), body: res.body }
}

test('coverage lists exactly the townships without an operating workshop', async () => {
  // Make sure the county has gaps whatever the demo registered: close every workshop in four of its townships.
  await t.database.db.execute(sql`update workshops set status = 'closed'
    where left(region_code, 9) in (select code from regions where level = 4 and parent_code = ${COUNTY} order by code limit 4)`)
  const before = await apiMissing(COUNTY)
  expect(before.codes).toEqual(await expectedMissing(COUNTY))
  expect(
    before.body.items.every(
      (r: { covered: boolean; mountain: boolean; countyName: string }) =>
        !r.covered && r.mountain && r.countyName === '云和县',
    ),
  ).toBe(true)
  expect(before.body.missing).toBe(before.codes.length)
  expect(before.body.places).toBe(before.body.covered + before.body.missing)
  const gaps = before.codes as string[]
  expect(gaps.length).toBeGreaterThanOrEqual(3)

  // An operating workshop in a village of the first gap closes it; a suspended one or a planned one does not.
  const village = async (town: string) =>
    (
      await queryRows<{ code: string }>(
        t.database.db,
        sql`select code from regions where parent_code = ${town} order by code limit 1`,
      )
    )[0]!.code
  await makeWorkshop(t.database.db, await village(gaps[0]!), '新开工坊', 'operating')
  await makeWorkshop(t.database.db, await village(gaps[1]!), '停业工坊', 'suspended')
  await makeWorkshop(t.database.db, await village(gaps[2]!), '筹建工坊', 'planned')
  const after = await apiMissing(COUNTY)
  expect(after.codes).toEqual(gaps.slice(1))
  expect(after.codes).toEqual(await expectedMissing(COUNTY))

  // Village level: the village with the new workshop is covered, its neighbours not.
  const v = await t.api('GET', `/api/coverage?region=${gaps[0]}&level=village&pageSize=200`)
  const covered = v.body.items.filter((r: { covered: boolean }) => r.covered).map((r: { code: string }) => r.code)
  expect(covered).toEqual([await village(gaps[0]!)])

  // The whole province, mountain counties only: the same rule.
  const all = await t.api('GET', '/api/coverage?region=33&missingOnly=true&mountainOnly=true&pageSize=1')
  const expectedAll = (await expectedMissing('33')).filter((c) => c.startsWith('33'))
  const mountain = new Set(
    (await queryRows<{ region_code: string }>(t.database.db, sql`select region_code from mountain_counties`)).map(
      (r) => r.region_code,
    ),
  )
  expect(all.body.total).toBe(expectedAll.filter((c) => mountain.has(c.slice(0, 6))).length)
})

test('the 26 mountain counties are stored with codes that exist in the region tree', async () => {
  const res = await t.api('GET', '/api/mountain-counties')
  expect(res.status).toBe(200)
  expect(res.body).toHaveLength(26)
  const rows = await queryRows<{ code: string; name: string; level: number }>(
    t.database.db,
    sql`select m.region_code as code, r.name, r.level from mountain_counties m join regions r on r.code = m.region_code and r.name = m.name`,
  )
  expect(rows).toHaveLength(26)
  expect(rows.every((r) => r.level === 3)).toBe(true)
  expect(res.body.map((c: { name: string }) => c.name)).toEqual(
    expect.arrayContaining(['淳安县', '景宁畲族自治县', '庆元县', '龙泉市', '柯城区']),
  )
  const lishui = res.body.filter((c: { cityName: string }) => c.cityName === '丽水市')
  expect(lishui).toHaveLength(9) // all nine of Lishui's counties are mountain counties
})

test('map data per child region adds up and matches the list', async () => {
  const map = await t.api('GET', '/api/coverage/map?region=3311')
  expect(map.status).toBe(200)
  expect(map.body.children).toHaveLength(9)
  const sum = (k: string) => map.body.children.reduce((a: number, c: Record<string, number>) => a + c[k]!, 0)
  expect(sum('townships')).toBe(map.body.total.townships)
  expect(sum('coveredTownships')).toBe(map.body.total.coveredTownships)
  expect(sum('operatingWorkshops')).toBe(map.body.total.operatingWorkshops)
  const yunhe = map.body.children.find((c: { code: string }) => c.code === COUNTY)
  const list = await t.api('GET', `/api/coverage?region=${COUNTY}&pageSize=1`)
  expect(yunhe).toMatchObject({ mountain: true, townships: list.body.places, coveredTownships: list.body.covered })
  expect(yunhe.townshipCoveragePct).toBe(Math.round((list.body.covered / list.body.places) * 1000) / 10)
  expect((await t.api('GET', '/api/coverage/map?region=3399')).status).toBe(404)
})

test('export of the gaps as CSV and xlsx, staff within scope only', async () => {
  const gaps = await apiMissing(COUNTY)
  const csv = await t.api('GET', `/api/coverage/export?region=${COUNTY}&missingOnly=true&format=csv`, { as: 'lishui' })
  expect(csv.status).toBe(200)
  expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  expect(lines).toHaveLength(gaps.codes.length + 1)
  expect(
    lines
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort(),
  ).toEqual(gaps.codes)
  const xlsx = await t.app.request(`/api/coverage/export?region=${COUNTY}&missingOnly=true`, {
    headers: { authorization: `Bearer ${await t.token('lishui')}` },
  })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  expect(wb.worksheets[0]!.rowCount).toBe(gaps.codes.length + 1)
  expect((await t.api('GET', `/api/coverage/export?region=${COUNTY}`, { as: 'longquan' })).status).toBe(404)
  expect((await t.api('GET', `/api/coverage/export?region=${COUNTY}`)).status).toBe(401)
  expect((await t.api('GET', `/api/coverage/export?region=${COUNTY}`, { as: 'operator' })).status).toBe(403)
})

test('targets with live progress; set within scope; visible below and above', async () => {
  const put = await t.api('PUT', '/api/targets', {
    as: 'zhejiang',
    body: { regionCode: '33', year: 2030, figure: 'operating_workshops', value: 10000, note: '三年建成一万家' },
  })
  expect(put.status).toBe(200)
  const [n] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from workshops where status = 'operating'`,
  )
  expect(put.body.actual).toBe(n!.n)
  expect(put.body.progressPct).toBe(Math.round((n!.n / 10000) * 1000) / 10)
  // Replacing keeps one row.
  const again = await t.api('PUT', '/api/targets', {
    as: 'zhejiang',
    body: { regionCode: '33', year: 2030, figure: 'operating_workshops', value: 11000 },
  })
  expect(again.body.id).toBe(put.body.id)
  expect(again.body.value).toBe(11000)

  // County staff: a province target is out of scope, an impossible value or an unknown figure invalid.
  const putAsCounty = (body: object) => t.status('PUT', '/api/targets', { as: 'qingyuan', body })
  expect(await putAsCounty({ regionCode: '33', year: 2030, figure: 'operating_workshops', value: 1 })).toBe(404)
  expect(
    await putAsCounty({ regionCode: '331126', year: 2030, figure: 'mountain_township_coverage_pct', value: 101 }),
  ).toBe(422)
  expect(await putAsCounty({ regionCode: '331126', year: 2030, figure: 'no_such', value: 1 })).toBe(422)
  const cov = await t.api('PUT', '/api/targets', {
    as: 'qingyuan',
    body: { regionCode: '331126', year: 2030, figure: 'mountain_township_coverage_pct', value: 100 },
  })
  const list = await t.api('GET', '/api/coverage?region=331126&pageSize=1')
  expect(cov.body.actual).toBe(Math.round((list.body.covered / list.body.places) * 1000) / 10)

  // Qingyuan sees its own and the province's target; Longquan the province's only.
  const q = await t.api('GET', '/api/targets?year=2030', { as: 'qingyuan' })
  expect(q.body.items.map((x: { regionCode: string }) => x.regionCode).sort()).toEqual(['33', '331126'])
  const l = await t.api('GET', '/api/targets?year=2030', { as: 'longquan' })
  expect(l.body.items.map((x: { regionCode: string }) => x.regionCode)).toEqual(['33'])
  expect((await t.api('DELETE', `/api/targets/${put.body.id}`, { as: 'qingyuan' })).status).toBe(404)
  expect((await t.api('DELETE', `/api/targets/${put.body.id}`, { as: 'zhejiang' })).status).toBe(204)
  const [audits] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from audit_log where action like 'target.%'`,
  )
  expect(audits!.n).toBe(4)
})

test("the coverage list defaults to the caller's region (the province for the public)", async () => {
  const county = await t.api('GET', '/api/coverage?pageSize=200', { as: 'qingyuan' })
  expect(county.status).toBe(200)
  const explicit = await t.api('GET', '/api/coverage?region=331126&pageSize=200')
  expect(county.body.places).toBe(explicit.body.places)
  expect(county.body.items.length).toBeGreaterThan(0)
  expect(county.body.items.every((r: { countyCode: string }) => r.countyCode === '331126')).toBe(true)
  const pub = await t.api('GET', '/api/coverage?pageSize=1')
  expect(pub.body.places).toBe((await t.api('GET', '/api/coverage?region=33&pageSize=1')).body.places)
  expect(pub.body.places).toBeGreaterThan(county.body.places)
})

test('township staff see their targets but may not remove one: canDelete false and 403; the county may', async () => {
  const township = await t.api('PUT', '/api/targets', {
    as: 'qingyuan',
    body: { regionCode: '331126001', year: 2031, figure: 'operating_workshops', value: 3 },
  })
  expect(township.status).toBe(200)
  const county = await t.api('PUT', '/api/targets', {
    as: 'qingyuan',
    body: { regionCode: '331126', year: 2031, figure: 'workers_employed', value: 500 },
  })
  expect(county.body.canDelete).toBe(true)
  const province = await t.api('PUT', '/api/targets', {
    as: 'zhejiang',
    body: { regionCode: '33', year: 2031, figure: 'operating_workshops', value: 9000 },
  })

  const canDelete = async (as: string) =>
    Object.fromEntries(
      (await t.api('GET', '/api/targets?year=2031', { as })).body.items.map((x: { regionCode: string; canDelete: boolean }) => [
        x.regionCode,
        x.canDelete,
      ]),
    )
  // The township's own target, its county's and the province's: all shown, none removable.
  expect(await canDelete('township')).toEqual({ '33': false, '331126': false, '331126001': false })
  // The county removes its own and its townships' targets, not the province's.
  expect(await canDelete('qingyuan')).toEqual({ '33': false, '331126': true, '331126001': true })

  const refused = await t.api('DELETE', `/api/targets/${township.body.id}`, { as: 'township' })
  expect(refused.status).toBe(403)
  expect(refused.body.type).toMatch(/forbidden/)
  expect((await canDelete('qingyuan'))['331126001']).toBe(true) // still there
  // Above the township's area it is not even visible as a row to remove.
  expect((await t.api('DELETE', `/api/targets/${province.body.id}`, { as: 'township' })).status).toBe(404)
  expect((await t.api('DELETE', `/api/targets/${township.body.id}`, { as: 'qingyuan' })).status).toBe(204)
  expect(Object.keys(await canDelete('township')).sort()).toEqual(['33', '331126'])
})

test('a people target’s progress is the cockpit’s count of people paid in that year, read from the roll-ups', async () => {
  const [{ year }] = (await queryRows<{ year: number }>(t.database.db, sql`select max(extract(year from work_date))::int as year from work_records where region_code like '331126%'`)) as [{ year: number }]
  for (const [figure, low] of [['workers_employed', false], ['low_income_employed', true]] as const) {
    const put = await t.api('PUT', '/api/targets', { as: 'qingyuan', body: { regionCode: '331126', year, figure, value: 100 } })
    expect(put.status).toBe(200)
    // Independently, from the lines: people whose lines of the year (low-income lines only, for that figure) pay > 0.
    const [want] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from (select worker_id from work_records
            where region_code like '331126%' and extract(year from work_date) = ${year} ${low ? sql`and low_income` : sql``}
            group by worker_id having sum(amount_fen) > 0) x`,
    )
    expect(want!.n, figure).toBeGreaterThan(0)
    expect(put.body.actual, figure).toBe(want!.n)
  }
})
