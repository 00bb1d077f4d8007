import { useState } from 'react'
import { App, Button, Card, Drawer, Form, Input, Space, Table, Tag, Flex } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { isValidCreditCode } from '@gongfang/shared'
import type { Enterprise } from '@gongfang/shared/registry'
import { api, ok, useMe, useCan, type BodyOf } from '../../api/client'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { ExportButtons, HistoryList } from '../workshops/registry-parts'
import { PageHeader } from '../../components/page-header'
import { useRegisterQuery } from '../../components/register-table'
import { hasStaffDesk } from '../../app/homes'

function NewEnterprise({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('registry')
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const { message } = App.useApp()
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.POST('/enterprises', { body: { ...v, contactPhone: v.contactPhone || null } as BodyOf<'/enterprises'> }).then(ok),
    onSuccess: () => {
      message.success(t('common.created'))
      void qc.invalidateQueries({ queryKey: ['enterprises'] })
      form.resetFields()
      onClose()
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return (
    <Drawer open={open} onClose={onClose} title={t('enterprise.newTitle')} size="large" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="name" label={t('enterprise.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item
          name="creditCode"
          label={t('enterprise.creditCode')}
          validateFirst
          rules={[{ required: true }, { validator: (_r, v: string) => (!v || isValidCreditCode(v) ? Promise.resolve() : Promise.reject(new Error(t('enterprise.invalidCode')))) }]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('enterprise.region')} rules={[{ required: true }]}><RegionPicker /></Form.Item>
        <Form.Item name="contactName" label={t('enterprise.contact')}><Input /></Form.Item>
        <Form.Item name="contactPhone" label={t('enterprise.phone')}><Input inputMode="tel" /></Form.Item>
        <Form.Item name="industry" label={t('enterprise.industry')}><Input /></Form.Item>
        <ProblemAlert error={m.error} />
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={m.isPending}>{t('common.save')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  )
}

export default function EnterprisesPage() {
  const { t } = useTranslation('registry')
  const me = useMe().data
  const { query, setQuery, tableProps } = useRegisterQuery()
  const [creating, setCreating] = useState(false)
  const [history, setHistory] = useState<Enterprise | null>(null)
  const set = (k: string, v?: string) => setQuery((q) => ({ ...q, [k]: v || undefined, page: 1 }))
  const list = useQuery({ queryKey: ['enterprises', query], queryFn: () => api.GET('/enterprises', { params: { query: query } }).then(ok) })
  const can = useCan()
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('enterprise.title')} extra={can('enterprises.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('common.create')}</Button>} />
      <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <RegionPicker value={query.region as string | undefined} onChange={(v) => set('region', v)} style={{ width: 220 }} placeholder={t('common.region')} />
        <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => set('q', v)} style={{ width: 220 }} />
        {hasStaffDesk(me) && <ExportButtons register="enterprises" query={query} />}
      </Space>
      <ProblemAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<Enterprise>
        rowKey="id"
        size="middle"
        scroll={{ x: true }}
        loading={list.isLoading}
        dataSource={list.data?.items}
        {...tableProps(list.data?.total)}
        columns={[
          { title: t('enterprise.name'), dataIndex: 'name', sorter: true },
          { title: t('enterprise.creditCode'), dataIndex: 'creditCode', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: t('enterprise.region'), dataIndex: 'regionName', key: 'regionCode', sorter: true },
          { title: t('enterprise.contact'), dataIndex: 'contactName' },
          { title: t('enterprise.phone'), dataIndex: 'contactPhone' },
          { title: t('enterprise.industry'), dataIndex: 'industry', sorter: true },
          { title: t('enterprise.workshops'), dataIndex: 'workshops', render: (ws: Enterprise['workshops']) => <Tag>{ws.length}</Tag> },
          { title: '', key: 'h', render: (_v, e) => <Button size="small" type="link" onClick={() => setHistory(e)}>{t('common.history')}</Button> },
        ]}
      />
      <NewEnterprise open={creating} onClose={() => setCreating(false)} />
      <Drawer open={!!history} onClose={() => setHistory(null)} title={`${history?.name ?? ''} · ${t('common.history')}`} destroyOnHidden>
        {history && <HistoryList register="enterprises" id={history.id} />}
      </Drawer>
    </Card>
    </Flex>
  )
}
