import type { BankTemplate, PaymentBatch, PaymentBatchSummary, Reconciliation, WorkerAccount } from '@gongfang/shared/payments'
import { apiGet, apiSend, apiUpload, downloadFile } from './client'
import type { Page } from './regions'

export const paymentKeys = {
  all: ['payments'] as const,
  account: (workerId: string) => ['payments', 'account', workerId] as const,
  batches: (q: object) => ['payments', 'batches', q] as const,
  batch: (id: string, q: object) => ['payments', 'batch', id, q] as const,
  templates: ['payments', 'templates'] as const,
  reconciliation: (month: string) => ['payments', 'reconciliation', month] as const,
}

export interface AccountInput {
  bank: string
  accountType: 'bank_card' | 'social_security_card'
  accountNumber: string
  holderName: string
  proxyReason?: string
}

export interface BankReturnResult {
  applied: boolean
  paid: number
  failed: number
  unchanged: number
  errors: { row: number; message: string }[]
  batch: PaymentBatch
}

export const fetchAccount = (workerId: string) => apiGet<WorkerAccount | null>(`/api/workers/${workerId}/account`)
export const saveAccount = (workerId: string, body: AccountInput) => apiSend<WorkerAccount>('PUT', `/api/workers/${workerId}/account`, body)
export const approveProxy = (workerId: string) => apiSend<WorkerAccount>('POST', `/api/workers/${workerId}/account/approve-proxy`)
export const fetchBatches = (q: { page: number; pageSize: number; status?: string }) => apiGet<Page<PaymentBatchSummary>>('/api/payment-batches', q)
export const fetchBatch = (id: string, q: { page: number; pageSize: number; status?: string }) => apiGet<PaymentBatch>(`/api/payment-batches/${id}`, q)
export const createBatch = (paysheetIds: string[], note?: string) => apiSend<PaymentBatch>('POST', '/api/payment-batches', { paysheetIds, note })
export const fetchTemplates = () => apiGet<BankTemplate[]>('/api/bank-templates')
export const downloadBankFile = (id: string, template: string) => downloadFile(`/api/payment-batches/${id}/file`, { template }, 'bank-file')
export const payCash = (id: string, body: { lineIds: number[]; paidOn: string; signedBy: string }) => apiSend<PaymentBatch>('POST', `/api/payment-batches/${id}/cash`, body)
export const fetchReconciliation = (month: string) => apiGet<Reconciliation>('/api/payments/reconciliation', { month })
export function uploadReturn(id: string, file: File) {
  const form = new FormData()
  form.append('file', file)
  return apiUpload<BankReturnResult>(`/api/payment-batches/${id}/returns`, form)
}
