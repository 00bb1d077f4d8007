import { audit } from '../audit/audit.ts'
import type { Caller } from '../auth/caller.ts'
import type { DbOrTx } from '../db/client.ts'

/**
 * Audits a fact booked by hand (a sales session, an agri-tourism day, a collective income) under its id and region,
 * in the booking's transaction, and returns it: what each create answers. `fact` is the new row read back through
 * its module's view, so the answer carries the same joined names as the list.
 */
export async function auditBooked<T extends { id: number; regionCode: string }>(
  tx: DbOrTx,
  caller: Caller,
  fact: T,
  entry: { action: string; targetType: string; detail: Record<string, unknown> },
): Promise<T> {
  await audit(tx, caller, { ...entry, targetId: String(fact.id), regionCode: fact.regionCode })
  return fact
}
