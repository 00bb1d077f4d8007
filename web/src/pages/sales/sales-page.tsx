import { useState, type ReactNode } from 'react'
import { Alert, App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, InputNumber, List, Row, Select, Space, Tag, Typography, Upload } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ListTable } from '../../components/card-table'
import dayjs from 'dayjs'
import type { SalesImportResult, SalesSession, TourismRecord } from '@gongfang/shared/sales'
import { ApiError } from '../../api/client'
import { aroundKeys, fetchFactWorkshops, fetchSales, fetchTourism, importSales, recordSale, recordTourism, yuanToFen } from '../../api/around'
import { EmptyState } from '../../components/empty-state'
import { Money, formatFen } from '../../components/money'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { Page } from '../../components/page'
import { StatCards } from '../../components/stat-cards'
import { PagedList, PagedTable, usePagedQuery, type Page as ListPage } from '../../components/paged-table'

const PLATFORMS = ['抖音', '快手', '淘宝直播', '拼多多', '微信视频号', '京东']
const amountRule = (msg: string) => ({ required: true, validator: async (_: unknown, v: string) => { if (yuanToFen(v) === null) throw new Error(msg) } })

function WorkshopPicker({ kind, value, onChange }: { kind: 'sales' | 'tourism'; value?: string; onChange: (v: string) => void }) {
  const { t } = useTranslation('sales')
  const ws = useQuery({ queryKey: aroundKeys.factWorkshops(kind), queryFn: () => fetchFactWorkshops(kind) })
  if (ws.data && ws.data.length === 0) return <Alert type="info" title={t('noWorkshop')} />
  return (
    <Select
      showSearch
      optionFilterProp="label"
      placeholder={t('chooseWorkshop')}
      style={{ width: '100%', maxWidth: 420 }}
      value={value ?? ws.data?.[0]?.id}
      onChange={onChange}
      loading={ws.isPending}
      options={(ws.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
      data-testid={`${kind}-workshop`}
    />
  )
}

function ImportCard({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('sales')
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [platform, setPlatform] = useState<string>()
  const [result, setResult] = useState<SalesImportResult | null>(null)
  const run = useMutation({
    mutationFn: (dryRun: boolean) => importSales({ workshopId, platform, dryRun }, file!),
    onSuccess: async (r) => {
      setResult(r)
      if (!r.dryRun) {
        message.success(t('import.imported', { rows: r.imported }))
        setFile(null)
        await qc.invalidateQueries({ queryKey: ['around', 'sales'] })
      }
    },
    onError: (e) => {
      // A rejected import answers 422 with every bad row.
      const p = e instanceof ApiError ? (e.problem as unknown as Partial<SalesImportResult> & { rowErrors?: SalesImportResult['errors'] }) : null
      if (p?.rowErrors) setResult({ dryRun: false, encoding: String(p.encoding ?? ''), rows: Number(p.rows ?? 0), imported: 0, sumFen: 0, errors: p.rowErrors })
    },
  })
  const errors = result?.errors ?? []
  return (
    <Card size="small" title={t('import.title')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('import.hint')}</Typography.Paragraph>
      <Space wrap>
        <Upload accept=".csv,.xlsx,text/csv" maxCount={1} beforeUpload={(f) => { setFile(f); setResult(null); return false }} onRemove={() => setFile(null)} fileList={file ? [{ uid: '1', name: file.name }] : []}>
          <Button icon={<UploadOutlined />}>{t('import.choose')}</Button>
        </Upload>
        <AutoComplete id="import-platform" style={{ width: 220 }} placeholder={t('import.platform')} value={platform} onChange={setPlatform} options={PLATFORMS.map((p) => ({ value: p }))} />
        <Button disabled={!file} loading={run.isPending && run.variables} onClick={() => run.mutate(true)} data-testid="import-check">{t('import.check')}</Button>
        <Button type="primary" disabled={!file || !result?.dryRun || errors.length > 0} loading={run.isPending && !run.variables} onClick={() => run.mutate(false)} data-testid="import-confirm">
          {t('import.confirm')}
        </Button>
      </Space>
      {result && errors.length === 0 && result.dryRun && (
        <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('import.ok', { rows: result.rows, sum: formatFen(result.sumFen) })} description={`${t('import.encoding')}: ${result.encoding}`} />
      )}
      {errors.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="import-errors">
          <Alert type="error" showIcon title={t('import.errors', { n: errors.length })} />
          <ListTable
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            scroll={{ x: 360 }}
            dataSource={errors}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 60 },
              { title: t('import.column'), dataIndex: 'column', width: 100 },
              { title: t('import.value'), dataIndex: 'value', width: 110 },
              { title: t('import.message'), dataIndex: 'message' },
            ]}
          />
        </div>
      )}
      {run.error && !(run.error instanceof ApiError && (run.error.problem as { rowErrors?: unknown }).rowErrors) && <ProblemAlert error={run.error} />}
    </Card>
  )
}

