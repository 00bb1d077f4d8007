import type { PaymentBatch } from '@gongfang/shared/payments'
import { api, asForm, download, ok, type BodyOf, type QueryOf } from './client'

export const paymentKeys = {
  all: ['payments'] as const,
  account: (workerId: string) => ['payments', 'account', workerId] as const,
  batches: ['payments', 'batches'] as const,
  batch: (id: string) => ['payments', 'batch', id] as const,
  templates: ['payments', 'templates'] as const,
  reconciliation: (month: string) => ['payments', 'reconciliation', month] as const,
}

export type AccountInput = BodyOf<'/workers/{id}/account', 'put'>

export interface BankReturnResult {
  applied: boolean
  paid: number
  failed: number
  unchanged: number
  errors: { row: number; message: string }[]
  batch: PaymentBatch
}

const batch = (id: string) => ({ params: { path: { id } } })

export const fetchAccount = (workerId: string) => api.GET('/workers/{id}/account', { params: { path: { id: workerId } } }).then(ok)
export const saveAccount = (workerId: string, body: AccountInput) => api.PUT('/workers/{id}/account', { params: { path: { id: workerId } }, body }).then(ok)
export const approveProxy = (workerId: string) => api.POST('/workers/{id}/account/approve-proxy', { params: { path: { id: workerId } } }).then(ok)
export const fetchBatches = (q: QueryOf<'/payment-batches'>) => api.GET('/payment-batches', { params: { query: q } }).then(ok)
export const fetchBatch = (id: string, q: QueryOf<'/payment-batches/{id}'>) => api.GET('/payment-batches/{id}', { params: { path: { id }, query: q } }).then(ok)
export const createBatch = (paysheetIds: string[], note?: string) => api.POST('/payment-batches', { body: { paysheetIds, note } }).then(ok)
export const fetchTemplates = () => api.GET('/bank-templates').then(ok)
export const downloadBankFile = (id: string, template: string) =>
  download(api.GET('/payment-batches/{id}/file', { params: { path: { id }, query: { template } }, parseAs: 'blob' }), 'bank-file')
export const payCash = (id: string, body: { lineIds: number[]; paidOn: string; signedBy: string }) => api.POST('/payment-batches/{id}/cash', { ...batch(id), body }).then(ok)
export const fetchReconciliation = (month: string) => api.GET('/payments/reconciliation', { params: { query: { month } } }).then(ok)
export const uploadReturn = (id: string, file: File) => api.POST('/payment-batches/{id}/returns', { ...batch(id), ...asForm({ file }) }).then(ok)
