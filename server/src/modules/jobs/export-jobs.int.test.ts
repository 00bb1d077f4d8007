import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { useTestApp } from '../../../test/harness.ts'
import { expectStamped } from '../../../test/xlsx-stamp.ts'
import { queryRows } from '../../db/client.ts'

const t = useTestApp()

type Job = { id: string; state: string; processed: number; total: number; errors: { message: string }[]; download?: { url: string; fileName: string; bytes: number } | null }

async function until(id: string, as: string): Promise<Job> {
  for (let i = 0; i < 300; i++) {
    const r = await t.api('GET', `/api/jobs/${id}`, { as })
    expect(r.status).toBe(200)
    const job = r.body as Job
    if (job.state === 'done' || job.state === 'failed') return job
    await new Promise((res) => setTimeout(res, 50))
  }
  throw new Error(`job ${id} did not end`)
}

async function download(path: string, as: string) {
  const res = await t.app.request(path, { headers: { authorization: `Bearer ${await t.token(as)}` } })
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
}

async function rows(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer)
  const out: unknown[][] = []
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
  return out
}

const auditCount = async (action: string) =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n

describe('export jobs', () => {
  it('runs the worker register as a job: a retried start joins it, the file equals the direct export, stamped and audited, and is the owner’s only', async () => {
    const body = { kind: 'workers', query: { format: 'xlsx' } }
    const before = await auditCount('worker.export')
    // Two starts at once (a double click): one job.
    const [a, b] = await Promise.all([t.api('POST', '/api/export-jobs', { as: 'qingyuan', body }), t.api('POST', '/api/export-jobs', { as: 'qingyuan', body })])
    expect([a.status, b.status].sort()).toEqual([200, 202])
    expect(a.body.id).toBe(b.body.id)
    const id = a.body.id as string
    const job = await until(id, 'qingyuan')
    expect(job).toMatchObject({ state: 'done', processed: 100, total: 100, errors: [] })
    expect(job.download?.url).toBe(`/api/jobs/${id}/file`)
    expect(job.download?.fileName).toBe('农户名册.xlsx')
    // A start after the end, with the file still there, answers the finished job.
    const again = await t.api('POST', '/api/export-jobs', { as: 'qingyuan', body: { kind: 'workers', query: { format: 'xlsx' } } })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(id)
    const jobs = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from import_jobs where kind = 'export:workers'`))[0]!.n
    expect(jobs).toBe(1)

    const file = await download(job.download!.url, 'qingyuan')
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toMatch(/spreadsheetml/)
    expect(file.headers.get('cache-control')).toBe('private, no-store')
    expect(file.bytes.byteLength).toBe(job.download!.bytes)
    await expectStamped(file.bytes, 'qingyuan')
    const direct = await download('/api/workers/export?format=xlsx', 'qingyuan')
    expect(direct.status).toBe(200)
    const jobRows = await rows(file.bytes)
    expect(jobRows.length).toBeGreaterThan(1)
    expect(jobRows).toEqual(await rows(direct.bytes))
    // The job's export and the direct one are each audited as the caller's export.
    expect(await auditCount('worker.export')).toBe(before + 2)

    // Another user, even an administrator, does not see it.
    for (const other of ['township', 'lishui']) {
      expect((await t.api('GET', `/api/jobs/${id}`, { as: other })).status).toBe(404)
      expect((await download(`/api/jobs/${id}/file`, other)).status).toBe(404)
    }
    expect((await download(`/api/jobs/${id}/file`, 'admin')).status).toBe(404)
    expect((await t.api('GET', `/api/jobs/${id}/file`)).status).toBe(401)
    // The same parameters from another caller are another job, with that caller's scope and stamp.
    const theirs = await t.api('POST', '/api/export-jobs', { as: 'township', body })
    expect(theirs.status).toBe(202)
    expect(theirs.body.id).not.toBe(id)
    const done = await until(theirs.body.id, 'township')
    await expectStamped((await download(done.download!.url, 'township')).bytes, 'township')
  })

  it('runs income alerts, coverage and collectives as jobs with the direct export’s rows', async () => {
    const month = '2025-04'
    const cases: [string, Record<string, string>, string][] = [
      ['income-alerts', { month }, `/api/income/alerts.xlsx?month=${month}`],
      ['coverage', { level: 'township', format: 'xlsx' }, '/api/coverage/export?format=xlsx&level=township'],
      ['collectives', { format: 'xlsx' }, '/api/collectives/export?format=xlsx'],
    ]
    for (const [kind, query, direct] of cases) {
      const start = await t.api('POST', '/api/export-jobs', { as: 'qingyuan', body: { kind, query } })
      expect(start.status, kind).toBe(202)
      const job = await until(start.body.id, 'qingyuan')
      expect(job.state, `${kind}: ${JSON.stringify(job.errors)}`).toBe('done')
      const file = await download(job.download!.url, 'qingyuan')
      const d = await download(direct, 'qingyuan')
      expect(d.status).toBe(200)
      expect(await rows(file.bytes)).toEqual(await rows(d.bytes))
    }
  })

  it('ends failed with the reason when the caller may not export, and then has no file', async () => {
    const start = await t.api('POST', '/api/export-jobs', { as: 'worker', body: { kind: 'income-alerts', query: {} }, headers: { 'accept-language': 'en' } })
    expect(start.status).toBe(202)
    const job = await until(start.body.id, 'worker')
    expect(job.state).toBe('failed')
    expect(job.errors[0]!.message).toMatch(/may not/i)
    expect(job.download).toBeNull()
    expect((await download(`/api/jobs/${job.id}/file`, 'worker')).status).toBe(410)
    // A failed job is not joined: starting again is a retry.
    const retry = await t.api('POST', '/api/export-jobs', { as: 'worker', body: { kind: 'income-alerts', query: {} } })
    expect(retry.status).toBe(202)
    expect(retry.body.id).not.toBe(job.id)
    await until(retry.body.id, 'worker')
    expect((await t.api('POST', '/api/export-jobs', { as: 'qingyuan', body: { kind: 'wage-ledger', query: {} } })).status).toBe(422)
    expect((await t.api('POST', '/api/export-jobs', { as: 'qingyuan', body: { kind: 'nonsense' } })).status).toBe(422)
    expect((await t.api('POST', '/api/export-jobs', { body: { kind: 'workers' } })).status).toBe(401)
  })
})