type SaleValues = { sessionDate: dayjs.Dayjs; platform: string; host?: string; ordersCount: number; amount: string; products?: string }
type VisitValues = { recordDate: dayjs.Dayjs; visitors: number; revenue: string; note?: string }

/**
 * A fact tab's workshop (the first the user records for, until another is picked), one page of its records (another
 * workshop goes back to the first page) and its record form: saved, it says so, starts afresh and the tab's lists
 * are asked again; refused, the field errors stand at their fields.
 */
function useFactTab<R extends ListPage<object>, V>(
  kind: 'sales' | 'tourism',
  fetch: (q: { workshopId?: string; page: number; pageSize: number }) => Promise<R>,
  record: (values: V, workshopId: string) => Promise<unknown>,
) {
  const { t } = useTranslation('sales')
  const { message } = App.useApp()
  const qc = useQueryClient()
  const ws = useQuery({ queryKey: aroundKeys.factWorkshops(kind), queryFn: () => fetchFactWorkshops(kind) })
  const first = ws.data?.[0]?.id
  const list = usePagedQuery({
    key: [...aroundKeys[kind], first],
    filters: { workshopId: undefined as string | undefined },
    fetch: (q) => fetch({ ...q, workshopId: q.workshopId ?? first }),
    enabled: (f) => !!(f.workshopId ?? first),
  })
  const workshopId = list.filters.workshopId ?? first
  const [form] = Form.useForm<V>()
  const save = useMutation({
    mutationFn: (v: V) => record(v, workshopId!),
    onSuccess: async () => {
      message.success(t('sales.saved'))
      form.resetFields()
      await qc.invalidateQueries({ queryKey: ['around', kind] })
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return { workshopId, choose: (id: string) => list.setFilter('workshopId', id), list, form, save }
}

/** A fact tab: its workshop picker, then (once there is a workshop) the figures, the forms and the records. */
function FactTab({ kind, tab, children }: {
  kind: 'sales' | 'tourism'
  tab: { workshopId?: string; choose: (id: string) => void }
  children: (workshopId: string) => ReactNode
}) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <WorkshopPicker kind={kind} value={tab.workshopId} onChange={tab.choose} />
      {tab.workshopId && children(tab.workshopId)}
    </Space>
  )
}

function SalesTab() {
  const { t } = useTranslation('sales')
  const mobile = useIsMobile()
  const tab = useFactTab('sales', fetchSales, (v: SaleValues, workshopId) =>
    recordSale({
      workshopId,
      sessionDate: v.sessionDate.format('YYYY-MM-DD'),
      platform: v.platform,
      host: v.host || undefined,
      ordersCount: v.ordersCount,
      salesFen: yuanToFen(v.amount)!,
      products: (v.products ?? '').split(/[、,，;；]/).map((p) => p.trim()).filter(Boolean),
    }),
  )
  const { list, form, save } = tab
  const d = list.q.data
  return (
    <FactTab kind="sales" tab={tab}>
      {(id) => (
        <>
          <StatCards md={8} items={[
            { title: t('sales.total'), value: formatFen(d?.sumFen ?? 0), testId: 'sales-sum' },
            { title: t('sales.sessions'), value: d?.total ?? 0 },
            { title: t('sales.totalOrders'), value: d?.sumOrders ?? 0 },
          ]} />
          <Card size="small" title={t('sales.record')}>
            <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ sessionDate: dayjs(), platform: '抖音' }} data-testid="sales-form">
              <Row gutter={12}>
                <Col xs={24} sm={12} md={6}><Form.Item name="sessionDate" label={t('sales.date')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} inputReadOnly /></Form.Item></Col>
                <Col xs={24} sm={12} md={6}><Form.Item name="platform" label={t('sales.platform')} rules={[{ required: true }]}><AutoComplete options={PLATFORMS.map((p) => ({ value: p }))} /></Form.Item></Col>
                <Col xs={24} sm={12} md={6}><Form.Item name="host" label={t('sales.host')}><Input maxLength={60} /></Form.Item></Col>
                <Col xs={12} sm={6} md={3}><Form.Item name="ordersCount" label={t('sales.orders')} rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                <Col xs={12} sm={6} md={3}><Form.Item name="amount" label={t('sales.amount')} rules={[amountRule(t('collective:income.amountInvalid'))]}><Input inputMode="decimal" /></Form.Item></Col>
                <Col xs={24}><Form.Item name="products" label={t('sales.products')} extra={t('sales.productsHint')}><Input /></Form.Item></Col>
              </Row>
              {save.error && <ProblemAlert error={save.error} />}
              <Button type="primary" htmlType="submit" loading={save.isPending} block={mobile}>{t('sales.record')}</Button>
            </Form>
          </Card>
          <ImportCard workshopId={id} />
          {list.q.error && <ProblemAlert error={list.q.error} />}
          {mobile ? (
            <PagedList<SalesSession>
              list={list}
              emptyText={<EmptyState description={t('sales.empty')} />}
              renderItem={(s) => (
                <List.Item>
                  <List.Item.Meta title={<Space><span>{s.sessionDate}</span><Tag>{s.platform}</Tag><Money fen={s.salesFen} /></Space>} description={`${s.host ?? ''} · ${t('sales.orders')} ${s.ordersCount}${s.products.length ? ` · ${s.products.join('、')}` : ''}`} />
                </List.Item>
              )}
            />
          ) : (
            <PagedTable<SalesSession>
              list={list}
              size="middle"
              locale={{ emptyText: <EmptyState description={t('sales.empty')} /> }}
              columns={[
                { title: t('sales.date'), dataIndex: 'sessionDate', width: 120 },
                { title: t('sales.platform'), dataIndex: 'platform', width: 110, render: (p: string) => <Tag>{p}</Tag> },
                { title: t('sales.host'), dataIndex: 'host' },
                { title: t('sales.orders'), dataIndex: 'ordersCount', align: 'right', width: 90 },
                { title: t('sales.amount'), dataIndex: 'salesFen', align: 'right', render: (f: number) => <Money fen={f} /> },
                { title: t('sales.products'), dataIndex: 'products', render: (p: string[]) => p.join('、') },
                { title: '', dataIndex: 'source', width: 70, render: (s: string) => <Tag color={s === 'import' ? 'blue' : 'default'}>{t(`sales.source.${s}`)}</Tag> },
              ]}
            />
          )}
        </>
      )}
    </FactTab>
  )
}

