import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import ExcelJS from 'exceljs'
import { idNumberCheckChar } from '@gongfang/shared'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()

async function upload(bytes: Uint8Array, dryRun = false) {
  const form = new FormData()
  form.append('file', new File([bytes], 'workers.csv'))
  return t.api('POST', `/api/imports/workers${dryRun ? '?dryRun=true' : ''}`, { as: 'lishui', body: form })
}

const id = (seq: number) => {
  const body = `33112619700101${String(seq).padStart(3, '0')}`
  return body + idNumberCheckChar(body)
}

test('a GBK CSV of workers with village names (no codes) imports; an ambiguous name is reported with its candidates; the template lists the villages', async () => {
  // A village name unique in Qingyuan, one that two Qingyuan villages share, and the townships of the latter.
  const [unique] = await queryRows<{ code: string; name: string; town: string }>(
    t.database.db,
    sql`select v.code, v.name, tw.name as town from regions v join regions tw on tw.code = v.parent_code
      where v.level = 5 and v.code like '3311%' and (select count(*) from regions x where x.level = 5 and x.code like '3311%' and x.name = v.name) = 1
      order by v.code limit 1`,
  )
  const twins = await queryRows<{ code: string; name: string; town: string }>(
    t.database.db,
    sql`select v.code, v.name, tw.name as town from regions v join regions tw on tw.code = v.parent_code
      where v.level = 5 and v.code like '3311%' and v.name = (
        select name from regions where level = 5 and code like '3311%' group by name having count(distinct parent_code) >= 2 order by name limit 1)
      order by v.code`,
  )
  expect(twins.length).toBeGreaterThanOrEqual(2)
  // A Hangzhou village whose name no Lishui village has: outside the caller's area, so not found.
  const [outside] = await queryRows<{ name: string }>(
    t.database.db,
    sql`select v.name from regions v where v.level = 5 and v.code like '3301%'
      and not exists (select 1 from regions x where x.level = 5 and x.code like '3311%' and left(x.name, 2) = left(v.name, 2)) order by v.code limit 1`,
  )
  const short = (n: string) => n.replace(/(村民委员会|村委会|居民委员会|居委会)$/, '')

  const rows = [
    `甲一,${id(901)},${unique!.name}`,
    `甲二,${id(902)},${short(unique!.name)}`,
    `甲三,${id(903)},${twins[0]!.town}/${twins[0]!.name}`,
    `甲四,${id(904)},${twins[0]!.name}`,
    `甲五,${id(905)},没有这个村`,
    `甲六,${id(906)},${outside!.name}`,
  ]
  const bad = await upload(iconv.encode(['姓名,身份证号,所在村', ...rows].join('\r\n'), 'gbk'), true)
  expect(bad.status).toBe(200)
  expect(bad.body.encoding).toBe('gbk')
  const byRow = new Map<number, string>(bad.body.errors.map((e: { row: number; message: string }) => [e.row, e.message]))
  expect([...byRow.keys()].sort()).toEqual([5, 6, 7])
  // The ambiguous one lists every candidate with township and code.
  for (const v of twins.slice(0, 5)) expect(byRow.get(5)).toContain(v.code)
  expect(byRow.get(5)).toContain(twins[0]!.town)
  expect(byRow.get(6)).toContain('找不到')
  // Outside Lishui is not the caller's: no such village for them.
  expect(byRow.get(7)).toContain('找不到')
  // The preview shows the village's name beside its code.
  expect(bad.body.preview[0]).toMatchObject({ regionCode: unique!.code, regionName: unique!.name })

  const good = await upload(iconv.encode(['姓名,身份证号,所在村', ...rows.slice(0, 3)].join('\r\n'), 'gbk'))
  expect(good.status).toBe(200)
  expect(good.body.imported).toBe(3)
  const stored = await queryRows<{ name: string; region_code: string }>(t.database.db, sql`select name, region_code from workers where name in ('甲一', '甲二', '甲三') order by name`)
  expect(Object.fromEntries(stored.map((r) => [r.name, r.region_code]))).toEqual({ 甲一: unique!.code, 甲二: unique!.code, 甲三: twins[0]!.code })

  // The template carries the caller's villages: name ↔ code.
  const res = await t.app.request('/api/imports/workers/template.xlsx', { headers: { authorization: `Bearer ${await t.token('lishui')}` } })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await res.arrayBuffer())
  const lookup = wb.getWorksheet('村名对照')!
  const [{ n }] = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from regions where level = 5 and code like '3311%'`)) as [{ n: number }]
  expect(lookup.rowCount).toBe(n + 1)
  const codes = (lookup.getColumn(4).values as unknown[]).slice(2).map(String)
  expect(codes.every((c) => c.startsWith('3311'))).toBe(true)
  expect(codes).toContain(twins[1]!.code)
})
