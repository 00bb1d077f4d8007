import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { App, Button, Card, Drawer, Form, Input, InputNumber, List, Select, Space, Table, Tag, Flex } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type {  WorkerListItem } from '@gongfang/shared/registry'
import { api, ok, ApiError, useMe, useCan, type BodyOf } from '../../api/client'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { ExportButtons } from '../workshops/registry-parts'
import { formatFen } from '../../components/money'
import { WorkerFields, workerBody } from '../workshops/roster'
import { skillOptions, useRegistryLabels } from '../workshops/workshops-page'
import { PageHeader } from '../../components/page-header'
import { useRegisterQuery } from '../../components/register-table'
import { hasStaffDesk } from '../../app/homes'

function NewWorker({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('registry')
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [existing, setExisting] = useState<string | null>(null)
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.POST('/workers', { body: workerBody(v) as BodyOf<'/workers'> }).then(ok),
    onSuccess: (w) => {
      message.success(t('common.created'))
      void qc.invalidateQueries({ queryKey: ['workers'] })
      form.resetFields()
      onClose()
      navigate(`/workers/${w.id}`)
    },
    onError: (e) => {
      applyFieldErrors(form, e)
      setExisting(e instanceof ApiError && e.status === 409 ? ((e.problem as unknown as { existingId?: string }).existingId ?? null) : null)
    },
  })
  return (
    <Drawer open={open} onClose={onClose} title={t('worker.newTitle')} size="large" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <WorkerFields />
        <ProblemAlert error={m.error} />
        {existing && <Link to={`/workers/${existing}`} onClick={onClose}>{t('worker.openExisting')}</Link>}
        <Space style={{ marginTop: 12, display: 'flex' }}>
          <Button type="primary" htmlType="submit" loading={m.isPending}>{t('common.save')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  )
}

export default function WorkersPage() {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const me = useMe().data
  const mobile = useIsMobile()
  const { query, setQuery, tableProps } = useRegisterQuery()
  const [creating, setCreating] = useState(false)
  const set = (k: string, v: string | number | null | undefined) => setQuery((q) => ({ ...q, [k]: v === null || v === '' ? undefined : v, page: 1 }))
  const list = useQuery({ queryKey: ['workers', query], queryFn: () => api.GET('/workers', { params: { query: query } }).then(ok) })
  const can = useCan()
  const yn = [{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('worker.title')} extra={can('workers.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('common.create')}</Button>} />
      <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <RegionPicker value={query.region as string | undefined} onChange={(v) => set('region', v)} style={{ width: 220 }} placeholder={t('common.region')} />
        <Select allowClear placeholder={t('worker.lowIncome')} style={{ width: 120 }} options={yn} onChange={(v) => set('lowIncome', v)} />
        <Select allowClear placeholder={t('worker.disability')} style={{ width: 100 }} options={yn} onChange={(v) => set('disability', v)} />
        <Select allowClear placeholder={t('worker.skills')} style={{ width: 120 }} options={skillOptions(L.skill)} onChange={(v) => set('skill', v)} />
        <InputNumber placeholder={t('worker.minAge')} min={0} max={120} style={{ width: 120 }} onChange={(v) => set('minAge', v ?? undefined)} />
        <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => set('q', v)} style={{ width: 200 }} />
        {hasStaffDesk(me) && <ExportButtons register="workers" query={query} />}
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
                title={<Link to={`/workers/${w.id}`}>{w.name}</Link>}
                description={<>{t(`sexes.${w.sex}`)} · {w.age} · {w.regionName} {w.lowIncome && <Tag color="gold">{t('worker.lowIncome')}</Tag>}</>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<WorkerListItem>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          {...tableProps(list.data?.total)}
          columns={[
            { title: t('worker.name'), dataIndex: 'name', sorter: true, render: (v, w) => <Link to={`/workers/${w.id}`}>{v}</Link> },
            { title: t('worker.idNumber'), dataIndex: 'idNumber', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { title: t('worker.sex'), dataIndex: 'sex', render: (v) => t(`sexes.${v}`) },
            { title: t('worker.age'), dataIndex: 'age', key: 'birthDate', sorter: true, align: 'right' },
            { title: t('worker.phone'), dataIndex: 'phone' },
            { title: t('worker.village'), dataIndex: 'regionName', key: 'regionCode', sorter: true },
            { title: t('worker.lowIncome'), dataIndex: 'lowIncome', render: (v) => (v ? <Tag color="gold">{t('common.yes')}</Tag> : null) },
            { title: t('worker.disabilityGrade'), dataIndex: 'disabilityGrade' },
            { title: t('worker.baseline'), dataIndex: 'baselineMonthlyIncomeFen', key: 'baselineMonthlyIncomeFen', sorter: true, align: 'right', render: (v) => formatFen(v) },
          ]}
        />
      )}
      <NewWorker open={creating} onClose={() => setCreating(false)} />
    </Card>
    </Flex>
  )
}
