import type {
  CollectiveIncome,
  CollectiveIncomeCreate,
  CollectiveMember,
  CollectiveOption,
  ProfitSharingRun,
  ProfitSharingRunCreate,
  ProfitSharingRunDetail,
} from '@gongfang/shared/collective'
import type { FactWorkshopOption, SalesImportResult, SalesSession, SalesSessionCreate, TourismRecord, TourismRecordCreate } from '@gongfang/shared/sales'
import type { Application, ApplicationDetail, ApplicationStage, Opportunity, OpportunityCreate } from '@gongfang/shared/partners'
import { apiGet, apiSend, apiUpload, downloadFile, type Query } from './client'
import type { Page } from './regions'
import { today } from '@gongfang/shared/clock'

/** Village-collective income, profit sharing, sales, agri-tourism and partner recruitment. */
export const aroundKeys = {
  incomes: (q: Query) => ['around', 'incomes', q] as const,
  collectives: ['around', 'collectives'] as const,
  sources: (id?: string) => ['around', 'sources', id ?? ''] as const,
  members: (q: Query) => ['around', 'members', q] as const,
  runs: (q: Query) => ['around', 'runs', q] as const,
  run: (id: string) => ['around', 'run', id] as const,
  sales: (q: Query) => ['around', 'sales', q] as const,
  tourism: (q: Query) => ['around', 'tourism', q] as const,
  factWorkshops: (kind: 'sales' | 'tourism') => ['around', 'fact-workshops', kind] as const,
  opportunities: (q: Query) => ['around', 'opportunities', q] as const,
  applications: (q: Query) => ['around', 'applications', q] as const,
  application: (id: string) => ['around', 'application', id] as const,
}

export type IncomePage = Page<CollectiveIncome> & { sumFen: number; byKind: Record<string, number> }
export const fetchIncomes = (q: Query) => apiGet<IncomePage>('/api/collective-incomes', q)
export const bookIncome = (body: CollectiveIncomeCreate) => apiSend<CollectiveIncome>('POST', '/api/collective-incomes', body)
export const fetchCollectiveOptions = () => apiGet<CollectiveOption[]>('/api/collective-incomes/collectives')
export const fetchIncomeSources = (collectiveId?: string) =>
  apiGet<{ workshops: { id: string; name: string }[]; enterprises: { id: string; name: string }[] }>('/api/collective-incomes/sources', { collectiveId })

export const fetchMembers = (q: Query) => apiGet<Page<CollectiveMember> & { activeShares: number }>('/api/collective-members', q)
export const addMember = (body: { collectiveId?: string; householdNo: string; headName: string; shares: number }) =>
  apiSend<CollectiveMember>('POST', '/api/collective-members', body)
export const updateMember = (id: string, body: { headName?: string; shares?: number; active?: boolean }) =>
  apiSend<CollectiveMember>('PATCH', `/api/collective-members/${id}`, body)
export const fetchRuns = (q: Query) => apiGet<Page<ProfitSharingRun>>('/api/profit-sharing-runs', q)
export const fetchRun = (id: string) => apiGet<ProfitSharingRunDetail>(`/api/profit-sharing-runs/${id}`)
export const createRun = (body: ProfitSharingRunCreate) => apiSend<ProfitSharingRunDetail>('POST', '/api/profit-sharing-runs', body)
export const confirmRun = (id: string) => apiSend<ProfitSharingRunDetail>('POST', `/api/profit-sharing-runs/${id}/confirm`)
export const deleteRun = (id: string) => apiSend('DELETE', `/api/profit-sharing-runs/${id}`)
export const exportRun = (id: string) => downloadFile(`/api/profit-sharing-runs/${id}/export.xlsx`, undefined, 'profit-sharing.xlsx')

export type SalesPage = Page<SalesSession> & { sumFen: number; sumOrders: number; workshops: number }
export const fetchSales = (q: Query) => apiGet<SalesPage>('/api/sales-sessions', q)
export const recordSale = (body: SalesSessionCreate) => apiSend<SalesSession>('POST', '/api/sales-sessions', body)
export const importSales = (q: { workshopId: string; platform?: string; dryRun: boolean }, file: File) => {
  const form = new FormData()
  form.append('file', file)
  const qs = new URLSearchParams({ workshopId: q.workshopId, dryRun: String(q.dryRun), ...(q.platform ? { platform: q.platform } : {}) })
  return apiUpload<SalesImportResult>(`/api/sales-sessions/import?${qs}`, form)
}
export type TourismPage = Page<TourismRecord> & { sumFen: number; sumVisitors: number }
export const fetchTourism = (q: Query) => apiGet<TourismPage>('/api/tourism-records', q)
export const recordTourism = (body: TourismRecordCreate) => apiSend<TourismRecord>('POST', '/api/tourism-records', body)
export const fetchFactWorkshops = (kind: 'sales' | 'tourism') =>
  apiGet<FactWorkshopOption[]>(kind === 'sales' ? '/api/sales-sessions/workshops' : '/api/tourism-records/workshops')

export const fetchOpportunities = (q: Query) => apiGet<Page<Opportunity>>('/api/partner-opportunities', q)
export const publishOpportunity = (body: Partial<OpportunityCreate>) => apiSend<Opportunity>('POST', '/api/partner-opportunities', body)
export const setOpportunityStatus = (id: string, status: 'open' | 'closed') => apiSend<Opportunity>('PATCH', `/api/partner-opportunities/${id}`, { status })
export const applyTo = (id: string, body: { proposal: string; plannedJobs?: number; enterpriseId?: string }) =>
  apiSend<ApplicationDetail>('POST', `/api/partner-opportunities/${id}/applications`, body)
export const fetchApplications = (q: Query) => apiGet<Page<Application> & { byStage: Record<string, number> }>('/api/partner-applications', q)
export const fetchApplication = (id: string) => apiGet<ApplicationDetail>(`/api/partner-applications/${id}`)
export const addApplicationEvent = (
  id: string,
  body: { toStage?: ApplicationStage; eventDate: string; note?: string; sign?: { workshopId?: string; newWorkshop?: { name: string; type: string; regionCode: string } } },
) => apiSend<ApplicationDetail>('POST', `/api/partner-applications/${id}/events`, body)

/** Yuan as typed ('1,234.5', '88') → integer fen by string arithmetic; null when not a valid amount. */
export function yuanToFen(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null
  const t = String(text).trim().replace(/,/g, '')
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** Today in China (UTC+8), YYYY-MM-DD. */
export const todayCn = () => today()
