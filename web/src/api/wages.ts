import type { ApprovalRule, DaySheet, IncomeReport, Paysheet, PaysheetSummary, WorkRecord, WorkRecordCreate, WorkerEarnings } from '@gongfang/shared'
import { apiGet, apiSend, downloadFile } from './client'
import type { Page } from './regions'

export interface WorkshopOption {
  id: string
  name: string
  regionCode: string
}

export const wagesKeys = {
  workshops: ['wages', 'workshops'] as const,
  daySheet: (workshopId: string, date: string) => ['wages', 'day-sheet', workshopId, date] as const,
  paysheets: (q: object) => ['wages', 'paysheets', q] as const,
  paysheet: (id: string) => ['wages', 'paysheet', id] as const,
  earnings: (month?: string) => ['wages', 'earnings', month ?? ''] as const,
  income: (workshopId: string, from: string, to: string) => ['wages', 'income', workshopId, from, to] as const,
  approvalRules: ['wages', 'approval-rules'] as const,
}

export const fetchRecordableWorkshops = () => apiGet<WorkshopOption[]>('/api/work-records/workshops')
export const fetchDaySheet = (workshopId: string, date: string) => apiGet<DaySheet>('/api/work-records/day-sheet', { workshopId, date })
export const fetchPaysheets = (q: { workshopId?: string; month?: string; status?: string; page?: number; pageSize?: number }) =>
  apiGet<Page<PaysheetSummary>>('/api/paysheets', q)
export const fetchPaysheet = (id: string) => apiGet<Paysheet>(`/api/paysheets/${id}`)
export const openPaysheet = (workshopId: string, month: string) => apiSend<Paysheet>('POST', '/api/paysheets', { workshopId, month })
export const lockPaysheet = (id: string) => apiSend<Paysheet>('POST', `/api/paysheets/${id}/lock`)
export const decidePaysheet = (id: string, action: 'approve' | 'reject') => apiSend<Paysheet>('POST', `/api/paysheets/${id}/${action}`)
export const payPaysheet = (id: string, body: { paidOn: string; method: string; reference?: string; lineIds?: number[] }) =>
  apiSend<Paysheet>('POST', `/api/paysheets/${id}/pay`, body)
export const verifyPaysheet = (id: string) =>
  apiGet<{ valid: boolean; storedHash: string | null; computedHash: string | null; chainValid: boolean; reason: string | null }>(`/api/paysheets/${id}/verify`)
export const exportPaysheet = (id: string) => downloadFile(`/api/paysheets/${id}/export.xlsx`, undefined, 'paysheet.xlsx')
export const fetchEarnings = (month?: string) => apiGet<WorkerEarnings>('/api/work-records/earnings', { month })
export const fetchIncome = (workshopId: string, from: string, to: string) => apiGet<IncomeReport>('/api/paysheets/income', { workshopId, from, to })
export const correctRecord = (id: number, body: { goodQty?: number; rejectedQty?: number; reverse?: true; reason: string }) =>
  apiSend<{ reversal: WorkRecord; replacement: WorkRecord | null }>('POST', `/api/work-records/${id}/corrections`, body)

export const fetchApprovalRules = () => apiGet<ApprovalRule[]>('/api/paysheets/approval-rules')
export const setApprovalRule = (regionCode: string, required: boolean) =>
  apiSend<{ regionCode: string; required: boolean }>('PUT', '/api/paysheets/approval-rules', { regionCode, required })
export type { WorkRecordCreate }

export const addDeduction = (id: string, body: { workerId: string; code: string; amountFen: number; reason: string }) =>
  apiSend<Paysheet>('POST', `/api/paysheets/${id}/deductions`, body)
export const approveDeduction = (id: string, deductionId: string) => apiSend<Paysheet>('POST', `/api/paysheets/${id}/deductions/${deductionId}/approve`)
export const rejectDeduction = (id: string, deductionId: string, reason: string) =>
  apiSend<Paysheet>('POST', `/api/paysheets/${id}/deductions/${deductionId}/reject`, { reason })
export const deleteDeduction = (id: string, deductionId: string) => apiSend<Paysheet>('DELETE', `/api/paysheets/${id}/deductions/${deductionId}`)
