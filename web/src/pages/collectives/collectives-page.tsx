import { useState } from 'react'
import { App, Button, Card, Drawer, Form, Input, Select, Space, Table, Flex } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { isValidCreditCode } from '@gongfang/shared'
import { COLLECTIVE_KINDS, COLLECTIVE_KIND_LABELS, type Collective } from '@gongfang/shared/registry'
import { api, ok, useMe, useCan, type BodyOf } from '../../api/client'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { ExportButtons, HistoryList } from '../workshops/registry-parts'
import { PageHeader } from '../../components/page-header'
import { hasStaffDesk } from '../../app/homes'

export default function CollectivesPage() {
  const { t, i18n } = useTranslation('registry')
  const kindLabel = (k: string) => COLLECTIVE_KIND_LABELS[k as keyof typeof COLLECTIVE_KIND_LABELS]?.[i18n.language === 'en' ? 'en' : 'zh'] ?? k
  const me = useMe().data
  const qc = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [query, setQuery] = useState<Record<string, string | number | undefined>>({ page: 1, pageSize: 20 })
  const [creating, setCreating] = useState(false)
  const [history, setHistory] = useState<Collective | null>(null)
  const set = (k: string, v?: string) => setQuery((q) => ({ ...q, [k]: v || undefined, page: 1 }))
  const list = useQuery({ queryKey: ['collectives', query], queryFn: () => api.GET('/collectives', { params: { query: query } }).then(ok) })
  const can = useCan()
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.POST('/collectives', { body: { ...v, creditCode: v.creditCode || null } as BodyOf<'/collectives'> }).then(ok),
    onSuccess: () => {
      message.success(t('common.created'))
      void qc.invalidateQueries({ queryKey: ['collectives'] })
      form.resetFields()
      setCreating(false)
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('collective.title')} extra={can('collectives.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('common.create')}</Button>} />
      <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <RegionPicker value={query.region as string | undefined} onChange={(v) => set('region', v)} style={{ width: 220 }} placeholder={t('common.region')} />
        <Select allowClear placeholder={t('collective.kind')} style={{ width: 160 }} options={COLLECTIVE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} onChange={(v) => set('kind', v)} />
        <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => set('q', v)} style={{ width: 220 }} />
        {hasStaffDesk(me) && <ExportButtons register="collectives" query={query} />}
      </Space>
      <ProblemAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<Collective>
        rowKey="id"
        size="middle"
        scroll={{ x: true }}
        loading={list.isLoading}
        dataSource={list.data?.items}
        onChange={(p) => setQuery((q) => ({ ...q, page: p.current, pageSize: p.pageSize }))}
        pagination={{ current: Number(query.page), pageSize: Number(query.pageSize), total: list.data?.total, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('collective.name'), dataIndex: 'name' },
          { title: t('collective.kind'), dataIndex: 'kind', render: kindLabel },
          { title: t('collective.region'), dataIndex: 'regionName' },
          { title: t('collective.creditCode'), dataIndex: 'creditCode', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
          { title: t('collective.workshops'), dataIndex: 'workshopCount', align: 'right' },
          { title: '', key: 'h', render: (_v, c) => <Button size="small" type="link" onClick={() => setHistory(c)}>{t('common.history')}</Button> },
        ]}
      />
      <Drawer open={creating} onClose={() => setCreating(false)} title={t('collective.newTitle')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ kind: 'collective' }}>
          <Form.Item name="name" label={t('collective.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="kind" label={t('collective.kind')} rules={[{ required: true }]}><Select options={COLLECTIVE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} /></Form.Item>
          <Form.Item name="regionCode" label={t('collective.region')} rules={[{ required: true }]}><RegionPicker /></Form.Item>
          <Form.Item name="creditCode" label={t('collective.creditCode')} rules={[{ validator: (_r, v: string) => (!v || isValidCreditCode(v) ? Promise.resolve() : Promise.reject(new Error(t('enterprise.invalidCode')))) }]}>
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <ProblemAlert error={m.error} />
          <Button type="primary" htmlType="submit" loading={m.isPending} style={{ marginTop: 12 }}>{t('common.save')}</Button>
        </Form>
      </Drawer>
      <Drawer open={!!history} onClose={() => setHistory(null)} title={`${history?.name ?? ''} · ${t('common.history')}`} destroyOnHidden>
        {history && <HistoryList register="collectives" id={history.id} />}
      </Drawer>
    </Card>
    </Flex>
  )
}
