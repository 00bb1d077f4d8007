import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { chinaDate } from '@gongfang/shared/clock'
import { api, download, ok } from '../../api/client'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import { DateInput } from '../../components/date-input'
import { ProblemAlert } from '../../components/problem-alert'
import { Page } from '../../components/page'

interface AuditEntry {
  id: number
  at: string
  username: string | null
  action: string
  targetType: string | null
  targetId: string | null
  regionCode: string | null
  ip: string | null
  subjects: number
  detail: Record<string, unknown> | null
}

// Records with a page of their own open from the log (that read is audited in turn); the rest show their kind.
const TARGET_PAGES: Record<string, string> = { worker: '/workers', workshop: '/workshops', paysheet: '/paysheets', payment_batch: '/payments', order: '/orders' }

function AuditTarget({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('home')
  if (!entry.targetType) return null
  const kind = t(`audit.targets.${entry.targetType}`, { defaultValue: entry.targetType })
  const page = TARGET_PAGES[entry.targetType]
  if (!entry.targetId) return <>{kind}</>
  if (entry.targetType === 'region') return <>{kind} {entry.targetId}</>
  return page ? <Link to={`${page}/${entry.targetId}`} title={entry.targetId}>{kind} · {t('audit.open')}</Link> : <span title={entry.targetId}>{kind}</span>
}

const ACTION_FAMILIES = ['worker', 'payments', 'paysheet', 'paysheets', 'income', 'audit', 'workshop'] as const

/** 审计日志: who did what to whose data, for staff of a region and admins; filters, paging and a CSV export. */
export default function AuditPage() {
  const { t } = useTranslation('home')
  const list = usePagedQuery({
    key: ['audit'],
    filters: { username: '', action: undefined as string | undefined, from: undefined as string | undefined, to: undefined as string | undefined },
    fetch: ({ username, ...query }, signal) => api.GET('/audit', { params: { query: { ...query, username: username.trim() || undefined } }, signal }).then(ok),
    pageSize: 50,
  })
  const { username, action, from, to } = list.filters
  const filters = { username: username.trim() || undefined, action, from, to }
  const unusual = useQuery({ queryKey: ['audit-unusual'], queryFn: ({ signal }) => api.GET('/audit/unusual', { signal }).then(ok) })
  const exp = useMutation({ mutationFn: () => download(api.GET('/audit/export.csv', { params: { query: filters }, parseAs: 'blob' }), 'audit.csv') })
  return (
    <Page title={t('audit.title')} intro={t('audit.intro')}>
      <Card size="small">
        <Space wrap>
          <Input allowClear placeholder={t('audit.username')} style={{ width: 160 }} value={username} onChange={(e) => list.setFilter('username', e.target.value)} />
          <Space wrap size={4}>
            {ACTION_FAMILIES.map((f) => (
              <Button key={f} type={action === f ? 'primary' : 'default'} onClick={() => list.setFilter('action', action === f ? undefined : f)}>
                {t(`audit.families.${f}`)}
              </Button>
            ))}
          </Space>
          <DateInput aria-label={t('audit.from')} allowClear value={from} onChange={(v) => list.setFilter('from', v)} style={{ width: 150 }} />
          <DateInput aria-label={t('audit.to')} allowClear value={to} onChange={(v) => list.setFilter('to', v)} style={{ width: 150 }} />
          <Button icon={<DownloadOutlined />} loading={exp.isPending} onClick={() => exp.mutate()}>{t('audit.export')}</Button>
        </Space>
      </Card>
      {!!unusual.data?.length && (
        <Alert
          type="warning"
          showIcon
          data-testid="unusual-reads"
          title={t('audit.unusual.title')}
          description={
            <Space orientation="vertical" size={4}>
              {unusual.data.map((u) => (
                <Space key={`${u.username}-${u.day}`} wrap size={8}>
                  <span>{t('audit.unusual.line', { username: u.username ?? '—', day: u.day, people: u.people, usual: Math.round(u.usual) })}</span>
                  <Button size="small" type="link" onClick={() => list.patchFilters({ username: u.username ?? '', from: u.day, to: u.day, action: undefined })}>{t('audit.unusual.show')}</Button>
                </Space>
              ))}
            </Space>
          }
        />
      )}
      <ProblemAlert error={list.q.error ?? exp.error} />
      <PagedTable<AuditEntry>
        list={list}
        cards
        scroll={{ x: 900 }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => `${chinaDate(new Date(v))} ${new Date(v).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}` },
          { title: t('audit.username'), dataIndex: 'username', width: 110, render: (u: string | null) => (u ? <span translate="no">{u}</span> : null) ?? <Typography.Text type="secondary">{t('views.roles.system')}</Typography.Text> },
          { title: t('audit.action'), dataIndex: 'action', width: 180, render: (a: string) => <Tag title={a}>{t(`audit.actions.${a.replaceAll('.', '_')}`, { defaultValue: a })}</Tag> },
          { title: t('audit.target'), key: 'target', render: (_: unknown, e) => <AuditTarget entry={e} /> },
          { title: t('audit.people'), dataIndex: 'subjects', width: 80, align: 'right' },
          { title: t('audit.reason'), key: 'reason', render: (_: unknown, e) => String(e.detail?.reason ?? '') },
          { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => <span translate="no">{ip}</span> },
        ]}
      />
    </Page>
  )
}
