import { describe, expect, test } from 'vitest'
import { and, desc, eq, like, ne } from 'drizzle-orm'
import { idNumberCheckChar } from '@gongfang/shared'
import { useTestApp } from '../../../test/harness.ts'
import { expectStamped } from '../../../test/xlsx-stamp.ts'
import { auditLog, regions, users, workers, workshops } from '../../db/schema/index.ts'
import { activeVault, idNumberIndex } from '../../vault/index.ts'
import { systemCaller } from '../../auth/caller.ts'
import { scopeOf } from '../../auth/scope.ts'
import type { AuthUser } from '../../auth/user.ts'
import { exportWorkers } from './export.ts'

/** The fields these tests read from the worker list. */
interface WorkerItem { id: string; regionCode: string; lowIncome: boolean; disabilityGrade: string | null; age: number; skills: string[] }

const t = useTestApp()
const DEMO_ID = '331126196203141287'.slice(0, 17)
const id18 = (first17: string) => first17 + idNumberCheckChar(first17)
const MASKED_ID = /^\*{14}\d{3}[\dX]$/
const MASKED_PHONE = /^\*{7}\d{4}$/

/** 叶秀英, the demo worker account's record (the generated demo may have namesakes). */
async function demoWorkerId() {
  const [u] = await t.database.db.select({ id: users.workerId }).from(users).where(eq(users.username, 'worker'))
  return u!.id!
}

