import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { chinaDate } from '@gongfang/shared/clock'
import { api, ok } from '../../api/client'
import { LightCard, LightLoading } from '../../app/light'

const BIG = { fontSize: 18 }

/** Who looked at the worker's record, and why when they gave a reason (a reveal): the worker's own accountability view. */
export function RecordViews() {
  const { t } = useTranslation('home')
  const q = useQuery({ queryKey: ['me', 'views'], queryFn: ({ signal }) => api.GET('/me/views', { signal }).then(ok) })
  const what = (a: string) => t(`views.actions.${a.replaceAll('.', '_')}`, { defaultValue: t('views.actions.other') })
  return (
    <LightCard title={t('views.title')} large testId="record-views">
      {q.isLoading ? (
        <LightLoading rows={2} />
      ) : !q.data?.length ? (
        // Elder-friendly even when empty: the words at 18 px, no small placeholder picture.
        <div style={{ ...BIG, color: '#555', textAlign: 'center' }}>{t('views.empty')}</div>
      ) : (
        <ul style={{ listStyle: 'none', margin: '-16px', padding: 0 }}>
          {q.data.slice(0, 10).map((v, i) => (
            <li key={i} style={{ padding: '12px 16px', ...BIG, borderTop: i ? '1px solid #f0f0f0' : undefined }}>
              <div>{chinaDate(new Date(v.at))} · {v.who}（{t(`views.roles.${v.role}`, { defaultValue: v.role })}）</div>
              <div style={{ color: '#555' }}>{what(v.action)}{v.reason ? `：${v.reason}` : ''}</div>
            </li>
          ))}
        </ul>
      )}
    </LightCard>
  )
}
