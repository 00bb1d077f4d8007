import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { TrendFigure } from '@gongfang/shared/cockpit'
import { api, ok } from '../../api/client'
import { thisMonth } from '@gongfang/shared/clock'

export interface CockpitParams {
  region?: string
  from: string
  to: string
}

export function useCockpitSummary(p: CockpitParams) {
  return useQuery({
    queryKey: ['cockpit', 'summary', p],
    // The annotated signal lets the answer, not keepPreviousData, decide the data type.
    queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/cockpit/summary', { params: { query: p }, signal }).then(ok),
    placeholderData: keepPreviousData,
  })
}

export function useCockpitChildren(p: CockpitParams) {
  return useQuery({
    queryKey: ['cockpit', 'children', p],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/cockpit/children', { params: { query: p }, signal }).then(ok),
    placeholderData: keepPreviousData,
  })
}

export function useCockpitTrend(p: CockpitParams, figure: TrendFigure) {
  return useQuery({
    queryKey: ['cockpit', 'trend', p, figure],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/cockpit/trend', { params: { query: { ...p, figure } }, signal }).then(ok),
    placeholderData: keepPreviousData,
  })
}

export function usePublicSummary(p: CockpitParams) {
  return useQuery({
    queryKey: ['public', 'summary', p],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/public/summary', { params: { query: p }, signal }).then(ok),
    placeholderData: keepPreviousData,
  })
}

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
