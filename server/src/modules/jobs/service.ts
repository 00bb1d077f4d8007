import { and, eq } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../db/client.ts'
import { importJobs } from '../../db/schema/index.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize, can } from '../../auth/access/index.ts'
import { notFound, ProblemError } from '../../http/problem.ts'
import type { ImportError, ImportResult } from '@gongfang/shared/registry'

/** Progress of jobs running in this process (the database row is written at start and end). */
interface Live {
  kind: string
  userId: string | null
  createdAt: Date
  state: 'queued' | 'running' | 'done' | 'failed'
  processed: number
  total: number
  errors: ImportError[]
  result: Record<string, unknown> | null
  updatedAt: Date
}
const live = new Map<string, Live>()

/** Files of finished export jobs, in memory with the headers of the direct download; dropped with the job's live entry. */
export interface ExportFile { body: Uint8Array; headers: Record<string, string>; fileName: string; userId: string }
export const exportFiles = new Map<string, ExportFile>()

export interface JobHandle {
  id: string
  progress(processed: number): void
}

/**
 * Runs `work` in the background. The job row records the outcome; the work itself must be one
 * transaction, so a crash or kill leaves the data as before and the job reads as failed.
 */
export async function startJob(
  db: Db,
  opts: { kind: string; userId: string | null; fileName: string | null; total: number },
  work: (job: JobHandle) => Promise<{ errors: ImportError[]; result: Record<string, unknown>; failed?: boolean }>,
): Promise<string> {
  const [row] = await db
    .insert(importJobs)
    .values({ kind: opts.kind, state: 'queued', total: opts.total, userId: opts.userId, fileName: opts.fileName })
    .returning({ id: importJobs.id, createdAt: importJobs.createdAt })
  const id = row!.id
  const state: Live = { kind: opts.kind, userId: opts.userId, createdAt: row!.createdAt, state: 'queued', processed: 0, total: opts.total, errors: [], result: null, updatedAt: new Date() }
  live.set(id, state)
  setImmediate(async () => {
    state.state = 'running'
    try {
      const out = await work({ id, progress: (n) => { state.processed = Math.min(n, state.total); state.updatedAt = new Date() } })
      Object.assign(state, { state: out.failed ? 'failed' : 'done', processed: state.total, errors: out.errors, result: out.result, updatedAt: new Date() })
    } catch (err) {
      console.error(`job ${id} failed`, err)
      Object.assign(state, { state: 'failed', errors: [{ row: 0, column: '', value: '', message: String((err as Error).message ?? err) }], updatedAt: new Date() })
    }
    try {
      await db.update(importJobs).set({ state: state.state, processed: state.processed, errors: state.errors, result: state.result, updatedAt: new Date() }).where(eq(importJobs.id, id))
    } catch (err) {
      console.error(`job ${id}: could not store the outcome`, err)
    }
    // Kept a while so a client polling after the end still reads it from memory.
    setTimeout(() => {
      live.delete(id)
      exportFiles.delete(id)
    }, 10 * 60_000).unref()
  })
  return id
}

/** A job of the caller (admins see all); someone else's job is 404 like a missing one. */
export async function getJob(db: DbOrTx, caller: Caller, id: string) {
  const user = authorize(caller, 'jobs.read')
  const readAny = can(caller, 'jobs.read-any')
  const mem = live.get(id)
  // A job of this process answers from memory: its progress is polled while it runs, and on the embedded
  // database a poll that read the row would wait behind the very export it asks about.
  const row =
    mem && (readAny || mem.userId === user.id)
      ? { id, ...mem }
      : (await db.select().from(importJobs).where(readAny ? eq(importJobs.id, id) : and(eq(importJobs.id, id), eq(importJobs.userId, user.id))))[0]
  if (!row) throw notFound({ zh: '任务', en: 'Job' })
  const file = exportFiles.get(id)
  // Running in the database but unknown to this process: the process that ran it died; its
  // transaction was rolled back, so nothing was imported.
  const orphan = !mem && (row.state === 'running' || row.state === 'queued')
  return {
    id: row.id,
    kind: row.kind,
    state: mem?.state ?? (orphan ? 'failed' : (row.state as Live['state'])),
    processed: mem?.processed ?? row.processed,
    total: mem?.total ?? row.total,
    errors: mem?.errors ?? (orphan ? [{ row: 0, column: '', value: '', message: row.kind.startsWith('export:') ? '导出被中断，请重新导出 / interrupted, export again' : '导入被中断，未写入任何数据 / interrupted, nothing imported' }] : row.errors),
    result: row.kind.startsWith('export:') ? null : ((mem?.result ?? row.result ?? null) as ImportResult | null),
    download: file && (mem?.state ?? row.state) === 'done' ? { url: `/api/jobs/${row.id}/file`, fileName: file.fileName, bytes: file.body.byteLength } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: (mem?.updatedAt ?? row.updatedAt).toISOString(),
  }
}

/**
 * The file of a finished export job, to its owner only (not even an administrator reads another's export:
 * it is personal data stamped with the owner's name). Missing or someone else's: 404.
 */
export async function getExportFile(db: DbOrTx, caller: Caller, id: string): Promise<ExportFile> {
  const user = authorize(caller, 'jobs.read')
  const [row] = await db.select({ id: importJobs.id, kind: importJobs.kind, state: importJobs.state }).from(importJobs).where(and(eq(importJobs.id, id), eq(importJobs.userId, user.id)))
  if (!row || !row.kind.startsWith('export:')) throw notFound({ zh: '导出任务', en: 'Export job' })
  const file = exportFiles.get(id)
  if (file && file.userId === user.id) return file
  const state = live.get(id)?.state ?? row.state
  if (state === 'queued' || state === 'running') throw new ProblemError(409, 'export-not-ready', { zh: '导出尚未完成，请稍候', en: 'The export is not finished yet' })
  throw new ProblemError(410, 'export-gone', { zh: '导出文件已失效（失败或已过期），请重新导出', en: 'The export file is gone (failed or expired); export again' })
}
