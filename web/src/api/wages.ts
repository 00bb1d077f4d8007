import type { WorkRecordCreate } from '@gongfang/shared'
import { api, download, ok, type BodyOf, type QueryOf } from './client'

export interface WorkshopOption {
  id: string
  name: string
  regionCode: string
}

export const wagesKeys = {
  workshops: ['wages', 'workshops'] as const,
  daySheet: (workshopId: string, date: string) => ['wages', 'day-sheet', workshopId, date] as const,
  paysheets: (q: object) => ['wages', 'paysheets', q] as const,
  /** The paysheet list's prefix: its filters and page follow. */
  paysheetLists: ['wages', 'paysheets'] as const,
  paysheet: (id: string) => ['wages', 'paysheet', id] as const,
  earnings: (month?: string) => ['wages', 'earnings', month ?? ''] as const,
  income: (workshopId: string, from: string, to: string) => ['wages', 'income', workshopId, from, to] as const,
  approvalRules: ['wages', 'approval-rules'] as const,
}

const sheet = (id: string) => ({ params: { path: { id } } })

export const fetchRecordableWorkshops = () => api.GET('/work-records/workshops').then(ok)
export const fetchDaySheet = (workshopId: string, date: string) => api.GET('/work-records/day-sheet', { params: { query: { workshopId, date } } }).then(ok)
export const fetchPaysheets = (q: QueryOf<'/paysheets'>) =>
  api.GET('/paysheets', { params: { query: q } }).then(ok)
export const fetchPaysheet = (id: string) => api.GET('/paysheets/{id}', sheet(id)).then(ok)
export const openPaysheet = (workshopId: string, month: string) => api.POST('/paysheets', { body: { workshopId, month } }).then(ok)
export const lockPaysheet = (id: string) => api.POST('/paysheets/{id}/lock', sheet(id)).then(ok)
export const decidePaysheet = (id: string, action: 'approve' | 'reject') =>
  (action === 'approve' ? api.POST('/paysheets/{id}/approve', sheet(id)) : api.POST('/paysheets/{id}/reject', sheet(id))).then(ok)
export const payPaysheet = (id: string, body: BodyOf<'/paysheets/{id}/pay'>) =>
  api.POST('/paysheets/{id}/pay', { ...sheet(id), body }).then(ok)
export const verifyPaysheet = (id: string) => api.GET('/paysheets/{id}/verify', sheet(id)).then(ok)
export const exportPaysheet = (id: string) => download(api.GET('/paysheets/{id}/export.xlsx', { ...sheet(id), parseAs: 'blob' }), 'paysheet.xlsx')
export const fetchEarnings = (month?: string) => api.GET('/work-records/earnings', { params: { query: { month } } }).then(ok)
export const fetchIncome = (workshopId: string, from: string, to: string) => api.GET('/paysheets/income', { params: { query: { workshopId, from, to } } }).then(ok)
export const correctRecord = (id: number, body: { goodQty?: number; rejectedQty?: number; reverse?: true; reason: string }) =>
  api.POST('/work-records/{id}/corrections', { params: { path: { id } }, body }).then(ok)

export const fetchApprovalRules = () => api.GET('/paysheets/approval-rules').then(ok)
export const setApprovalRule = (regionCode: string, required: boolean) =>
  api.PUT('/paysheets/approval-rules', { body: { regionCode, required } }).then(ok)
export type { WorkRecordCreate }

export const addDeduction = (id: string, body: BodyOf<'/paysheets/{id}/deductions'>) =>
  api.POST('/paysheets/{id}/deductions', { ...sheet(id), body }).then(ok)
export const approveDeduction = (id: string, deductionId: string) =>
  api.POST('/paysheets/{id}/deductions/{deductionId}/approve', { params: { path: { id, deductionId } } }).then(ok)
export const rejectDeduction = (id: string, deductionId: string, reason: string) =>
  api.POST('/paysheets/{id}/deductions/{deductionId}/reject', { params: { path: { id, deductionId } }, body: { reason } }).then(ok)
export const deleteDeduction = (id: string, deductionId: string) =>
  api.DELETE('/paysheets/{id}/deductions/{deductionId}', { params: { path: { id, deductionId } } }).then(ok)
