import type { PageQuery } from '@gongfang/shared'

export function pageWindow(q: PageQuery) {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }
}
