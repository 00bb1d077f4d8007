import { expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { idNumberCheckChar } from '@gongfang/shared'
import { useTestApp } from '../../../test/harness.ts'
import { queryRows } from '../../db/client.ts'
import { toCsv } from '../../files/export.ts'
import { activeVault, idNumberIndex } from '../../vault/index.ts'
import { SAMPLE_WORKER_COLUMNS, sampleWorkerRows } from '../imports/sample-data.ts'

const t = useTestApp()
const id18 = (first17: string) => first17 + idNumberCheckChar(first17)
const consent = { givenOn: '2026-03-02', purpose: 'employment-support', witness: '东门村残协委员' }

test('a disability grade is recorded only with the worker’s consent; withdrawing it erases the grade', async () => {
  const body = { name: '蓝秀兰', idNumber: id18('33112619590417062'), regionCode: '331126001200', disabilityGrade: 3 }
  const refused = await t.api('POST', '/api/workers', { as: 'qingyuan', body })
  expect(refused.status).toBe(422)
  expect(refused.text).toContain('须登记本人同意')
  expect(await queryRows(t.database.db, sql`select 1 from workers where name = '蓝秀兰'`)).toEqual([])
  // "Other" needs words; a consent dated after today is refused.
  expect((await t.api('POST', '/api/workers', { as: 'qingyuan', body: { ...body, disabilityConsent: { ...consent, purpose: 'other' } } })).status).toBe(422)
  expect((await t.api('POST', '/api/workers', { as: 'qingyuan', body: { ...body, disabilityConsent: { ...consent, givenOn: '2099-01-01' } } })).status).toBe(422)

  const made = await t.api('POST', '/api/workers', { as: 'qingyuan', body: { ...body, disabilityConsent: consent } })
  expect(made.status).toBe(201)
  expect(made.body.disabilityGrade).toBe(3)
  expect(made.body.disabilityConsent).toMatchObject({ ...consent, withdrawnOn: null })
  const id = made.body.id as string

  // Other edits do not ask again; the grade changed with the consent in force is fine.
  expect((await t.api('PATCH', `/api/workers/${id}`, { as: 'qingyuan', body: { household: '东门村3组', disabilityGrade: 3 } })).status).toBe(200)
  expect((await t.api('PATCH', `/api/workers/${id}`, { as: 'qingyuan', body: { disabilityGrade: 2 } })).body.disabilityGrade).toBe(2)

  // Township staff outside scope get 404; the operator may not record consents.
  expect((await t.api('POST', `/api/workers/${id}/disability-consents/withdraw`, { as: 'longquan', body: { on: '2026-06-01' } })).status).toBe(404)
  const withdrawn = await t.api('POST', `/api/workers/${id}/disability-consents/withdraw`, { as: 'qingyuan', body: { on: '2026-06-01' } })
  expect(withdrawn.status).toBe(200)
  expect(withdrawn.body[0]).toMatchObject({ withdrawnOn: '2026-06-01' })
  const after = await t.api('GET', `/api/workers/${id}`, { as: 'qingyuan' })
  expect(after.body.disabilityGrade).toBeNull()
  expect(after.body.disabilityConsent).toBeNull()
  expect((await t.api('POST', `/api/workers/${id}/disability-consents/withdraw`, { as: 'qingyuan', body: { on: '2026-06-02' } })).status).toBe(409)
  // Without a consent in force, a new grade is refused again; a consent recorded on its own opens the way.
  expect((await t.api('PATCH', `/api/workers/${id}`, { as: 'qingyuan', body: { disabilityGrade: 2 } })).status).toBe(422)
  const again = await t.api('POST', `/api/workers/${id}/disability-consents`, { as: 'qingyuan', body: { ...consent, givenOn: '2026-07-01', purpose: 'subsidy-claim' } })
  expect(again.status).toBe(200)
  expect(again.body).toHaveLength(2)
  expect((await t.api('PATCH', `/api/workers/${id}`, { as: 'qingyuan', body: { disabilityGrade: 2 } })).status).toBe(200)
  const audits = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_log where target_id = ${id} and action like 'worker.disability%' order by id`)
  expect(audits.map((a) => a.action)).toEqual(['worker.disability-consent-withdraw', 'worker.disability-consent'])
})

test('the demo holds a consent for every worker with a disability grade', async () => {
  const [r] = await queryRows<{ graded: number; without: number }>(
    t.database.db,
    sql`select count(*)::int as graded, count(*) filter (where not exists (select 1 from disability_consents c where c.worker_id = w.id and c.withdrawn_on is null))::int as without
        from workers w where w.disability_grade_enc is not null`,
  )
  expect(r!.graded).toBeGreaterThan(50)
  expect(r!.without).toBe(0)
})

test('an import row with a disability grade needs the consent date and witness; with them the consent is recorded', async () => {
  const villages = (await queryRows<{ code: string }>(t.database.db, sql`select code from regions where level = 5 and code like '331126%' order by code limit 3`)).map((r) => r.code)
  const rows = sampleWorkerRows(3, villages, 11, 930_000).map((r, i) => ({ ...r, disabilityGrade: i === 1 ? '2' : '', disabilityConsentOn: '', disabilityConsentWitness: '' }))
  const upload = async (data: typeof rows, dryRun: boolean) => {
    const form = new FormData()
    form.append('file', new File([toCsv(SAMPLE_WORKER_COLUMNS, data)], 'workers.csv'))
    return t.api('POST', `/api/imports/workers${dryRun ? '?dryRun=true' : ''}`, { as: 'qingyuan', body: form })
  }
  const bad = await upload(rows, true)
  expect(bad.body.valid).toBe(2)
  expect(bad.body.errors).toHaveLength(1)
  expect(JSON.stringify(bad.body.errors[0])).toContain('同意日期和见证人')
  const fixed = rows.map((r, i) => (i === 1 ? { ...r, disabilityConsentOn: '2025-09-01', disabilityConsentWitness: '村残协委员' } : r))
  const done = await upload(fixed, false)
  expect(done.body).toMatchObject({ imported: 3, errors: [] })
  const consents = await queryRows<{ given_on: string; witness: string }>(
    t.database.db,
    sql`select c.given_on::text, c.witness from disability_consents c join workers w on w.id = c.worker_id where w.id_number_bidx = ${idNumberIndex(activeVault(), fixed[1]!.idNumber)}`,
  )
  expect(consents).toEqual([{ given_on: '2025-09-01', witness: '村残协委员' }])
})
