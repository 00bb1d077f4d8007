import { useState, type ReactNode } from 'react'
import { App, Button, Card, Drawer, Empty, Flex, Form, Input, List, Space, Table, Timeline, Typography, type FormProps, type TableProps } from 'antd'
import { Link } from 'react-router'
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ExportJobRequest } from '@gongfang/shared/registry'
import { api, ok, useCan, useMe, type Query } from '../../api/client'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { useExportJob } from '../../components/export-job'
import { PageHeader } from '../../components/page-header'
import { useRegisterQuery } from '../../components/register-table'
import { useIsMobile } from '../../components/use-is-mobile'
import { RegionPicker } from '../../components/region-picker'
import { hasStaffDesk } from '../../app/homes'

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

const fetchList = {
  workers: (query: Query) => api.GET('/workers', { params: { query } }).then(ok),
  workshops: (query: Query) => api.GET('/workshops', { params: { query } }).then(ok),
  enterprises: (query: Query) => api.GET('/enterprises', { params: { query } }).then(ok),
  collectives: (query: Query) => api.GET('/collectives', { params: { query } }).then(ok),
}
type ListOf<K extends Register> = Awaited<ReturnType<(typeof fetchList)[K]>>

/**
 * A register's list: its query (filters, page, sort), the list for it, whether the new-record drawer is open, and
 * the props its RegisterLayout takes (the create button only for those with the register's `.create` permission).
 */
export function useRegisterList<K extends Register>(register: K) {
  const can = useCan()
  const { query, set, tableProps, listPagination } = useRegisterQuery()
  const [creating, setCreating] = useState(false)
  const list = useQuery<ListOf<K>>({
    queryKey: [register, query],
    queryFn: () => fetchList[register](query) as Promise<ListOf<K>>,
  })
  const layout = {
    register,
    query,
    set,
    error: list.error,
    onRetry: () => void list.refetch(),
    onCreate: can(`${register}.create`) ? () => setCreating(true) : undefined,
  }
  const drawer: NewRecordProps<K> = { register, open: creating, onClose: () => setCreating(false) }
  return { query, set, tableProps, listPagination, list, layout, drawer }
}

/**
 * A register's rows: on a phone, when the register has cards, one card a row (its name linking to the record, a
 * line below); otherwise the table, sorted and paged by the server.
 */
export function RegisterTable<T extends { id: string; name: string }>({
  register: r,
  card,
  ...props
}: TableProps<T> & {
  register: { list: { isLoading: boolean; data?: { items: T[]; total: number } } } & Pick<ReturnType<typeof useRegisterQuery>, 'tableProps' | 'listPagination'>
  card?: (row: T) => { href: string; description: ReactNode }
}) {
  const mobile = useIsMobile()
  const { isLoading, data } = r.list
  if (mobile && card)
    return (
      <List<T>
        loading={isLoading}
        dataSource={data?.items}
        pagination={r.listPagination(data?.total)}
        renderItem={(row) => (
          <List.Item>
            <List.Item.Meta title={<Link to={card(row).href}>{row.name}</Link>} description={card(row).description} />
          </List.Item>
        )}
      />
    )
  return <Table<T> rowKey="id" size="middle" loading={isLoading} dataSource={data?.items} {...r.tableProps(data?.total)} {...props} />
}

/**
 * A register's list page: the title with its create button, then one card with the filters (region first, the
 * register's own, the search last, the exports for staff), the list's error and the list.
 */
export function RegisterLayout({
  register,
  title,
  onCreate,
  query,
  set,
  filters,
  searchWidth = 200,
  error,
  onRetry,
  children,
}: {
  register: Register
  title: ReactNode
  /** Absent when the user may not create. */
  onCreate?: () => void
  query: Query
  set: (k: string, v: string | undefined) => void
  filters?: ReactNode
  searchWidth?: number
  error: unknown
  onRetry: () => void
  children: ReactNode
}) {
  const { t } = useTranslation('registry')
  const me = useMe().data
  return (
    <Flex vertical gap={12}>
      <PageHeader title={title} extra={onCreate && <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>{t('common.create')}</Button>} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <RegionPicker value={query.region as string | undefined} onChange={(v) => set('region', v)} style={{ width: 220 }} placeholder={t('common.region')} />
          {filters}
          <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => set('q', v)} style={{ width: searchWidth }} />
          {hasStaffDesk(me) && <ExportButtons register={register} query={query} />}
        </Space>
        <ProblemAlert error={error} onRetry={onRetry} />
        {children}
      </Card>
    </Flex>
  )
}

/** What a register's new-record drawer is told by its page. */
export interface NewRecordProps<K extends Register = Register> {
  register: K
  open: boolean
  onClose: () => void
}

/**
 * A drawer with the form for a new record. Saved: says so, refreshes the register's lists, starts the form afresh
 * and closes; refused: the field errors stand at their fields and the problem under the form.
 */
export function NewRecordDrawer<R>({
  register,
  open,
  onClose,
  title,
  size = 'large',
  save,
  onSaved,
  onError,
  initialValues,
  footer,
  cancel = true,
  children,
}: NewRecordProps & {
  title: ReactNode
  size?: 'default' | 'large'
  save: (values: Record<string, unknown>) => Promise<R>
  onSaved?: (result: R) => void
  onError?: (error: Error) => void
  initialValues?: FormProps['initialValues']
  /** Shown between the problem and the buttons. */
  footer?: ReactNode
  cancel?: boolean
  children: ReactNode
}) {
  const { t } = useTranslation('registry')
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const { message } = App.useApp()
  const m = useMutation({
    mutationFn: save,
    onSuccess: (r) => {
      message.success(t('common.created'))
      void qc.invalidateQueries({ queryKey: [register] })
      form.resetFields()
      onClose()
      onSaved?.(r)
    },
    onError: (e) => {
      applyFieldErrors(form, e)
      onError?.(e)
    },
  })
  return (
    <Drawer open={open} onClose={onClose} title={title} size={size} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={initialValues}>
        {children}
        <ProblemAlert error={m.error} />
        {footer}
        <Space style={{ marginTop: 12, display: 'flex' }}>
          <Button type="primary" htmlType="submit" loading={m.isPending}>{t('common.save')}</Button>
          {cancel && <Button onClick={onClose}>{t('common.cancel')}</Button>}
        </Space>
      </Form>
    </Drawer>
  )
}

/** A record's change history in a drawer of its own. */
export function HistoryDrawer({ register, record, onClose }: { register: Register; record: { id: string; name: string } | null; onClose: () => void }) {
  const { t } = useTranslation('registry')
  return (
    <Drawer open={!!record} onClose={onClose} title={`${record?.name ?? ''} · ${t('common.history')}`} destroyOnHidden>
      {record && <HistoryList register={register} id={record.id} />}
    </Drawer>
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
