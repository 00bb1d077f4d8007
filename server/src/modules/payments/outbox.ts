/**
 * Sends the outbox's messages to workers. The sender is pluggable: the default keeps each message in the
 * table (status `stored`) and logs that it did, without the text; with GONGFANG_SMS_WEBHOOK_URL set, each
 * message is POSTed as JSON `{ phone, text, id }` to that URL (an SMS gateway, or a small adapter in front of
 * one), and a non-2xx answer is retried on the next round, up to five attempts.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type DbOrTx } from '../../db/client.ts'
import type { Logger } from '../../log.ts'
import { activeVault, openWorkerPersonal } from '../../vault/index.ts'

export interface OutboxMessage {
  id: number
  workerId: string
  kind: string
  body: string
  phone: string | null
}

/** Delivers one message; throws to have it retried. Returns the status to record. */
export type Sender = (m: OutboxMessage) => Promise<'stored' | 'sent'>

export const storingSender = (log: Logger): Sender => async (m) => {
  log.info({ outboxId: m.id, kind: m.kind, workerId: m.workerId }, 'outbox: message stored (no SMS gateway configured)')
  return 'stored'
}

export const webhookSender = (url: string): Sender => async (m) => {
  if (!m.phone) return 'stored' // nowhere to send it: the worker reads it in the app
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: m.id, phone: m.phone, text: m.body }) })
  if (!res.ok) throw new Error(`gateway answered ${res.status}`)
  return 'sent'
}

const MAX_ATTEMPTS = 5

/** One round: the oldest pending messages, each delivered and marked; returns how many were handled. */
export async function deliverOutbox(db: DbOrTx, send: Sender, limit = 100): Promise<number> {
  const rows = await queryRows<{ id: number; worker_id: string; kind: string; body: string; phone_enc: string | null; phone: string | null }>(
    db,
    sql`select o.id, o.worker_id::text as worker_id, o.kind, o.body, w.phone_enc, w.phone from outbox_messages o join workers w on w.id = o.worker_id
      where o.status = 'pending' and o.attempts < ${MAX_ATTEMPTS} order by o.id limit ${limit}`,
  )
  const vault = activeVault()
  for (const r of rows) {
    const phone = openWorkerPersonal(vault, { idNumberEnc: null, idNumber: null, phoneEnc: r.phone_enc, phone: r.phone, disabilityGradeEnc: null }).phone
    try {
      const status = await send({ id: Number(r.id), workerId: r.worker_id, kind: r.kind, body: r.body, phone })
      await db.execute(sql`update outbox_messages set status = ${status}, sent_at = now(), attempts = attempts + 1, last_error = null where id = ${r.id}`)
    } catch (err) {
      const failed = sql`case when attempts + 1 >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end`
      await db.execute(sql`update outbox_messages set attempts = attempts + 1, last_error = ${String(err).slice(0, 500)}, status = ${failed} where id = ${r.id}`)
    }
  }
  return rows.length
}

export function startOutbox(db: DbOrTx, opts: { send: Sender; everySeconds: number; log: Logger }): () => void {
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    busy = true
    deliverOutbox(db, opts.send)
      .catch((err: unknown) => opts.log.error({ err }, 'outbox round failed'))
      .finally(() => (busy = false))
  }, opts.everySeconds * 1000)
  timer.unref()
  return () => clearInterval(timer)
}
