import { useState } from 'react'
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { thisYear } from '@gongfang/shared/clock'
import { Link, useNavigate } from 'react-router'
import type { CollectiveMember, ProfitSharingRun } from '@gongfang/shared/collective'
import { useMe } from '../../api/client'
import { addMember, aroundKeys, createRun, fetchCollectiveOptions, fetchMembers, fetchRuns, updateMember, yuanToFen } from '../../api/around'
import { EmptyState } from '../../components/empty-state'
import { Money } from '../../components/money'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { PageHeader } from '../../components/page-header'

/** Staff pick the collective; a collective account always works on its own. */
function useCollectiveChoice() {
  const me = useMe().data
  // A collective's own account works on its collective; staff pick one.
  const isCollective = !!me?.collectiveId
  const options = useQuery({ queryKey: aroundKeys.collectives, queryFn: fetchCollectiveOptions, enabled: !!me && !isCollective })
  const [chosen, setChosen] = useState<string>()
  const collectiveId = isCollective ? (me?.collectiveId ?? undefined) : (chosen ?? options.data?.[0]?.id)
  const picker = isCollective ? null : (
    <Select
      showSearch
      optionFilterProp="label"
      style={{ minWidth: 240 }}
      value={collectiveId}
      onChange={setChosen}
      loading={options.isPending}
      options={(options.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
      data-testid="collective-picker"
    />
  )
  return { collectiveId, picker, isCollective }
}

function NewRunForm({ collectiveId, isCollective }: { collectiveId?: string; isCollective: boolean }) {
  const { t } = useTranslation('collective')
  const { message } = App.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [form] = Form.useForm()
  const create = useMutation({
    mutationFn: (v: { title: string; period: string; total: string; note?: string }) =>
      createRun({ collectiveId: isCollective ? undefined : collectiveId, title: v.title, period: v.period, totalFen: yuanToFen(v.total)!, note: v.note || undefined }),
    onSuccess: async (run) => {
      message.success(t('sharing.created'))
      await qc.invalidateQueries({ queryKey: ['around', 'runs'] })
      navigate(`/profit-sharing/${run.id}`)
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return (
    <Card title={t('sharing.newRun')} size="small">
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ period: String(thisYear() - 1) }} data-testid="run-form">
        <Form.Item name="title" label={t('sharing.runTitle')} rules={[{ required: true }]}>
          <Input maxLength={100} placeholder="2025 年度股份分红" />
        </Form.Item>
        <Form.Item name="period" label={t('sharing.period')} rules={[{ required: true, pattern: /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/ }]} extra={t('income.periodHint')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="total"
          label={t('sharing.total')}
          rules={[{ required: true, validator: async (_, v) => { if (!yuanToFen(v)) throw new Error(t('income.amountInvalid')) } }]}
        >
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('sharing.roundingNote')}</Typography.Paragraph>
        {create.error && <ProblemAlert error={create.error} />}
        <Button type="primary" htmlType="submit" block loading={create.isPending} disabled={!collectiveId}>{t('sharing.newRun')}</Button>
      </Form>
    </Card>
  )
}

function Runs({ collectiveId, isCollective }: { collectiveId?: string; isCollective: boolean }) {
  const { t } = useTranslation('collective')
  const mobile = useIsMobile()
  const q = { collectiveId, pageSize: 50 }
  const runs = useQuery({ queryKey: aroundKeys.runs(q), queryFn: () => fetchRuns(q), enabled: !!collectiveId })
  const status = (s: string) => <Tag color={s === 'confirmed' ? 'green' : 'orange'}>{t(`sharing.statuses.${s}`)}</Tag>
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {runs.error && <ProblemAlert error={runs.error} />}
      {mobile ? (
        <List<ProfitSharingRun>
          loading={runs.isPending && !!collectiveId}
          dataSource={runs.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('sharing.emptyRuns')} /> }}
          renderItem={(r) => (
            <List.Item extra={<Link to={`/profit-sharing/${r.id}`}>{t('sharing.open')}</Link>}>
              <List.Item.Meta title={<Space>{r.title}{status(r.status)}</Space>} description={<Space><Money fen={r.totalFen} /><span>{t('sharing.households')} {r.households}</span></Space>} />
            </List.Item>
          )}
        />
      ) : (
        <Table<ProfitSharingRun>
          rowKey="id"
          size="middle"
          loading={runs.isPending && !!collectiveId}
          dataSource={runs.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState description={t('sharing.emptyRuns')} /> }}
          columns={[
            { title: t('sharing.runTitle'), dataIndex: 'title', render: (v: string, r) => <Link to={`/profit-sharing/${r.id}`}>{v}</Link> },
            { title: t('sharing.period'), dataIndex: 'period', width: 100 },
            { title: t('sharing.total'), dataIndex: 'totalFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: t('sharing.households'), dataIndex: 'households', align: 'right', width: 80 },
            { title: t('sharing.totalShares'), dataIndex: 'totalShares', align: 'right', width: 90 },
            { title: t('sharing.status'), dataIndex: 'status', width: 90, render: status },
          ]}
        />
      )}
      <NewRunForm collectiveId={collectiveId} isCollective={isCollective} />
    </Space>
  )
}