function TourismTab() {
  const { t } = useTranslation('sales')
  const mobile = useIsMobile()
  const tab = useFactTab('tourism', fetchTourism, (v: VisitValues, workshopId) =>
    recordTourism({ workshopId, recordDate: v.recordDate.format('YYYY-MM-DD'), visitors: v.visitors, revenueFen: yuanToFen(v.revenue)!, note: v.note || undefined }),
  )
  const { list, form, save } = tab
  const d = list.q.data
  return (
    <FactTab kind="tourism" tab={tab}>
      {() => (
        <>
          <StatCards md={8} items={[
            { title: t('tourism.totalVisitors'), value: d?.sumVisitors ?? 0 },
            { title: t('tourism.total'), value: formatFen(d?.sumFen ?? 0) },
          ]} />
          <Card size="small" title={t('tourism.record')}>
            <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ recordDate: dayjs() }}>
              <Row gutter={12}>
                <Col xs={24} sm={8}><Form.Item name="recordDate" label={t('tourism.date')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} inputReadOnly /></Form.Item></Col>
                <Col xs={12} sm={8}><Form.Item name="visitors" label={t('tourism.visitors')} rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                <Col xs={12} sm={8}><Form.Item name="revenue" label={t('tourism.revenue')} rules={[amountRule(t('collective:income.amountInvalid'))]}><Input inputMode="decimal" /></Form.Item></Col>
                <Col xs={24}><Form.Item name="note" label={t('tourism.note')}><Input maxLength={500} /></Form.Item></Col>
              </Row>
              {save.error && <ProblemAlert error={save.error} />}
              <Button type="primary" htmlType="submit" loading={save.isPending} block={mobile}>{t('tourism.record')}</Button>
            </Form>
          </Card>
          <PagedTable<TourismRecord>
            list={list}
            scroll={{ x: 360 }}
            locale={{ emptyText: <EmptyState description={t('tourism.empty')} /> }}
            columns={[
              { title: t('tourism.date'), dataIndex: 'recordDate', width: 110 },
              { title: t('tourism.visitors'), dataIndex: 'visitors', align: 'right' },
              { title: t('tourism.revenue'), dataIndex: 'revenueFen', align: 'right', render: (f: number) => <Money fen={f} /> },
              ...(mobile ? [] : [{ title: t('tourism.note'), dataIndex: 'note' }]),
            ]}
          />
        </>
      )}
    </FactTab>
  )
}

export default function SalesPage() {
  const { t } = useTranslation('sales')
  return (
    <Page title={t('menu')} gap={8} tabs={[
      { key: 'sales', label: t('tabs.sales'), children: <SalesTab /> },
      { key: 'tourism', label: t('tabs.tourism'), children: <TourismTab /> },
    ]} />
  )
}
