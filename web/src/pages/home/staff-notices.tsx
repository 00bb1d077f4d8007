import { Alert, Button, List } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { chinaDate } from '@gongfang/shared/clock'
import { api, ok } from '../../api/client'

/** Unread notices to this staff member's region (e.g. someone past the hourly reveal limit); nothing when there are none. */
export function StaffNotices() {
  const { t } = useTranslation('home')
  const qc = useQueryClient()
  const q = useQuery({ queryKey: ['notices'], queryFn: ({ signal }) => api.GET('/notices', { signal }).then(ok) })
  const read = useMutation({ mutationFn: (id: number) => api.POST('/notices/{id}/read', { params: { path: { id } } }).then(ok), onSuccess: () => qc.invalidateQueries({ queryKey: ['notices'] }) })
  const unread = (q.data ?? []).filter((n) => !n.read)
  if (unread.length === 0) return null
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="staff-notices"
      title={t('notices.title', { n: unread.length })}
      description={
        <List
          size="small"
          dataSource={unread}
          renderItem={(n) => (
            <List.Item actions={[<Button key="read" size="small" onClick={() => read.mutate(n.id)}>{t('notices.read')}</Button>]}>
              {chinaDate(new Date(n.createdAt))} · {n.title}
            </List.Item>
          )}
        />
      }
    />
  )
}
