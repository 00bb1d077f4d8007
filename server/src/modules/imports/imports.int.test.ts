import { describe, expect, test } from 'vitest'
import { inArray, sql } from 'drizzle-orm'
import iconv from 'iconv-lite'
import ExcelJS from 'exceljs'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { auditLog, workers } from '../../db/schema/index.ts'
import { toCsv, toXlsx } from '../../files/export.ts'
import { decodeText } from '../../files/import.ts'
import { activeVault, idNumberIndex, openWorkerPersonal } from '../../vault/index.ts'
import { SAMPLE_WORKER_COLUMNS, sampleWorkerRows, type SampleWorkerRow } from './sample-data.ts'

/** A rejected import row as the API reports it. */
interface RowError { row: number; column: string }

const t = useTestApp()

async function upload(kind: string, bytes: Uint8Array, opts: { as?: string; dryRun?: boolean; name?: string } = {}) {
  const form = new FormData()
  form.append('file', new File([bytes], opts.name ?? 'data.csv'))
  return t.api('POST', `/api/imports/${kind}${opts.dryRun ? '?dryRun=true' : ''}`, { as: opts.as ?? 'qingyuan', body: form })
}

async function waitJob(jobId: string, as = 'qingyuan') {
  const seen: number[] = []
  for (let i = 0; i < 600; i++) {
    const j = await t.api('GET', `/api/jobs/${jobId}`, { as })
    expect(j.status).toBe(200)
    seen.push(j.body.processed)
    if (j.body.state === 'done' || j.body.state === 'failed') return { job: j.body, seen }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('job did not finish')
}

let villages: string[] = []
async function qingyuanVillages() {
  if (!villages.length)
    villages = (await queryRows<{ code: string }>(t.database.db, sql`select code from regions where level = 5 and code like '331126%' order by code limit 40`)).map((r) => r.code)
  return villages
}

/** What a worker record is, independent of its id and timestamps (the sealed numbers opened, looked up by blind index). */
async function snapshot(idNumbers: string[]) {
  const vault = activeVault()
  const rows = await queryRows<Record<string, unknown> & { id_number_enc: string; phone_enc: string | null; disability_grade_enc: string | null }>(
    t.database.db,
    sql`select w.name, w.id_number_enc, w.birth_date::text as birth_date, w.sex, w.phone_enc, w.region_code, w.household, w.disability_grade_enc, w.skills, w.availability,
               w.baseline_monthly_income_fen, w.baseline_source,
               (select string_agg(p.start_on::text || '..' || coalesce(p.end_on::text, ''), ',') from worker_low_income_periods p where p.worker_id = w.id) as periods,
               w.id_number is null and w.phone is null and w.disability_grade is null as plain_empty
        from workers w where w.id_number_bidx in (select json_array_elements_text(${JSON.stringify(idNumbers.map((n) => idNumberIndex(vault, n)))}::json))`,
  )
  return rows
    .map(({ id_number_enc, phone_enc, disability_grade_enc, ...r }) => {
      const p = openWorkerPersonal(vault, { idNumberEnc: id_number_enc, phoneEnc: phone_enc, disabilityGradeEnc: disability_grade_enc })
      return { ...r, id_number: p.idNumber, phone: p.phone, disability_grade: p.disabilityGrade } as Record<string, string | number | null>
    })
    .sort((a, b) => String(a.id_number).localeCompare(String(b.id_number)))
}

async function deleteWorkers(idNumbers: string[]) {
  const vault = activeVault()
  await t.database.db.delete(workers).where(inArray(workers.idNumberBidx, idNumbers.map((n) => idNumberIndex(vault, n))))
}

describe('imports', () => {
  test('a 10,000-row GBK CSV and the same data as xlsx give identical records; a second import adds nothing', async () => {
    const rows = sampleWorkerRows(10_000, await qingyuanVillages(), 11)
    const ids = rows.map((r) => r.idNumber)
    const csvGbk = iconv.encode(decodeText(toCsv(SAMPLE_WORKER_COLUMNS, rows)).text, 'gbk')
    const before = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from workers`))[0]!.n

    const first = await upload('workers', csvGbk)
    expect(first.status).toBe(202) // > 5,000 rows: background job
    expect(first.body.encoding).toBe('gbk')
    const { job, seen } = await waitJob(first.body.jobId)
    expect(job.state).toBe('done')
    expect(job.errors).toEqual([])
    expect(job.result.imported).toBe(10_000)
    expect(job.processed).toBe(job.total)
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1]!)).toBe(true)
    const fromCsv = await snapshot(ids)
    // Imported numbers are sealed: the plain columns stay empty.
    expect(fromCsv.every((r) => r.plain_empty)).toBe(true)
    expect(fromCsv).toHaveLength(10_000)
    // No mojibake: names are the Chinese ones of the file.
    expect(fromCsv.map((r) => r.name).sort()).toEqual(rows.map((r) => r.name).sort())
    expect(fromCsv.find((r) => r.id_number === rows[0]!.idNumber)).toMatchObject({ name: rows[0]!.name, household: rows[0]!.household })

    // Same file again: every row is a duplicate, nothing is added.
    const again = await upload('workers', csvGbk)
    const { job: job2 } = await waitJob(again.body.jobId)
    expect(job2.state).toBe('failed')
    expect(job2.errors).toHaveLength(10_000)
    expect(job2.errors[0]).toMatchObject({ row: 2, column: '身份证号' })
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from workers`))[0]!.n).toBe(before + 10_000)

    await deleteWorkers(ids)
    const xlsx = await toXlsx(SAMPLE_WORKER_COLUMNS, rows)
    const second = await upload('workers', xlsx, { name: 'data.xlsx' })
    expect(second.body.encoding).toBe('xlsx')
    const { job: job3 } = await waitJob(second.body.jobId)
    expect(job3.state).toBe('done')
    expect(await snapshot(ids)).toEqual(fromCsv)
  })

  test('a file with bad rows imports nothing and names every bad row with its spreadsheet row number', async () => {
    const rows: SampleWorkerRow[] = sampleWorkerRows(30, await qingyuanVillages(), 21, 500_000)
    rows[3] = { ...rows[3]!, idNumber: rows[3]!.idNumber.slice(0, 17) + (rows[3]!.idNumber[17] === '1' ? '2' : '1') } // bad check digit → row 5
    rows[7] = { ...rows[7]!, regionCode: '331181001200' } // Longquan: outside Qingyuan's area → row 9
    rows[10] = { ...rows[10]!, idNumber: rows[2]!.idNumber } // duplicate of row 4 → row 12
    rows[12] = { ...rows[12]!, baselineMonthlyIncome: '12.345' } // row 14
    rows[15] = { ...rows[15]!, name: '' } // row 17
    const res = await upload('workers', toCsv(SAMPLE_WORKER_COLUMNS, rows))
    expect(res.status).toBe(200)
    expect(res.body.imported).toBe(0)
    expect(res.body.errors.map((e: RowError) => [e.row, e.column])).toEqual([
      [5, '身份证号'],
      [9, '村代码'],
      [12, '身份证号'],
      [14, '加入前月收入（元）'],
      [17, '姓名'],
    ])
    expect(res.body.errors[2].message).toContain('第 4 行')
    expect(res.body.errors[1].value).toBe('331181001200')
    expect(await snapshot(rows.map((r) => r.idNumber))).toEqual([])

    // dryRun of a good file validates and writes nothing; then the real import writes all rows.
    const good = rows.map((r, i) => ({ ...sampleWorkerRows(30, villages, 21, 500_000)[i]! }))
    const dry = await upload('workers', toCsv(SAMPLE_WORKER_COLUMNS, good), { dryRun: true })
    expect(dry.body).toMatchObject({ dryRun: true, total: 30, valid: 30, imported: 0, errors: [] })
    expect(dry.body.preview[0].idNumber).toMatch(/^\*{14}\d{3}[\dX]$/)
    // Beside the last 4 of the ID the preview gives the birth year, not the birth date.
    expect(dry.body.preview[0].birthDate).toBeUndefined()
    expect(dry.body.preview[0].birthYear).toBe(Number(good[0]!.idNumber.slice(6, 10)))
    expect(await snapshot(good.map((r) => r.idNumber))).toEqual([])
    const real = await upload('workers', toCsv(SAMPLE_WORKER_COLUMNS, good))
    expect(real.body).toMatchObject({ imported: 30, errors: [] })
    const snap = await snapshot(good.map((r) => r.idNumber))
    expect(snap).toHaveLength(30)
    // Derived facts and exact money.
    const r0 = good[0]!
    const s0 = snap.find((s) => s.id_number === r0.idNumber)!
    expect(s0.birth_date).toBe(`${r0.idNumber.slice(6, 10)}-${r0.idNumber.slice(10, 12)}-${r0.idNumber.slice(12, 14)}`)
    expect(s0.baseline_monthly_income_fen).toBe(Number(r0.baselineMonthlyIncome.replace('.', '')))
    const audits = await t.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'import.workers'`)
    expect(audits.length).toBeGreaterThanOrEqual(1)
  })

  test('English headers, UTF-8 with BOM, enterprises and workshops', async () => {
    const csv = '\uFEFFname,creditCode,regionCode,contactName,contactPhone,industry\r\n' +
      '青田县石雕文化有限公司,91331121MA2A0001XX,331121,季海,13600001111,石雕\r\n'
    // Compute a valid credit code for the row.
    const { creditCodeCheckChar } = await import('@gongfang/shared')
    const cc = '91331126MA2B00017'
    const good = csv.replace('91331121MA2A0001XX', cc + creditCodeCheckChar(cc)).replace(',331121,', ',331126,')
    const res = await upload('enterprises', new TextEncoder().encode(good))
    expect(res.body).toMatchObject({ imported: 1, encoding: 'utf-8-bom', errors: [] })
    const list = await t.api('GET', '/api/enterprises?q=石雕', { as: 'qingyuan' })
    expect(list.body.items[0].name).toBe('青田县石雕文化有限公司')

    const ws = '名称,类型,村代码,日产能（件）,状态,开办日期\n竹编共富工坊,来料加工,331126001200,800,运营中,2023/4/1\n直播工坊,电商直播,331126001200,,筹建中,\n坏工坊,不存在的类型,331126001200,abc,,\n'
    const r2 = await upload('workshops', new TextEncoder().encode(ws))
    expect(r2.body.imported).toBe(0)
    expect(r2.body.errors.map((e: RowError) => [e.row, e.column])).toEqual([[4, '类型'], [4, '日产能（件）']])
    const r3 = await upload('workshops', new TextEncoder().encode(ws.split('\n').slice(0, 3).join('\n')))
    expect(r3.body).toMatchObject({ imported: 2 })
    const got = await t.api('GET', '/api/workshops?q=竹编共富工坊', { as: 'qingyuan' })
    expect(got.body.items[0]).toMatchObject({ type: 'processing', status: 'operating', openedOn: '2023-04-01', dailyCapacity: 800 })
  })

  test('missing columns, unreadable files and roles are refused', async () => {
    expect((await upload('workers', new TextEncoder().encode('姓名,电话\n张三,13900001111\n'))).status).toBe(422)
    expect((await upload('workers', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { name: 'x.xlsx' })).status).toBe(422)
    expect((await upload('workers', new TextEncoder().encode('姓名,身份证号,村代码\n'), { as: 'operator' })).status).toBe(403)
  })

  test('the template has Chinese headers', async () => {
    const res = await t.app.request('/api/imports/workers/template.xlsx', { headers: { authorization: `Bearer ${await t.token('qingyuan')}` } })
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as never)
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 4)).toEqual(['姓名', '身份证号', '手机号', '村代码'])
    // Kept once written: the same caller scope gets the same file; another scope its own villages.
    const get = async () => Buffer.from(await (await t.app.request('/api/imports/workers/template.xlsx', { headers: { authorization: `Bearer ${await t.token('qingyuan')}` } })).arrayBuffer())
    expect((await get()).equals(await get())).toBe(true)
    const villages = async (as: string) => {
      const r = await t.app.request('/api/imports/workers/template.xlsx', { headers: { authorization: `Bearer ${await t.token(as)}` } })
      const w = new ExcelJS.Workbook()
      await w.xlsx.load((await r.arrayBuffer()) as never)
      return w.getWorksheet('村名对照')!.rowCount
    }
    expect(await villages('township')).toBeLessThan(await villages('qingyuan'))
  })

  test('someone else’s job is 404', async () => {
    const rows = sampleWorkerRows(5_001, await qingyuanVillages(), 31, 900_000)
    const res = await upload('workers', toCsv(SAMPLE_WORKER_COLUMNS, rows), { as: 'lishui' })
    expect(res.status).toBe(202)
    expect((await t.api('GET', `/api/jobs/${res.body.jobId}`, { as: 'qingyuan' })).status).toBe(404)
    const { job } = await waitJob(res.body.jobId, 'lishui')
    expect(job.state).toBe('done')
  })
})

describe('atomicity', () => {
  test('a failure while writing (after the first chunk) leaves the database as before', async () => {
    const { prepareImport, writeImport } = await import('./service.ts')
    const { parseSpreadsheet } = await import('../../files/import.ts')
    const rows = sampleWorkerRows(6_000, await qingyuanVillages(), 41, 1_200_000)
    const caller = { user: null, scope: { kind: 'all' as const }, locale: 'zh-CN' as const }
    const p = await prepareImport(t.database.db, caller, 'workers', await parseSpreadsheet(toCsv(SAMPLE_WORKER_COLUMNS, rows)))
    expect(p.errors).toEqual([])
    // Sabotage a record of the second chunk (5,000 rows per chunk): the database refuses it mid-write,
    // as a crash or a kill at that point would end the transaction.
    p.valid[5_500]!.record.regionCode = '999999999999'
    const before = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from workers`))[0]!.n
    await expect(writeImport(t.database.db, caller, p)).rejects.toThrow()
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from workers`))[0]!.n).toBe(before)
    expect(await snapshot(rows.slice(0, 10).map((r) => r.idNumber))).toEqual([])
  })
})
