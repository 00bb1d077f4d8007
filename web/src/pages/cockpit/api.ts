import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query'
import type { TrendFigure } from '@gongfang/shared/cockpit'
import { api, ok } from '../../api/client'
import { thisMonth } from '@gongfang/shared/clock'

export interface CockpitParams {
  region?: string
  from: string
  to: string
}

/** A period's figures: the last answer stays on screen while the next period's comes. */
function usePeriodQuery<T>(queryKey: QueryKey, get: (signal: AbortSignal) => Promise<T>) {
  return useQuery({ queryKey, queryFn: ({ signal }) => get(signal), placeholderData: keepPreviousData })
}

export const useCockpitSummary = (p: CockpitParams) =>
  usePeriodQuery(['cockpit', 'summary', p], (signal) => api.GET('/cockpit/summary', { params: { query: p }, signal }).then(ok))

export const useCockpitChildren = (p: CockpitParams) =>
  usePeriodQuery(['cockpit', 'children', p], (signal) => api.GET('/cockpit/children', { params: { query: p }, signal }).then(ok))

export const useCockpitTrend = (p: CockpitParams, figure: TrendFigure) =>
  usePeriodQuery(['cockpit', 'trend', p, figure], (signal) => api.GET('/cockpit/trend', { params: { query: { ...p, figure } }, signal }).then(ok))

export const usePublicSummary = (p: CockpitParams) =>
  usePeriodQuery(['public', 'summary', p], (signal) => api.GET('/public/summary', { params: { query: p }, signal }).then(ok))

/** Boundary GeoJSON for a region with a map: Zhejiang by city (330000), a city by county (33xx00). */
export function mapFileFor(region: string): string | null {
  if (region === '33') return '330000'
  if (region.length === 4) return `${region}00`
  return null
}

export function useGeoJson(file: string | null) {
  return useQuery({
    queryKey: ['maps', file],
    // The document types the features as unknown; the map reads the fields it draws.
    queryFn: ({ signal }) => api.GET('/maps/{file}', { params: { path: { file: `${file}.json` } }, signal }).then((r) => ok(r) as unknown as GeoJson),
    enabled: !!file,
    staleTime: Infinity,
  })
}

export interface GeoJson {
  type: 'FeatureCollection'
  features: { type: 'Feature'; properties: { adcode: number; name: string }; geometry: unknown }[]
}

/** A map feature's adcode (a number) → region code: 331100 → '3311' (city), 331126 → '331126' (county). */
export function regionOfAdcode(adcode: number | string, cityLevel: boolean): string {
  const s = String(adcode)
  return cityLevel ? s.slice(0, 4) : s
}

/** Current month in China and January of its year. */
export function defaultPeriod(): { from: string; to: string } {
  const to = thisMonth()
  return { from: `${to.slice(0, 4)}-01`, to }
}