function Members({ collectiveId, isCollective }: { collectiveId?: string; isCollective: boolean }) {
  const { t } = useTranslation('collective')
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [page, setPage] = useState(1)
  const [form] = Form.useForm()
  const q = { collectiveId, page, pageSize: 50 }
  const members = useQuery({ queryKey: aroundKeys.members(q), queryFn: () => fetchMembers(q), enabled: !!collectiveId })
  const refresh = () => qc.invalidateQueries({ queryKey: ['around', 'members'] })
  const add = useMutation({
    mutationFn: (v: { householdNo: string; headName: string; shares: number }) => addMember({ ...v, collectiveId: isCollective ? undefined : collectiveId }),
    onSuccess: async () => { form.resetFields(); await refresh(); message.success(t('income.booked')) },
    onError: (e) => applyFieldErrors(form, e),
  })
  const patch = useMutation({ mutationFn: (a: { id: string; body: { shares?: number; active?: boolean } }) => updateMember(a.id, a.body), onSuccess: refresh })
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text>{t('sharing.activeShares')}: <b>{members.data?.activeShares ?? 0}</b> · {t('sharing.households')}: {members.data?.total ?? 0}</Typography.Text>
      {patch.error && <ProblemAlert error={patch.error} />}
      <Table<CollectiveMember>
        rowKey="id"
        size="small"
        scroll={{ x: 420 }}
        loading={members.isPending && !!collectiveId}
        dataSource={members.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('sharing.emptyMembers')} /> }}
        pagination={{ current: page, pageSize: 50, total: members.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
        columns={[
          { title: t('sharing.householdNo'), dataIndex: 'householdNo', width: 90 },
          { title: t('sharing.headName'), dataIndex: 'headName' },
          {
            title: t('sharing.shares'),
            dataIndex: 'shares',
            width: 110,
            render: (v: number, m) => <InputNumber size="small" min={0} precision={0} defaultValue={v} style={{ width: 80 }} onBlur={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n !== v) patch.mutate({ id: m.id, body: { shares: n } }) }} />,
          },
          { title: t('sharing.active'), dataIndex: 'active', width: 90, render: (v: boolean, m) => <Switch size="small" checked={v} onChange={(c) => patch.mutate({ id: m.id, body: { active: c } })} /> },
        ]}
      />
      <Card size="small" title={t('sharing.addMember')}>
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ rowGap: 8 }}>
          <Form.Item name="householdNo" rules={[{ required: true }]}><Input placeholder={t('sharing.householdNo')} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="headName" rules={[{ required: true }]}><Input placeholder={t('sharing.headName')} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="shares" rules={[{ required: true }]}><InputNumber placeholder={t('sharing.shares')} min={0} precision={0} style={{ width: 90 }} /></Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>{t('sharing.addMember')}</Button>
        </Form>
        {add.error && <div style={{ marginTop: 8 }}><ProblemAlert error={add.error} /></div>}
      </Card>
    </Space>
  )
}

export default function ProfitSharingPage() {
  const { t } = useTranslation('collective')
  const { collectiveId, picker, isCollective } = useCollectiveChoice()
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader title={t('sharing.title')} extra={picker} />
      {!collectiveId && !isCollective && <Alert type="info" title={t('income.collective')} />}
      <Tabs
        items={[
          { key: 'runs', label: t('sharing.runs'), children: <Runs collectiveId={collectiveId} isCollective={isCollective} /> },
          { key: 'members', label: t('sharing.members'), children: <Members collectiveId={collectiveId} isCollective={isCollective} /> },
        ]}
      />
    </Space>
  )
}
