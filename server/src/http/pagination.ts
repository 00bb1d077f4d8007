import type { PgSelect } from 'drizzle-orm/pg-core'
import type { PageQuery } from '@gongfang/shared'

export function pageWindow(q: PageQuery) {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }
}

/**
 * One page of a list and the totals over the whole filter, queried side by side. `rows` is the ordered
 * query made `.$dynamic()` (the page window is applied here); `totals` selects the row count as `n`
 * and may add sums, which come back in `sums`.
 */
export async function pageWithTotals<Q extends PgSelect, S extends { n: number | string }>(
  q: PageQuery,
  rows: Q,
  totals: PromiseLike<S[]>,
) {
  const { limit, offset } = pageWindow(q)
  const [items, [sums]] = await Promise.all([rows.limit(limit).offset(offset), totals])
  return { items, sums, page: { total: Number(sums?.n ?? 0), page: q.page, pageSize: q.pageSize } }
}
