import { useState } from 'react'
import { Link } from 'react-router'
import { App, Button, Card, Col, Drawer, Form, Input, InputNumber, List, Row, Select, Space, Table, Tag, Flex } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { COMMON_SKILLS, WORKSHOP_STATUSES, WORKSHOP_STATUS_LABELS, WORKSHOP_TYPES, WORKSHOP_TYPE_LABELS, type Workshop } from '@gongfang/shared/registry'
import { api, ok, useMe, useCan, type BodyOf } from '../../api/client'
import { useCodeLabels } from '../../components/code-labels'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { ExportButtons } from './registry-parts'
import { PageHeader } from '../../components/page-header'
import { useRegisterQuery } from '../../components/register-table'
import { hasStaffDesk } from '../../app/homes'

export const STATUS_COLOR = { planned: 'default', operating: 'green', suspended: 'orange', closed: 'red' } as const

export function useRegistryLabels() {
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  const codes = useCodeLabels()
  return {
    type: (t: string) => (en ? WORKSHOP_TYPE_LABELS[t as keyof typeof WORKSHOP_TYPE_LABELS]?.en : WORKSHOP_TYPE_LABELS[t as keyof typeof WORKSHOP_TYPE_LABELS]?.zh) ?? t,
    status: (s: string) => (en ? WORKSHOP_STATUS_LABELS[s as keyof typeof WORKSHOP_STATUS_LABELS]?.en : WORKSHOP_STATUS_LABELS[s as keyof typeof WORKSHOP_STATUS_LABELS]?.zh) ?? s,
    skill: codes.skill,
  }
}

export function skillOptions(label: (s: string) => string) {
  return COMMON_SKILLS.map((s) => ({ value: s, label: label(s) }))
}

function NewWorkshop({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const { message } = App.useApp()
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.POST('/workshops', { body: v as BodyOf<'/workshops'> }).then(ok),
    onSuccess: () => {
      message.success(t('common.created'))
      void qc.invalidateQueries({ queryKey: ['workshops'] })
      form.resetFields()
      onClose()
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return (
    <Drawer open={open} onClose={onClose} title={t('workshop.newTitle')} size="large" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ type: 'processing', dailyCapacity: 0, workerPlaces: 0, skills: [] }}>
        <Form.Item name="name" label={t('workshop.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="type" label={t('workshop.type')} rules={[{ required: true }]}>
          <Select options={WORKSHOP_TYPES.map((v) => ({ value: v, label: L.type(v) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('workshop.village')} rules={[{ required: true }, { pattern: /^\d{12}$/, message: '请选择到村一级 / pick a village' }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="address" label={t('workshop.address')}><Input /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="dailyCapacity" label={t('workshop.capacity')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="workerPlaces" label={t('workshop.places')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="skills" label={t('workshop.skills')}><Select mode="tags" options={skillOptions(L.skill)} /></Form.Item>
        <ProblemAlert error={m.error} />
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={m.isPending}>{t('common.save')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  )
}

export default function WorkshopsPage() {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const me = useMe().data
  const mobile = useIsMobile()
  const { query, setQuery, tableProps } = useRegisterQuery()
  const [creating, setCreating] = useState(false)
  const set = (k: string, v: string | number | undefined) => setQuery((q) => ({ ...q, [k]: v || undefined, page: 1 }))
  const list = useQuery({ queryKey: ['workshops', query], queryFn: () => api.GET('/workshops', { params: { query: query } }).then(ok) })
  const can = useCan()

  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('workshop.title')} extra={can('workshops.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('common.create')}</Button>} />
      <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <RegionPicker value={query.region as string | undefined} onChange={(v) => set('region', v)} style={{ width: 220 }} placeholder={t('common.region')} />
        <Select allowClear placeholder={t('workshop.type')} style={{ width: 150 }} options={WORKSHOP_TYPES.map((v) => ({ value: v, label: L.type(v) }))} onChange={(v) => set('type', v)} />
        <Select allowClear placeholder={t('workshop.status')} style={{ width: 120 }} options={WORKSHOP_STATUSES.map((v) => ({ value: v, label: L.status(v) }))} onChange={(v) => set('status', v)} />
        <Select allowClear placeholder={t('workshop.skills')} style={{ width: 120 }} options={skillOptions(L.skill)} onChange={(v) => set('skill', v)} />
        <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => set('q', v)} style={{ width: 200 }} />
        {hasStaffDesk(me) && <ExportButtons register="workshops" query={query} />}
      </Space>
      <ProblemAlert error={list.error} onRetry={() => list.refetch()} />
      {mobile ? (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={{ current: Number(query.page), pageSize: Number(query.pageSize), total: list.data?.total, onChange: (page) => setQuery((q) => ({ ...q, page })), size: 'small' }}
          renderItem={(w) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/workshops/${w.id}`}>{w.name}</Link>}
                description={<Space wrap size={4}><Tag>{L.type(w.type)}</Tag><Tag color={STATUS_COLOR[w.status]}>{L.status(w.status)}</Tag>{w.regionName}</Space>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Workshop>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          {...tableProps(list.data?.total)}
          columns={[
            { title: t('workshop.name'), dataIndex: 'name', sorter: true, render: (v, w) => <Link to={`/workshops/${w.id}`}>{v}</Link> },
            { title: t('workshop.type'), dataIndex: 'type', render: (v) => L.type(v) },
            { title: t('workshop.village'), dataIndex: 'regionName', key: 'regionCode', sorter: true },
            { title: t('workshop.status'), dataIndex: 'status', render: (v) => <Tag color={STATUS_COLOR[v as keyof typeof STATUS_COLOR]}>{L.status(v)}</Tag> },
            { title: t('workshop.capacity'), dataIndex: 'dailyCapacity', sorter: true, align: 'right' },
            { title: t('workshop.members'), dataIndex: 'memberCount', align: 'right' },
            { title: t('workshop.openedOn'), dataIndex: 'openedOn', sorter: true },
          ]}
        />
      )}
      <NewWorkshop open={creating} onClose={() => setCreating(false)} />
    </Card>
    </Flex>
  )
}
