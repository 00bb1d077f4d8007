import type { Region, User } from '@gongfang/shared'
import { api, ok } from './client'

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
    const res = await api.GET('/regions', { params: { query: { parent, page, pageSize: PAGE } } }).then(ok)
    items.push(...res.items)
    if (items.length >= res.total || res.items.length === 0) return items
  }
}

export const fetchRegion = (code: string) => api.GET('/regions/{code}', { params: { path: { code } } }).then(ok)

export const searchRegions = (q: string, within: string) =>
  api.GET('/regions', { params: { query: { q, within, pageSize: 50 } } }).then((r) => ok(r).items)

/** Where a user's region pickers start: admin the province, everyone else their own region. */
export function rootRegionOf(user: Pick<User, 'role' | 'regionCode'>): string {
  return user.role === 'admin' ? '33' : (user.regionCode ?? '33')
}
