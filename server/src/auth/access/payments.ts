import type { SQL } from 'drizzle-orm'
import { paymentBatches, workers } from '../../db/schema/index.ts'
import { scopeFilter, type Scope } from '../scope.ts'
import type { PermissionTable } from './rules.ts'
import { ANY_USER, STAFF, STAFF_OR_OPERATOR } from './rules.ts'

/** Who may do what with wage payments (role × action); the filters below decide which rows. */
export const paymentsPermissions = {
  // A worker reads their own account (masked); payers those of workers in scope.
  'payments.accounts.read': ANY_USER,
  'payments.accounts.write': STAFF_OR_OPERATOR,
  // A relative collecting the pay (代领) is approved by staff, never by the operator who entered it.
  'payments.accounts.approve-proxy': STAFF,
  'payments.batches.read': STAFF_OR_OPERATOR,
  'payments.batches.write': STAFF_OR_OPERATOR,
  // Full account numbers in bulk: only into a bank file, a permission of its own (audited with rows and total).
  'payments.bank-file': STAFF_OR_OPERATOR,
  // The wage ledger with full ID and phone numbers, as the wage-payment regulations require (audited).
  'payments.ledger': STAFF_OR_OPERATOR,
  'payments.templates.write': ['admin'],
  // Pay slips: a worker their own, payers those of workers in scope; only the worker confirms receipt.
  'payments.slips.read': ['worker', ...STAFF_OR_OPERATOR],
  'payments.slips.confirm': ['worker'],
} as const satisfies PermissionTable

/** Workers whose account the caller may see or set: the registry's worker rows (operator: members; worker: self). */
export const accountWorkerRows = (scope: Scope): SQL => scopeFilter(scope, { regionCode: workers.regionCode, workerId: workers.id })

/** Batches: staff by the batch's region, the operator by its workshop (a batch of one workshop's sheets). */
// A batch spanning several workshops has no workshop id: only staff and admin see it.
export const batchRows = (scope: Scope): SQL => scopeFilter(scope, { workshopId: paymentBatches.workshopId, regionCode: paymentBatches.regionCode })

/**
 * Whose slips a caller reads: a worker always their own (whatever they asked), payers the worker they name
 * (null when they named none: the caller must say whom).
 */
export const slipWorkerId = (scope: Scope, requested: string | undefined): string | null => (scope.kind === 'worker' ? scope.workerId : (requested ?? null))