describe('workers: masking, scope, duplicates, reveal, history', () => {
  test('every role gets masked numbers in lists and reads; the full number comes one person at a time through reveal', async () => {
    const demoId = await demoWorkerId()
    const revealed = await t.api('POST', `/api/workers/${demoId}/reveal`, { as: 'qingyuan', body: { reasonCode: 'identity-check' } })
    expect(revealed.status).toBe(200)
    const fullId = revealed.body.idNumber as string
    expect(fullId).toMatch(/^33112619620314\d{3}[\dX]$/)
    for (const as of ['admin', 'zhejiang', 'lishui', 'qingyuan', 'township', 'operator']) {
      const list = await t.api('GET', '/api/workers?q=叶秀英&pageSize=200', { as })
      const masked = list.body.items.find((w: WorkerItem) => w.id === demoId)
      expect(masked, as).toBeDefined()
      expect(masked.idNumber).toMatch(MASKED_ID)
      expect(masked.idNumberMasked).toBe(true)
      expect(masked.idNumber.slice(-4)).toBe(fullId.slice(-4))
      expect(masked.phone).toMatch(MASKED_PHONE)
      // Beside the last 4 of the ID, no birth date (it would rebuild the number): the age only.
      expect(masked.birthDate).toBeNull()
      expect(masked.age).toBeGreaterThanOrEqual(63)
      const one = await t.api('GET', `/api/workers/${demoId}`, { as })
      expect(one.body.idNumber).toMatch(MASKED_ID)
      expect(one.body.phone).toMatch(MASKED_PHONE)
      expect(one.body.birthDate).toBeNull()
      for (const body of [JSON.stringify(list.body), JSON.stringify(one.body)]) {
        expect(body).not.toContain(fullId)
        expect(body).not.toContain('19620314')
        expect(body).not.toContain('1962-03-14')
      }
    }
    // County staff find her by the full number (exact, through the blind index); the answer stays masked.
    const byNumber = await t.api('GET', `/api/workers?q=${fullId}`, { as: 'qingyuan' })
    expect(byNumber.body.items.map((w: WorkerItem) => w.id)).toEqual([demoId])
    expect(byNumber.text).not.toContain(fullId)
    // Township staff search by name only: a number search would confirm digits they were never shown.
    expect((await t.api('GET', `/api/workers?q=${fullId}`, { as: 'township' })).body.items).toEqual([])
  })

  test('a role outside scope gets 404, not 403', async () => {
    const id = await demoWorkerId()
    for (const as of ['longquan', 'enterprise', 'collective']) {
      expect((await t.api('GET', `/api/workers/${id}`, { as })).status).toBe(404)
      expect((await t.api('GET', `/api/workers/${id}/history`, { as })).status).toBe(404)
      expect((await t.api('POST', `/api/workers/${id}/reveal`, { as, body: { reason: '核对工资' } })).status).toBe(404)
    }
    expect((await t.api('GET', `/api/workers/${id}`, { as: 'operator' })).status).toBe(200)
    const list = await t.api('GET', '/api/workers?pageSize=200', { as: 'longquan' })
    expect(list.body.items.every((w: WorkerItem) => w.regionCode.startsWith('331181'))).toBe(true)
  })

  test('create derives birth date and sex; a duplicate ID number gets 409 pointing at the record', async () => {
    const idNumber = id18('33112619580704053')
    const res = await t.api('POST', '/api/workers', {
      as: 'qingyuan',
      body: { name: '吴德林', idNumber, phone: '13757801111', regionCode: '331126001200', skills: ['sorting'], baselineMonthlyIncomeFen: 98000, lowIncomeSince: '2020-01-01' },
    })
    expect(res.status).toBe(201)
    expect(res.body.birthDate).toBeNull() // masked: the age instead
    expect(res.body.age).toBeGreaterThanOrEqual(67)
    expect(res.body.sex).toBe('M') // 17th digit 5 is odd
    expect(res.body.lowIncome).toBe(true)
    const dup = await t.api('POST', '/api/workers', { as: 'qingyuan', body: { name: '吴德林', idNumber: idNumber.toLowerCase(), regionCode: '331126001200' } })
    expect(dup.status).toBe(409)
    expect(dup.body.existingId).toBe(res.body.id)
    // Another county learns nothing about where the person is registered.
    const other = await t.api('POST', '/api/workers', { as: 'longquan', body: { name: '吴德林', idNumber, regionCode: '331181001200' } })
    expect([409, 422]).toContain(other.status)
    if (other.status === 409) expect(other.body.existingId).toBeNull()
    // Bad check digit → 422, nothing written.
    const bad = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0')
    expect((await t.api('POST', '/api/workers', { as: 'qingyuan', body: { name: '某某', idNumber: bad, regionCode: '331126001200' } })).status).toBe(422)
    const h = await t.api('GET', `/api/workers/${res.body.id}/history`, { as: 'qingyuan' })
    expect(h.body[0].action).toBe('create')
    expect(JSON.stringify(h.body)).not.toContain(idNumber)
  })

  test('updates keep history who/when/old → new', async () => {
    const id = await demoWorkerId()
    const up = await t.api('PATCH', `/api/workers/${id}`, { as: 'qingyuan', body: { household: '东门村4组', skills: ['sorting', 'packing', 'sewing'] } })
    expect(up.status).toBe(200)
    expect(up.body.household).toBe('东门村4组')
    const h = await t.api('GET', `/api/workers/${id}/history`, { as: 'qingyuan' })
    const last = h.body[0]
    expect(last.username).toBe('qingyuan')
    expect(last.changes.household).toEqual({ from: '东门村3组', to: '东门村4组' })
    expect(Date.parse(last.at)).toBeGreaterThan(Date.now() - 60_000)
  })

  test('low-income periods: leave then enter again', async () => {
    const id = await demoWorkerId()
    const leave = await t.api('POST', `/api/workers/${id}/low-income`, { as: 'qingyuan', body: { action: 'leave', on: '2024-06-30' } })
    expect(leave.status).toBe(200)
    expect(leave.body.lowIncome).toBe(false)
    expect((await t.api('POST', `/api/workers/${id}/low-income`, { as: 'qingyuan', body: { action: 'leave', on: '2024-07-30' } })).status).toBe(409)
    const enter = await t.api('POST', `/api/workers/${id}/low-income`, { as: 'qingyuan', body: { action: 'enter', on: '2025-01-01' } })
    expect(enter.body.lowIncome).toBe(true)
    expect(enter.body.lowIncomePeriods).toHaveLength(2)
  })

  test('reveal returns the full number and writes an audit row with the reason', async () => {
    const id = await demoWorkerId()
    const r = await t.api('POST', `/api/workers/${id}/reveal`, { as: 'township', body: { reason: '核对银行代发信息' } })
    expect(r.status).toBe(200)
    expect(r.body.idNumber).toMatch(/^\d{17}[\dX]$/)
    expect(r.body.idNumber.startsWith(DEMO_ID.slice(0, 6))).toBe(true)
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'worker.reveal'), eq(auditLog.targetId, id), eq(auditLog.username, 'township')))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.username).toBe('township')
    expect(rows[0]!.detail).toMatchObject({ reason: '核对银行代发信息' })
    expect((await t.api('POST', `/api/workers/${id}/reveal`, { as: 'township', body: {} })).status).toBe(422)
  })

  test('exports follow the masking rule (CSV with BOM, xlsx)', async () => {
    const csv = await t.app.request('/api/workers/export?format=csv&region=331126', { headers: { authorization: `Bearer ${await t.token('township')}` } })
    expect(csv.status).toBe(200)
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('姓名,身份证号')
    expect(text).toContain('叶秀英')
    expect(text).toMatch(/\*{14}\d{3}[\dX]/)
    expect(text).not.toContain('1962-03-14')
    expect(text).not.toMatch(/\b33112619\d{10}/)
    // The county's export is masked as well: full numbers in bulk only in the bank file and wage ledger.
    const county = await (await t.app.request('/api/workers/export?format=csv&q=叶秀英', { headers: { authorization: `Bearer ${await t.token('qingyuan')}` } })).text()
    expect(county).toContain('叶秀英')
    expect(county).not.toMatch(/33112619620314\d{3}[\dX]/)
    // The xlsx names who exported it and when.
    const xlsx = await t.app.request('/api/workers/export?format=xlsx&region=331126', { headers: { authorization: `Bearer ${await t.token('township')}` } })
    expect(xlsx.status).toBe(200)
    const wb = await expectStamped(await xlsx.arrayBuffer(), 'township')
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('姓名') // the re-importable layout is unchanged
  })

  test('an export read from its cursor in batches is the same file, every listed worker in list order, and its audit row names each', async () => {
    const order = 'sort=birthDate&dir=desc'
    const direct = await (await t.app.request(`/api/workers/export?format=csv&${order}`, { headers: { authorization: `Bearer ${await t.token('lishui')}` } })).text()
    const [user] = await t.database.db.select().from(users).where(eq(users.username, 'lishui'))
    const authUser: AuthUser = { ...user!, role: 'staff', locale: 'zh-CN' }
    const caller = systemCaller({ user: authUser, scope: await scopeOf(t.database.db, authUser) })
    // Batches of 7: many FETCHes, the last one short.
    const batched = await exportWorkers(t.database.db, caller, { format: 'csv', sort: 'birthDate', dir: 'desc' }, { batch: 7 })
    expect(new TextDecoder().decode(batched.body)).toBe(direct)
    const lines = direct.trim().split('\r\n').slice(1)
    const list = await t.api('GET', `/api/workers?${order}&pageSize=100`, { as: 'lishui' })
    expect(lines.length).toBe(list.body.total)
    expect(lines.length).toBeGreaterThan(7)
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'worker.export')).orderBy(desc(auditLog.id)).limit(1)
    expect(entry!.subjectIds).toHaveLength(lines.length)
    expect(entry!.subjectIds!.slice(0, list.body.items.length)).toEqual(list.body.items.map((w: WorkerItem) => w.id))
    expect(entry!.detail).toMatchObject({ format: 'csv', rows: lines.length, unmasked: false })
  })

  test('filters: lowIncome, disability, skill, minAge, sort and paging', async () => {
    const low = await t.api('GET', '/api/workers?region=3311&lowIncome=true&pageSize=50', { as: 'lishui' })
    expect(low.status).toBe(200)
    expect(low.body.items.every((w: WorkerItem) => w.lowIncome)).toBe(true)
    const dis = await t.api('GET', '/api/workers?disability=true&pageSize=50', { as: 'lishui' })
    expect(dis.body.items.every((w: WorkerItem) => w.disabilityGrade !== null)).toBe(true)
    const old = await t.api('GET', '/api/workers?minAge=60&sort=birthDate&dir=desc&pageSize=50', { as: 'lishui' })
    expect(old.body.items.every((w: WorkerItem) => w.age >= 60)).toBe(true)
    // Youngest first (birth date descending), shown as ages: the birth date itself stays hidden.
    const ages = old.body.items.map((w: WorkerItem) => w.age)
    expect([...ages].sort((a, b) => a - b)).toEqual(ages)
    const skill = await t.api('GET', '/api/workers?skill=sorting&pageSize=50', { as: 'lishui' })
    expect(skill.body.items.every((w: WorkerItem) => w.skills.includes('sorting'))).toBe(true)
    expect((await t.api('GET', '/api/workers?pageSize=500', { as: 'lishui' })).status).toBe(422)
  })

  test('OpenAPI examples show masked numbers only', async () => {
    const doc = await t.api('GET', '/api/openapi.json')
    const worker = doc.body.components.schemas.Worker
    expect(worker.properties.idNumber.example).toMatch(MASKED_ID)
    expect(worker.properties.phone.example).toMatch(MASKED_PHONE)
    expect(JSON.stringify(doc.body)).not.toMatch(/"\d{17}[\dX]"/)
  })

  test('an operator places workers only in the townships of their own workshops (create via roster and move)', async () => {
    const [ws] = await t.database.db.select({ id: workshops.id, regionCode: workshops.regionCode }).from(workshops).where(eq(workshops.name, '东门村香菇分拣共富工坊'))
    const township = ws!.regionCode.slice(0, 9)
    const [near] = await t.database.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 5), like(regions.code, `${township}%`), ne(regions.code, ws!.regionCode)))
      .limit(1)
    const FAR = '331181001200' // Longquan: another county
    // Registering a new member in a far village is refused and writes nothing.
    const farId = id18('33112619710203062')
    const refused = await t.api('POST', `/api/workshops/${ws!.id}/members`, { as: 'operator', body: { startOn: '2026-02-01', worker: { name: '远方人', idNumber: farId, regionCode: FAR } } })
    expect(refused.status).toBe(403)
    expect(await t.database.db.select({ id: workers.id }).from(workers).where(eq(workers.idNumberBidx, idNumberIndex(activeVault(), farId)))).toHaveLength(0)

    const idNumber = id18('33112619720304062')
    const add = await t.api('POST', `/api/workshops/${ws!.id}/members`, { as: 'operator', body: { startOn: '2026-02-01', worker: { name: '陈小梅', idNumber, regionCode: ws!.regionCode } } })
    expect(add.status).toBe(201)
    const workerId = add.body.workerId
    // Moving the worker to another county: refused, unchanged.
    const far = await t.api('PATCH', `/api/workers/${workerId}`, { as: 'operator', body: { regionCode: FAR } })
    expect(far.status).toBe(403)
    expect((await t.api('GET', `/api/workers/${workerId}`, { as: 'operator' })).body.regionCode).toBe(ws!.regionCode)
    // Within the workshop's township: allowed.
    const moved = await t.api('PATCH', `/api/workers/${workerId}`, { as: 'operator', body: { regionCode: near!.code } })
    expect(moved.status).toBe(200)
    expect(moved.body.regionCode).toBe(near!.code)
    // County staff may still move them anywhere in their county, not into another one.
    expect((await t.api('PATCH', `/api/workers/${workerId}`, { as: 'qingyuan', body: { regionCode: FAR } })).status).toBe(403)
  })
})
