import { useState, type ReactNode } from 'react'
import { List, Table, type TableProps } from 'antd'
import { CardTable, listPagination } from './card-table'
import { useQuery, type QueryKey } from '@tanstack/react-query'

export const PAGE_SIZE = 20

/** One page of a list as the API answers it. */
export interface Page<T> {
  items: T[]
  total: number
}

/**
 * A server-paged list: its filters and page held in state (a changed filter goes back to the first page), the query
 * for that page under `[...key, filters, page]`, and what its table needs to show and page through it.
 */
export function usePagedQuery<F extends object, R extends Page<object>>({
  key,
  filters: initial,
  fetch,
  enabled,
  pageSize = PAGE_SIZE,
}: {
  key: QueryKey
  filters: F
  fetch: (query: F & { page: number; pageSize: number }, signal: AbortSignal) => Promise<R>
  /** Whether to ask at all, as a flag or from the filters (a list that needs a region waits for one). */
  enabled?: boolean | ((filters: F) => boolean)
  pageSize?: number
}) {
  const [filters, setFilters] = useState(initial)
  const [page, setPage] = useState(1)
  const q = useQuery({
    queryKey: [...key, filters, page],
    queryFn: ({ signal }) => fetch({ ...filters, page, pageSize }, signal),
    enabled: typeof enabled === 'function' ? enabled(filters) : enabled,
  })
  function patchFilters(patch: Partial<F>) {
    setFilters((f) => ({ ...f, ...patch }))
    setPage(1)
  }
  const setFilter = <K extends keyof F>(name: K, value: F[K]) => patchFilters({ [name]: value } as unknown as Partial<F>)
  const tableProps: Pick<TableProps<R['items'][number]>, 'loading' | 'dataSource' | 'pagination'> = {
    loading: q.isLoading,
    dataSource: q.data?.items,
    pagination: { current: page, total: q.data?.total ?? 0, pageSize, onChange: setPage, showSizeChanger: false },
  }
  return { q, filters, setFilter, patchFilters, tableProps }
}

/** What a paged list's table or phone list takes from usePagedQuery. */
type PagedRows<T> = { tableProps: Pick<TableProps<T>, 'loading' | 'dataSource' | 'pagination'> }

/**
 * A paged list's table: one row per id, small rows that scroll sideways on a narrow screen; with `cards`, a phone
 * gets the rows as cards (CardTable).
 */
export function PagedTable<T extends object>({ list, cards, ...props }: TableProps<T> & { list: PagedRows<T>; cards?: boolean }) {
  const Component = cards ? CardTable<T> : Table<T>
  return <Component rowKey="id" size="small" scroll={{ x: true }} {...list.tableProps} {...props} />
}

/**
 * The same paged list on a phone as the page's own list items (a line or two each, no columns), paged below while
 * there is more than one page.
 */
export function PagedList<T extends object>({ list, emptyText, renderItem }: {
  list: PagedRows<T>
  emptyText: ReactNode
  renderItem: (row: T) => ReactNode
}) {
  const { loading, dataSource, pagination } = list.tableProps
  return (
    <List<T>
      loading={!!loading}
      dataSource={[...(dataSource ?? [])]}
      locale={{ emptyText }}
      pagination={listPagination(pagination as TableProps<object>['pagination'])}
      renderItem={renderItem}
    />
  )
}
