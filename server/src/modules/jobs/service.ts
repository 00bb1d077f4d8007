import { and, eq } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../db/client.ts'
import { importJobs } from '../../db/schema/index.ts'
import type { Caller } from '../../auth/caller.ts'
import { authorize, can } from '../../auth/access/index.ts'
import { notFound } from '../../http/problem.ts'
import type { ImportError, ImportResult } from '@gongfang/shared/registry'

/** Progress of jobs running in this process (the database row is written at start and end). */
interface Live {
  state: 'queued' | 'running' | 'done' | 'failed'
  processed: number
  total: number
  errors: ImportError[]
  result: Record<string, unknown> | null
  updatedAt: Date
}
const live = new Map<string, Live>()

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
  const [row] = await db.insert(importJobs).values({ kind: opts.kind, state: 'queued', total: opts.total, userId: opts.userId, fileName: opts.fileName }).returning({ id: importJobs.id })
  const id = row!.id
  const state: Live = { state: 'queued', processed: 0, total: opts.total, errors: [], result: null, updatedAt: new Date() }
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
    setTimeout(() => live.delete(id), 10 * 60_000).unref()
  })
  return id
}

/** A job of the caller (admins see all); someone else's job is 404 like a missing one. */
export async function getJob(db: DbOrTx, caller: Caller, id: string) {
  const user = authorize(caller, 'jobs.read')
  const cond = can(caller, 'jobs.read-any') ? eq(importJobs.id, id) : and(eq(importJobs.id, id), eq(importJobs.userId, user.id))
  const [row] = await db.select().from(importJobs).where(cond)
  if (!row) throw notFound({ zh: '任务', en: 'Job' })
  const mem = live.get(id)
  // Running in the database but unknown to this process: the process that ran it died; its
  // transaction was rolled back, so nothing was imported.
  const orphan = !mem && (row.state === 'running' || row.state === 'queued')
  return {
    id: row.id,
    kind: row.kind,
    state: mem?.state ?? (orphan ? 'failed' : (row.state as Live['state'])),
    processed: mem?.processed ?? row.processed,
    total: mem?.total ?? row.total,
    errors: mem?.errors ?? (orphan ? [{ row: 0, column: '', value: '', message: '导入被中断，未写入任何数据 / interrupted, nothing imported' }] : row.errors),
    result: (mem?.result ?? row.result ?? null) as ImportResult | null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: (mem?.updatedAt ?? row.updatedAt).toISOString(),
  }
}
