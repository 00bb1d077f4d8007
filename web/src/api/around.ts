import { api, asForm, download, ok, type BodyOf, type Query, type QueryOf } from './client'
import { today } from '@gongfang/shared/clock'

/** Village-collective income, profit sharing, sales, agri-tourism and partner recruitment. */
export const aroundKeys = {
  incomes: ['around', 'incomes'] as const,
  collectives: ['around', 'collectives'] as const,
  sources: (id?: string) => ['around', 'sources', id ?? ''] as const,
  members: (q: Query) => ['around', 'members', q] as const,
  runs: (q: Query) => ['around', 'runs', q] as const,
  run: (id: string) => ['around', 'run', id] as const,
  sales: ['around', 'sales'] as const,
  tourism: ['around', 'tourism'] as const,
  factWorkshops: (kind: 'sales' | 'tourism') => ['around', 'fact-workshops', kind] as const,
  opportunities: (q: Query) => ['around', 'opportunities', q] as const,
  applications: (q: Query) => ['around', 'applications', q] as const,
  application: (id: string) => ['around', 'application', id] as const,
}

const one = (id: string) => ({ params: { path: { id } } })

export const fetchIncomes = (q: QueryOf<'/collective-incomes'>) => api.GET('/collective-incomes', { params: { query: q } }).then(ok)
export type IncomePage = Awaited<ReturnType<typeof fetchIncomes>>
export type BookIncome = BodyOf<'/collective-incomes'>
export const bookIncome = (body: BookIncome) => api.POST('/collective-incomes', { body }).then(ok)
export const fetchCollectiveOptions = () => api.GET('/collective-incomes/collectives').then(ok)
export const fetchIncomeSources = (collectiveId?: string) => api.GET('/collective-incomes/sources', { params: { query: { collectiveId } } }).then(ok)

export const fetchMembers = (q: QueryOf<'/collective-members'>) => api.GET('/collective-members', { params: { query: q } }).then(ok)
export const addMember = (body: { collectiveId?: string; householdNo: string; headName: string; shares: number }) =>
  api.POST('/collective-members', { body }).then(ok)
export const updateMember = (id: string, body: { headName?: string; shares?: number; active?: boolean }) =>
  api.PATCH('/collective-members/{id}', { ...one(id), body }).then(ok)
export const fetchRuns = (q: QueryOf<'/profit-sharing-runs'>) => api.GET('/profit-sharing-runs', { params: { query: q } }).then(ok)
export const fetchRun = (id: string) => api.GET('/profit-sharing-runs/{id}', one(id)).then(ok)
export const createRun = (body: BodyOf<'/profit-sharing-runs'>) => api.POST('/profit-sharing-runs', { body }).then(ok)
export const confirmRun = (id: string) => api.POST('/profit-sharing-runs/{id}/confirm', one(id)).then(ok)
export const deleteRun = (id: string) => api.DELETE('/profit-sharing-runs/{id}', one(id)).then(ok)
export const exportRun = (id: string) => download(api.GET('/profit-sharing-runs/{id}/export.xlsx', { ...one(id), parseAs: 'blob' }), 'profit-sharing.xlsx')

export const fetchSales = (q: QueryOf<'/sales-sessions'>) => api.GET('/sales-sessions', { params: { query: q } }).then(ok)
export type SalesPage = Awaited<ReturnType<typeof fetchSales>>
export const recordSale = (body: BodyOf<'/sales-sessions'>) => api.POST('/sales-sessions', { body }).then(ok)
export const importSales = (q: { workshopId: string; platform?: string; dryRun: boolean }, file: File) =>
  api.POST('/sales-sessions/import', { params: { query: { ...q, dryRun: q.dryRun ? 'true' : 'false' } }, ...asForm({ file }) }).then(ok)
export const fetchTourism = (q: QueryOf<'/tourism-records'>) => api.GET('/tourism-records', { params: { query: q } }).then(ok)
export type TourismPage = Awaited<ReturnType<typeof fetchTourism>>
export const recordTourism = (body: BodyOf<'/tourism-records'>) => api.POST('/tourism-records', { body }).then(ok)
export const fetchFactWorkshops = (kind: 'sales' | 'tourism') =>
  (kind === 'sales' ? api.GET('/sales-sessions/workshops') : api.GET('/tourism-records/workshops')).then(ok)

export const fetchOpportunities = (q: QueryOf<'/partner-opportunities'>) => api.GET('/partner-opportunities', { params: { query: q } }).then(ok)
export const publishOpportunity = (body: BodyOf<'/partner-opportunities'>) =>
  api.POST('/partner-opportunities', { body }).then(ok)
export const setOpportunityStatus = (id: string, status: 'open' | 'closed') => api.PATCH('/partner-opportunities/{id}', { ...one(id), body: { status } }).then(ok)
export const applyTo = (id: string, body: { proposal: string; plannedJobs?: number; enterpriseId?: string }) =>
  api.POST('/partner-opportunities/{id}/applications', { ...one(id), body }).then(ok)
export const fetchApplications = (q: QueryOf<'/partner-applications'>) => api.GET('/partner-applications', { params: { query: q } }).then(ok)
export const fetchApplication = (id: string) => api.GET('/partner-applications/{id}', one(id)).then(ok)
export const addApplicationEvent = (id: string, body: BodyOf<'/partner-applications/{id}/events'>) =>
  api.POST('/partner-applications/{id}/events', { ...one(id), body }).then(ok)

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
