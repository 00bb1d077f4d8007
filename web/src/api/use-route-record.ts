import { useQuery, type QueryKey } from '@tanstack/react-query'
import { useParams } from 'react-router'

/** The record a page's `:id` names, under `key(id)`: the id and the query that reads it. */
export function useRouteRecord<T>(key: (id: string) => QueryKey, fetch: (id: string) => Promise<T>) {
  const { id = '' } = useParams()
  const q = useQuery({ queryKey: key(id), queryFn: () => fetch(id) })
  return { id, q }
}
