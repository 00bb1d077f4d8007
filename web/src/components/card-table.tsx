import { Card, Flex, List, Table, type ListProps, type TableProps } from 'antd'
import type { ColumnType } from 'antd/es/table'
import type { Key, ReactNode } from 'react'

/** Phones at or below this width get cards: a money table's amounts must be readable without sideways scrolling. */
export const CARD_QUERY = '(max-width: 480px)'

import { useSyncExternalStore } from 'react'
function subscribe(cb: () => void) {
  const mq = window.matchMedia(CARD_QUERY)
  mq.addEventListener('change', cb)
  return () => mq.removeEventListener('change', cb)
}
const useCards = () => useSyncExternalStore(subscribe, () => window.matchMedia(CARD_QUERY).matches)

/** A table's paging for a phone's list: small, and none while everything fits on one page. */
export function listPagination(p: TableProps<object>['pagination']): ListProps<object>['pagination'] {
  return p ? { current: p.current, pageSize: p.pageSize, total: p.total, onChange: p.onChange, hideOnSinglePage: true, size: 'small' } : false
}

/**
 * A Table on wider screens; on a phone the same rows as cards, from the same column definitions: the first
 * column is the card's title, every other column a "label — value" line (amounts right-aligned, in full).
 */
export function CardTable<T extends object>(props: TableProps<T>) {
  const cards = useCards()
  if (!cards) return <Table<T> {...props} />
  const cols = ((props.columns ?? []) as ColumnType<T>[]).filter((c) => !c.hidden)
  const cell = (c: ColumnType<T>, r: T, i: number): ReactNode => {
    const v = typeof c.dataIndex === 'string' ? (r as Record<string, unknown>)[c.dataIndex] : undefined
    return c.render ? (c.render(v, r, i) as ReactNode) : ((v ?? '—') as ReactNode)
  }
  const keyOf = (r: T, i: number): Key =>
    typeof props.rowKey === 'function'
      ? props.rowKey(r, i)
      : (((r as Record<string, unknown>)[(props.rowKey as string) ?? 'key'] as Key) ?? i)
  return (
    <List<T>
      loading={!!props.loading}
      dataSource={[...(props.dataSource ?? [])]}
      locale={props.locale?.emptyText ? { emptyText: props.locale.emptyText as ReactNode } : undefined}
      pagination={listPagination(props.pagination)}
      renderItem={(r, i) => {
        const row = props.onRow?.(r, i)
        return (
          <Card
            key={keyOf(r, i)}
            size="small"
            style={{ marginBottom: 8, cursor: row?.onClick ? 'pointer' : undefined }}
            onClick={row?.onClick}
            data-testid="table-card"
          >
            <div style={{ fontWeight: 600, marginBottom: 4 }}>{cols[0] ? cell(cols[0], r, i) : null}</div>
            {cols.slice(1).map((c, k) => (
              <Flex
                key={String(c.key ?? c.dataIndex ?? k)}
                justify="space-between"
                gap={12}
                style={{ padding: '2px 0' }}
              >
                <span style={{ color: 'rgba(0,0,0,0.55)' }}>{c.title as ReactNode}</span>
                <span style={{ textAlign: 'right' }}>{cell(c, r, i)}</span>
              </Flex>
            ))}
          </Card>
        )
      }}
    />
  )
}

/**
 * A short table inside a record's page or a card: every row at once, in the small size. The caller passes the
 * rest (rowKey, dataSource, columns); `size` and `pagination` may still be overridden.
 */
export function ListTable<T extends object>(props: TableProps<T>) {
  return <Table<T> size="small" pagination={false} {...props} />
}
