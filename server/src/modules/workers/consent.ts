/**
 * Consent for the disability grade (PIPL art. 29 and 30: sensitive personal information is processed only with
 * the person's separate consent, for a stated purpose). A grade is recorded only with a consent in force — given
 * in the same request or already on record; withdrawing it erases the grade.
 */
import { and, desc, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { DateSchema } from '@gongfang/shared'
import { DisabilityConsentInputSchema, type DisabilityConsentInput } from '@gongfang/shared/registry'
import type { Caller } from '../../auth/caller.ts'
import { callerToday } from '../../auth/caller.ts'
import { authorize } from '../../auth/access/index.ts'
import { workerRows } from '../../auth/access/registry.ts'
import type { DbOrTx } from '../../db/client.ts'
import { disabilityConsents, workers } from '../../db/schema/index.ts'
import { audit } from '../../audit/audit.ts'
import { ProblemError, notFound } from '../../http/problem.ts'
import { activeVault, sealDisabilityGrade } from '../../vault/index.ts'
import { recordChange } from '../workshops/history.ts'

type ConsentRow = typeof disabilityConsents.$inferSelect
const view = (c: ConsentRow) => ({
  id: c.id,
  givenOn: c.givenOn,
  purpose: c.purpose,
  purposeNote: c.purposeNote,
  witness: c.witness,
  recordedAt: c.recordedAt.toISOString(),
  withdrawnOn: c.withdrawnOn,
})
export type ConsentView = ReturnType<typeof view>

/** The consent in force for a worker's disability grade, or null. */
export async function consentInForce(db: DbOrTx, workerId: string): Promise<ConsentView | null> {
  const [c] = await db
    .select()
    .from(disabilityConsents)
    .where(and(eq(disabilityConsents.workerId, workerId), isNull(disabilityConsents.withdrawnOn)))
    .orderBy(desc(disabilityConsents.givenOn), desc(disabilityConsents.id))
    .limit(1)
  return c ? view(c) : null
}

export const consentNeeded = () =>
  new ProblemError(
    422,
    'consent-required',
    { zh: '登记残疾等级须有本人同意', en: 'A disability grade needs the worker’s consent' },
    { zh: '请填写本人同意的日期、用途和见证人', en: 'Give the date, purpose and witness of the worker’s consent' },
    [{ path: 'disabilityConsent', message: { zh: '须登记本人同意（日期、用途、见证人）', en: 'Record the consent (date, purpose, witness)' } }],
  )

/**
 * Before a grade is written: a consent given with it is checked (not after today) and stored; without one, a
 * consent must already be in force. Called inside the writing transaction.
 */
export async function consentForGrade(tx: DbOrTx, caller: Caller, workerId: string, grade: number | null | undefined, given: DisabilityConsentInput | undefined) {
  if (given) await insertConsent(tx, caller, workerId, given)
  else if (grade != null && !(await consentInForce(tx, workerId))) throw consentNeeded()
}

async function insertConsent(tx: DbOrTx, caller: Caller, workerId: string, input: DisabilityConsentInput) {
  const c = DisabilityConsentInputSchema.parse(input)
  if (c.givenOn > callerToday(caller))
    throw new ProblemError(422, 'validation', { zh: '输入有误', en: 'Invalid input' }, { zh: '同意日期不能晚于今天', en: 'The consent date cannot be after today' }, [
      { path: 'disabilityConsent.givenOn', message: { zh: '同意日期不能晚于今天', en: 'Not after today' } },
    ])
  await tx.insert(disabilityConsents).values({ workerId, givenOn: c.givenOn, purpose: c.purpose, purposeNote: c.purposeNote ?? null, witness: c.witness, recordedBy: caller.user?.id ?? null })
}

async function writable(tx: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'workers.update')
  const [w] = await tx.select({ id: workers.id, regionCode: workers.regionCode, grade: workers.disabilityGradeEnc }).from(workers).where(and(workerRows(caller.scope), eq(workers.id, id)))
  if (!w) throw notFound({ zh: '农户', en: 'Worker' })
  return w
}

/** Consents of one worker, newest first (those in force and withdrawn ones). */
export async function listConsents(db: DbOrTx, caller: Caller, id: string) {
  authorize(caller, 'workers.read')
  const [w] = await db.select({ id: workers.id }).from(workers).where(and(workerRows(caller.scope), eq(workers.id, id)))
  if (!w) throw notFound({ zh: '农户', en: 'Worker' })
  const rows = await db.select().from(disabilityConsents).where(eq(disabilityConsents.workerId, id)).orderBy(desc(disabilityConsents.givenOn), desc(disabilityConsents.id))
  return rows.map(view)
}

/** Records a consent (e.g. on paper first, then entered). */
export async function recordConsent(db: DbOrTx, caller: Caller, id: string, input: DisabilityConsentInput) {
  await db.transaction(async (tx) => {
    const w = await writable(tx, caller, id)
    await insertConsent(tx, caller, id, input)
    await audit(tx, caller, { action: 'worker.disability-consent', targetType: 'worker', targetId: id, regionCode: w.regionCode, subjectIds: [id] })
  })
  return listConsents(db, caller, id)
}

export const WithdrawSchema = z.object({ on: DateSchema }).meta({ id: 'ConsentWithdrawal' })

/** The worker withdraws consent: every consent in force ends and the disability grade is erased. */
export async function withdrawConsent(db: DbOrTx, caller: Caller, id: string, on: string) {
  await db.transaction(async (tx) => {
    const w = await writable(tx, caller, id)
    const ended = await tx
      .update(disabilityConsents)
      .set({ withdrawnOn: on, withdrawnBy: caller.user?.id ?? null })
      .where(and(eq(disabilityConsents.workerId, id), isNull(disabilityConsents.withdrawnOn)))
      .returning({ id: disabilityConsents.id })
    if (ended.length === 0)
      throw new ProblemError(409, 'no-consent', { zh: '没有可撤回的同意', en: 'No consent in force to withdraw' })
    if (w.grade !== null) {
      await tx.update(workers).set({ disabilityGradeEnc: sealDisabilityGrade(activeVault(), null), disabilityGrade: null, updatedAt: new Date() }).where(eq(workers.id, id))
      await recordChange(tx, caller, 'worker', id, 'update', { disabilityGrade: { from: '(consent withdrawn)', to: null } })
    }
    await audit(tx, caller, { action: 'worker.disability-consent-withdraw', targetType: 'worker', targetId: id, regionCode: w.regionCode, subjectIds: [id], detail: { on } })
  })
  return listConsents(db, caller, id)
}
