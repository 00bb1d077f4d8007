import { useState } from 'react'
import type { ListProps, TableProps } from 'antd'
import { useTranslation } from 'react-i18next'

export type RegisterQuery = Record<string, string | number | undefined>

/**
 * A register list's query (filters, page, sort) held in state, and what its table needs to page and sort through
 * it: a click on a column asks the server for that order (`sort`, `dir`), never sorts the page in the browser.
 */
export function useRegisterQuery() {
  const { t } = useTranslation('registry')
  const [query, setQuery] = useState<RegisterQuery>({ page: 1, pageSize: 20 })
  function tableProps<T>(total: number | undefined): Pick<TableProps<T>, 'onChange' | 'pagination'> {
    return {
      onChange: (p, _f, s) => {
        const sorter = Array.isArray(s) ? s[0] : s
        setQuery((q) => ({ ...q, page: p.current, pageSize: p.pageSize, sort: sorter?.order ? String(sorter.columnKey ?? sorter.field) : undefined, dir: sorter?.order === 'descend' ? 'desc' : undefined }))
      },
      pagination: { current: Number(query.page), pageSize: Number(query.pageSize), total, showTotal: (n) => t('common.total', { n }) },
    }
  }
  /** A filter changed: back to the first page; an emptied filter is dropped (0 is kept, an age can be 0). */
  const set = (k: string, v: string | number | null | undefined) =>
    setQuery((q) => ({ ...q, [k]: v === null || v === '' ? undefined : v, page: 1 }))
  /** The same pages for the phone's list of cards. */
  const listPagination = (total: number | undefined): ListProps<unknown>['pagination'] => ({
    current: Number(query.page),
    pageSize: Number(query.pageSize),
    total,
    onChange: (page) => setQuery((q) => ({ ...q, page })),
    size: 'small',
  })
  return { query, setQuery, set, tableProps, listPagination }
}
