import { asc, count, desc, type AnyColumn, type SQL } from 'drizzle-orm'
import type { PgSelect, PgTable } from 'drizzle-orm/pg-core'
import type { PageQuery } from '@gongfang/shared'
import type { DbOrTx } from '../db/client.ts'
import { pageWithTotals } from '../http/pagination.ts'

/**
 * A register's order (workers, workshops, collectives, enterprises; list and export alike): the column the query
 * sorts by, in its direction, then the id, so rows that tie never swap between pages.
 */
export function registerOrder<K extends string>(
  sortable: Record<K, AnyColumn | SQL>,
  id: AnyColumn,
  q: { sort: K; dir: 'asc' | 'desc' },
) {
  const by = sortable[q.sort]
  return [q.dir === 'desc' ? desc(by) : asc(by), asc(id)] as const
}

/** One page of a register in its order, with the count of every row the filter matches. `rows` is its select `.$dynamic()`. */
export function registerPage<Q extends PgSelect, K extends string>(
  db: DbOrTx,
  q: PageQuery & { sort: K; dir: 'asc' | 'desc' },
  rows: Q,
  register: { table: PgTable & { id: AnyColumn }; sortable: Record<K, AnyColumn | SQL>; where: SQL | undefined },
) {
  const { table, sortable, where } = register
  return pageWithTotals(
    q,
    rows.where(where).orderBy(...registerOrder(sortable, table.id, q)),
    db.select({ n: count() }).from(table).where(where),
  )
}
