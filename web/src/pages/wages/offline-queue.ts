import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { WorkRecordCreate } from '@gongfang/shared'
import { apiRaw } from '../../api/client'

/**
 * The day sheet's outbox: every submitted sheet is stored in IndexedDB with its own Idempotency-Key
 * before it is sent, and re-sent (same key) until the server answers. A retry after a lost answer is
 * harmless: the server returns the first result and records nothing new.
 */
export type EntryState = 'pending' | 'sent' | 'refused'
export interface QueueEntry {
  key: string
  createdAt: number
  workshopId: string
  workshopName: string
  date: string
  body: WorkRecordCreate
  lines: number
  state: EntryState
  attempts: number
  /** Why it was refused (the server's problem text) or why it is still waiting. */
  reason?: string
  sentAt?: number
  recordIds?: number[]
}

interface QueueDb extends DBSchema {
  outbox: { key: string; value: QueueEntry; indexes: { byCreated: number } }
  cache: { key: string; value: { key: string; at: number; data: unknown } }
}

let dbp: Promise<IDBPDatabase<QueueDb>> | null = null
function db() {
  dbp ??= openDB<QueueDb>('gongfang-wages', 1, {
    upgrade(d) {
      const s = d.createObjectStore('outbox', { keyPath: 'key' })
      s.createIndex('byCreated', 'createdAt')
      d.createObjectStore('cache', { keyPath: 'key' })
    },
  })
  return dbp
}

const listeners = new Set<() => void>()
export function subscribe(fn: () => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}
const notify = () => listeners.forEach((fn) => fn())

export async function listEntries(): Promise<QueueEntry[]> {
  return (await (await db()).getAllFromIndex('outbox', 'byCreated')).reverse()
}

export async function enqueue(e: Omit<QueueEntry, 'key' | 'createdAt' | 'state' | 'attempts' | 'lines'>): Promise<QueueEntry> {
  const entry: QueueEntry = { ...e, key: crypto.randomUUID(), createdAt: Date.now(), state: 'pending', attempts: 0, lines: e.body.lines.length }
  await (await db()).put('outbox', entry)
  notify()
  void flush()
  return entry
}

export async function clearSent(): Promise<void> {
  const d = await db()
  for (const e of await d.getAll('outbox')) if (e.state !== 'pending') await d.delete('outbox', e.key)
  notify()
}

/** Last good copy of a GET answer, for use offline. */
export async function cachePut(key: string, data: unknown) {
  await (await db()).put('cache', { key, at: Date.now(), data })
}
export async function cacheGet<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('cache', key))?.data as T | undefined
}

let flushing: Promise<void> | null = null

/** One entry to the server under its own Idempotency-Key: a resend after a lost answer books nothing twice. */
const post = (e: QueueEntry) => apiRaw.POST('/work-records', { body: e.body, headers: { 'Idempotency-Key': e.key } })

/** Sends every pending entry in order; stops at the first network failure (still offline). */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      const d = await db()
      const pending = (await d.getAllFromIndex('outbox', 'byCreated')).filter((e) => e.state === 'pending')
      for (const e of pending) {
        let sent: Awaited<ReturnType<typeof post>>
        try {
          sent = await post(e)
        } catch {
          await d.put('outbox', { ...e, attempts: e.attempts + 1, reason: 'offline' })
          notify()
          return // no network: try again when it comes back
        }
        const res = sent.response
        if (sent.data) {
          await d.put('outbox', { ...e, state: 'sent', attempts: e.attempts + 1, sentAt: Date.now(), reason: undefined, recordIds: sent.data.records.map((r) => r.id) })
        } else if (res.status === 401 || res.status >= 500 || res.status === 429) {
          // Not the entry's fault: keep it for later (log in again / server back).
          await d.put('outbox', { ...e, attempts: e.attempts + 1, reason: `HTTP ${res.status}` })
          notify()
          return
        } else {
          // The problem+json the server answered (a text body when it was not JSON).
          const p = (typeof sent.error === 'object' && sent.error ? sent.error : {}) as { title?: string; detail?: string; errors?: { path: string; message: string }[] }
          const reason = [p.title, p.detail, ...(p.errors ?? []).map((x) => `${x.path}: ${x.message}`)].filter(Boolean).join(' — ') || `HTTP ${res.status}`
          await d.put('outbox', { ...e, state: 'refused', attempts: e.attempts + 1, reason })
        }
        notify()
      }
    } finally {
      flushing = null
    }
  })()
  return flushing
}

/** Flushes when the network returns, when the page becomes visible, and every 20 s. */
export function startAutoFlush(): () => void {
  const go = () => void flush()
  window.addEventListener('online', go)
  document.addEventListener('visibilitychange', go)
  const timer = window.setInterval(go, 20_000)
  go()
  return () => {
    window.removeEventListener('online', go)
    document.removeEventListener('visibilitychange', go)
    window.clearInterval(timer)
  }
}
