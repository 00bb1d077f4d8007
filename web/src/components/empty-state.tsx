import { Empty } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * Convention for empty lists: say what is missing and, where the user may, offer the next
 * step as `action` (e.g. a "登记工坊" button). In tables pass it as
 * `locale={{ emptyText: <EmptyState description={t('workshops:empty')} /> }}`;
 * while loading show the table's `loading`, never an empty state.
 */
export function EmptyState({ description, action }: { description?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('empty.default')} style={{ padding: '24px 0' }}>
      {action}
    </Empty>
  )
}
