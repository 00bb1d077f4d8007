import { Button, Empty, Space, Timeline, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ExportJobRequest } from '@gongfang/shared/registry'
import { api, ok, type Query } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { useExportJob } from '../../components/export-job'

/** Every register exports as a server job with progress (large at province scale), the same kind as its name. */
export type Register = Extract<ExportJobRequest['kind'], 'workers' | 'workshops' | 'enterprises' | 'collectives'>

/** Export the list with its current filters (xlsx or CSV UTF-8 with BOM). */
export function ExportButtons({ register, query }: { register: Register; query: Query }) {
  const { t } = useTranslation('registry')
  const { page: _p, pageSize: _s, ...filters } = query
  const job = useExportJob()
  // The list's filters are the export's (the same query schema on the server).
  const go = (format: 'xlsx' | 'csv') => job.start(register, { ...filters, format })
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} onClick={() => go('xlsx')}>{t('common.exportXlsx')}</Button>
      <Button icon={<DownloadOutlined />} onClick={() => go('csv')}>{t('common.exportCsv')}</Button>
      {job.modal}
    </Space>
  )
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (Array.isArray(v)) return v.length ? v.join('、') : '—'
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

function fetchHistory(register: Register, id: string) {
  const params = { params: { path: { id } } }
  if (register === 'workers') return api.GET('/workers/{id}/history', params).then(ok)
  if (register === 'workshops') return api.GET('/workshops/{id}/history', params).then(ok)
  if (register === 'enterprises') return api.GET('/enterprises/{id}/history', params).then(ok)
  return api.GET('/collectives/{id}/history', params).then(ok)
}

/** Who, when, old → new, newest first. */
export function HistoryList({ register, id }: { register: Register; id: string }) {
  const { t, i18n } = useTranslation('registry')
  const q = useQuery({ queryKey: ['registry-history', register, id], queryFn: () => fetchHistory(register, id) })
  if (q.error) return <ProblemAlert error={q.error} onRetry={() => q.refetch()} />
  if (!q.data) return null
  if (!q.data.length) return <Empty description={t('common.noHistory')} />
  return (
    <Timeline
      items={q.data.map((h) => ({
        key: h.id,
        children: (
          <div data-testid="history-entry">
            <Typography.Text strong>{t(`common.actions.${h.action}`, { defaultValue: h.action })}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {new Date(h.at).toLocaleString(i18n.language)} · <span translate="no">{h.username ?? '—'}</span>
            </Typography.Text>
            {h.action !== 'create' && h.action !== 'import' && (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                {Object.entries(h.changes).map(([k, v]) => (
                  <li key={k}>
                    {k}: {show(v.from)} → {show(v.to)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  )
}

export const yuan = (fen: number) => (fen / 100).toFixed(2)
/** Yuan text → integer fen without float error ("12.3" → 1230). */
export function yuanToFen(v: string | number | null | undefined): number {
  const s = String(v ?? '').trim()
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : 0
}
