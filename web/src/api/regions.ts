import type { Region, RegionDetail, User } from '@gongfang/shared'
import { apiGet } from './client'

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

const PAGE = 200 // the API's largest page

/** All children of a region (a township can have more villages than one page). */
export async function fetchChildren(parent: string): Promise<Region[]> {
  const items: Region[] = []
  for (let page = 1; ; page++) {
    const res = await apiGet<Page<Region>>('/api/regions', { parent, page, pageSize: PAGE })
    items.push(...res.items)
    if (items.length >= res.total || res.items.length === 0) return items
  }
}

export const fetchRegion = (code: string) => apiGet<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`)

export const searchRegions = (q: string, within: string) =>
  apiGet<Page<Region>>('/api/regions', { q, within, pageSize: 50 }).then((r) => r.items)

/** Where a user's region pickers start: admin the province, everyone else their own region. */
export function rootRegionOf(user: Pick<User, 'role' | 'regionCode'>): string {
  return user.role === 'admin' ? '33' : (user.regionCode ?? '33')
}
