import { z } from 'zod'
import { searchText, component } from './common.ts'

export const SearchQuerySchema = z.object({ q: searchText() })

/** One hit of the global search: what it is, its name, where it is, and the page that shows it. */
export const SearchHitSchema = component('SearchHit', {
  kind: z.enum(['workshop', 'worker', 'enterprise', 'order']),
  id: z.uuid(),
  title: z.string(),
  subtitle: z.string().nullable(),
  status: z.string().optional(),
  path: z.string(),
})
export type SearchHit = z.infer<typeof SearchHitSchema>
