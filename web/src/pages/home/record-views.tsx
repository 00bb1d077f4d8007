import { Card, List } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { chinaDate } from '@gongfang/shared/clock'
import { api, ok } from '../../api/client'

const BIG = { fontSize: 18 }

/** Who looked at the worker's record, and why when they gave a reason (a reveal): the worker's own accountability view. */
export function RecordViews() {
  const { t } = useTranslation('home')
  const q = useQuery({ queryKey: ['me', 'views'], queryFn: ({ signal }) => api.GET('/me/views', { signal }).then(ok) })
  const what = (a: string) => t(`views.actions.${a.replaceAll('.', '_')}`, { defaultValue: t('views.actions.other') })
  return (
    <Card title={<span style={{ fontSize: 20 }}>{t('views.title')}</span>} styles={{ body: { padding: 0 } }} data-testid="record-views">
      <List
        loading={q.isLoading}
        // Elder-friendly even when empty: the words at 18 px, no small placeholder picture.
        locale={{ emptyText: <div style={{ ...BIG, color: '#555', padding: '8px 0' }}>{t('views.empty')}</div> }}
        dataSource={(q.data ?? []).slice(0, 10)}
        renderItem={(v) => (
          <List.Item style={{ padding: '12px 16px', ...BIG, display: 'block' }}>
            <div>{chinaDate(new Date(v.at))} · {v.who}（{t(`views.roles.${v.role}`, { defaultValue: v.role })}）</div>
            <div style={{ color: '#555' }}>{what(v.action)}{v.reason ? `：${v.reason}` : ''}</div>
          </List.Item>
        )}
      />
    </Card>
  )
}
