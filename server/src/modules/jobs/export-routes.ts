import { createRoute, z } from '@hono/zod-openapi'
import { ExportJobRequestSchema, JobSchema, type ExportJobRequest } from '@gongfang/shared/registry'
import { createRouter } from '../../http/router.ts'
import { bearer } from '../../http/route-helpers.ts'
import { problemJson, ProblemError } from '../../http/problem.ts'
import { authorize } from '../../auth/access/index.ts'
import { exportFiles, getExportFile, getJob, startJob } from './service.ts'

/** The direct download each export job kind produces; the job answers exactly the same file (bench:api reads it too). */
export const DIRECT: Record<ExportJobRequest['kind'], (id?: string) => string> = {
  'income-alerts': () => '/income/alerts.xlsx',
  'income-workers': () => '/income/workers.xlsx',
  workers: () => '/workers/export',
  workshops: () => '/workshops/export',
  enterprises: () => '/enterprises/export',
  collectives: () => '/collectives/export',
  coverage: () => '/coverage/export',
  'wage-ledger': (id) => `/paysheets/${id}/ledger.xlsx`,
}

/** Started jobs by caller and parameters, so a retried start (double click, network retry) joins the running job. */
const byKey = new Map<string, Promise<string>>()

const problems = {
  401: { description: 'Not logged in', content: problemJson },
  404: { description: 'Missing, or not the caller’s job', content: problemJson },
  422: { description: 'Invalid request', content: problemJson },
}

const startRoute = createRoute({
  method: 'post', path: '/export-jobs', tags: ['jobs'], security: bearer,
  summary:
    'Start an export as a background job (the same file, access checks, personal-data stamp and audit as its direct download). The same caller with the same parameters joins the job already running or finished (200) instead of starting another (202). A job that cannot export (no access, bad filter) ends failed with the reason.',
  request: { body: { content: { 'application/json': { schema: ExportJobRequestSchema } }, required: true } },
  responses: {
    200: { description: 'The same export, already started by this caller', content: { 'application/json': { schema: JobSchema } } },
    202: { description: 'Started; poll GET /jobs/{id}', content: { 'application/json': { schema: JobSchema } } },
    400: { description: 'Body is not JSON', content: problemJson },
    401: problems[401],
    422: problems[422],
  },
})

const fileRoute = createRoute({
  method: 'get', path: '/jobs/{id}/file', tags: ['jobs'], security: bearer,
  summary: 'The file of a finished export job (its owner only)',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: {
      description: 'The file',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string() },
      },
    },
    ...problems,
    409: { description: 'Not finished yet', content: problemJson },
    410: { description: 'Failed or expired: export again', content: problemJson },
  },
})

/**
 * Export jobs call the direct export in-process through the app (`fetch`) with the caller's own credentials,
 * so access, masking, stamping and audit are those of the direct download, not a second copy of them.
 */
export function exportJobRoutes(fetch: (req: Request) => Response | Promise<Response>) {
  return createRouter()
    .openapi(startRoute, async (c) => {
      const user = authorize(c.var.caller, 'jobs.read')
      const body = c.req.valid('json')
      if (body.kind === 'wage-ledger' && !body.id) {
        throw new ProblemError(422, 'validation', { zh: '工资台账导出需要工资单 id', en: 'A wage ledger export needs the paysheet id' }, undefined, [{ path: 'id', message: { zh: '必填', en: 'Required' } }])
      }
      const query = new URLSearchParams(Object.entries(body.query).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]): [string, string] => [k, String(v)]))
      const key = `${user.id}\u0000${body.kind}\u0000${body.id ?? ''}\u0000${query}`
      const known = byKey.get(key)
      if (known) {
        const job = await getJob(c.var.db, c.var.caller, await known).catch(() => null)
        // A failed or expired job is not joined: a new start is a retry.
        if (job && job.state !== 'failed' && (job.state !== 'done' || job.download)) return c.json(job, 200)
      }
      const headers: Record<string, string> = { 'accept-language': c.req.header('accept-language') ?? 'zh-CN' }
      for (const h of ['authorization', 'cookie', 'x-forwarded-for']) {
        const v = c.req.header(h)
        if (v) headers[h] = v
      }
      const url = new URL(`/api${DIRECT[body.kind](body.id)}${query.size ? `?${query}` : ''}`, c.req.url)
      // Set before the first await, so a second start arriving meanwhile finds this one.
      const started = startJob(c.var.db, { kind: `export:${body.kind}`, userId: user.id, fileName: null, total: 100 }, async (job) => {
        job.progress(10)
        const res = await fetch(new Request(url, { headers }))
        job.progress(90)
        if (res.status !== 200) {
          const p = (await res.json().catch(() => ({}))) as { title?: string; detail?: string }
          return { errors: [{ row: 0, column: '', value: String(res.status), message: [p.title, p.detail].filter(Boolean).join(': ') || `HTTP ${res.status}` }], result: {}, failed: true }
        }
        const bytes = new Uint8Array(await res.arrayBuffer())
        const out: Record<string, string> = {}
        for (const h of ['content-type', 'content-disposition']) out[h] = res.headers.get(h) ?? ''
        const star = /filename\*=UTF-8''([^;]+)/.exec(out['content-disposition']!)?.[1]
        exportFiles.set(job.id, { body: bytes, headers: out, fileName: star ? decodeURIComponent(star) : 'export', userId: user.id })
        return { errors: [], result: {} }
      })
      byKey.set(key, started)
      let id: string
      try {
        id = await started
      } catch (err) {
        byKey.delete(key)
        throw err
      }
      setTimeout(() => byKey.get(key) === started && byKey.delete(key), 10 * 60_000).unref()
      return c.json(await getJob(c.var.db, c.var.caller, id), 202)
    })
    .openapi(fileRoute, async (c) => {
      const file = await getExportFile(c.var.db, c.var.caller, c.req.valid('param').id)
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { ...file.headers, 'cache-control': 'private, no-store' })
    })
}
