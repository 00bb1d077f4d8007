import { useMemo, useState } from 'react'
import {
  App, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Radio, Row, Segmented, Select, Space, Table, Tag, Timeline, Typography,
} from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { APPLICATION_STAGES, OPPORTUNITY_KINDS, canMoveStage, type Application, type ApplicationStage, type Opportunity } from '@gongfang/shared/partners'
import type { WorkshopType } from '@gongfang/shared/cockpit'
import { api, ok, useMe, useCan } from '../../api/client'
import { fetchChildren } from '../../api/regions'
import {
  addApplicationEvent, applyTo, aroundKeys, fetchApplication, fetchApplications, fetchOpportunities, publishOpportunity, setOpportunityStatus, todayCn, yuanToFen,
} from '../../api/around'
import { EmptyState } from '../../components/empty-state'
import { Money } from '../../components/money'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { Page } from '../../components/page'

const STAGE_COLORS: Record<string, string> = { applied: 'default', contacted: 'blue', site_visit: 'cyan', negotiating: 'gold', signed: 'green', withdrawn: 'default', rejected: 'red' }
const WORKSHOP_TYPES = ['processing', 'recruitment', 'ecommerce', 'agritourism', 'brand', 'industry'] as const

function PublishForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('partners')
  const { message } = App.useApp()
  const me = useMe().data
  const qc = useQueryClient()
  const [form] = Form.useForm()
  // A collective's own account publishes for its village; staff pick the region.
  const isCollective = !!me?.collectiveId
  const region = (Form.useWatch('regionCode', form) as string | undefined) ?? (isCollective ? (me?.regionCode ?? undefined) : undefined)
  const township = region && region.length >= 9 ? region.slice(0, 9) : undefined
  const neighbours = useQuery({ queryKey: ['regions', 'children', township], queryFn: () => fetchChildren(township!), enabled: !!township })
  const publish = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      publishOpportunity({
        regionCode: isCollective ? undefined : (v.regionCode as string),
        title: v.title as string,
        kind: v.kind as never,
        description: v.description as string,
        areaM2: (v.areaM2 as number) || undefined,
        annualRentFen: v.rent ? (yuanToFen(v.rent as string) ?? undefined) : undefined,
        laborAvailable: (v.laborAvailable as number) ?? undefined,
        bundledRegionCodes: (v.bundled as string[] | undefined) ?? [],
        contactName: (v.contactName as string) || undefined,
        contactPhone: (v.contactPhone as string) || undefined,
      }),
    onSuccess: async () => {
      message.success(t('opp.published'))
      form.resetFields()
      await qc.invalidateQueries({ queryKey: ['around', 'opportunities'] })
      onDone()
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return (
    <Form form={form} layout="vertical" onFinish={(v) => publish.mutate(v)} initialValues={{ kind: 'idle_building' }} data-testid="publish-form">
      <Form.Item name="title" label={t('opp.title')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="kind" label={t('opp.kind')} rules={[{ required: true }]}>
        <Select options={OPPORTUNITY_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      </Form.Item>
      {!isCollective && (
        <Form.Item name="regionCode" label={t('opp.region')} rules={[{ required: true }]}><RegionPicker /></Form.Item>
      )}
      <Form.Item name="description" label={t('opp.description')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
      <Row gutter={12}>
        <Col span={8}><Form.Item name="areaM2" label={t('opp.area')}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Form.Item name="rent" label={t('opp.rent')}><Input inputMode="decimal" placeholder={t('opp.negotiable')} /></Form.Item></Col>
        <Col span={8}><Form.Item name="laborAvailable" label={t('opp.labor')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
      </Row>
      <Form.Item name="bundled" label={t('opp.bundled')}>
        <Select
          mode="multiple"
          allowClear
          loading={neighbours.isFetching}
          options={(neighbours.data ?? []).filter((r) => r.code !== region).map((r) => ({ value: r.code, label: r.name }))}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="contactName" label={t('opp.contact')}><Input maxLength={60} /></Form.Item></Col>
        <Col span={12}><Form.Item name="contactPhone" label={t('opp.phone')}><Input maxLength={30} inputMode="tel" /></Form.Item></Col>
      </Row>
      {publish.error && <ProblemAlert error={publish.error} />}
      <Button type="primary" htmlType="submit" block loading={publish.isPending} style={{ marginTop: 8 }}>{t('opp.publish')}</Button>
    </Form>
  )
}

function OpportunityCard({ o, onApply }: { o: Opportunity; onApply: (o: Opportunity) => void }) {
  const { t } = useTranslation('partners')
  const me = useMe().data
  const can = useCan()
  const qc = useQueryClient()
  const status = useMutation({ mutationFn: (s: 'open' | 'closed') => setOpportunityStatus(o.id, s), onSuccess: () => qc.invalidateQueries({ queryKey: ['around', 'opportunities'] }) })
  const canManage = can('partners.publish')
  return (
    <Card
      size="small"
      data-testid="opportunity"
      title={<Space wrap size={4}><span>{o.title}</span></Space>}
      extra={<Tag color={o.status === 'open' ? 'green' : 'default'}>{t(`opp.status.${o.status}`)}</Tag>}
      actions={[
        can('partners.apply') && !!me?.enterpriseId ? (
          o.myApplicationId ? <Tag color="blue" key="a">{t('opp.applied')}</Tag> : <Button key="a" type="link" disabled={o.status !== 'open'} onClick={() => onApply(o)}>{t('opp.apply')}</Button>
        ) : canManage ? (
          <Button key="s" type="link" loading={status.isPending} onClick={() => status.mutate(o.status === 'open' ? 'closed' : 'open')}>{o.status === 'open' ? t('opp.close') : t('opp.reopen')}</Button>
        ) : null,
        <span key="n">{t('opp.applications', { n: o.applications })}</span>,
      ].filter(Boolean)}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color="red">{t(`kinds.${o.kind}`)}</Tag>
          <Typography.Text type="secondary">{o.regionName ?? o.regionCode}{o.collectiveName ? ` · ${o.collectiveName}` : ''}</Typography.Text>
        </Space>
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '…' }} style={{ margin: 0 }}>{o.description}</Typography.Paragraph>
        <Space wrap size={12} style={{ fontSize: 13 }}>
          {o.areaM2 !== null && <span>{t('opp.area')}: {o.areaM2}</span>}
          <span>{t('opp.rent')}: {o.annualRentFen !== null ? <Money fen={o.annualRentFen} /> : t('opp.negotiable')}</span>
          {o.laborAvailable !== null && <span>{t('opp.labor')}: {o.laborAvailable}</span>}
        </Space>
        {o.bundledRegions.length > 0 && <Typography.Text style={{ fontSize: 13 }}>{t('opp.bundled')}: {o.bundledRegions.map((r) => r.name ?? r.code).join('、')}</Typography.Text>}
        {(o.contactName || o.contactPhone) && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('opp.contact')}: {o.contactName} {o.contactPhone}</Typography.Text>}
      </Space>
    </Card>
  )
}

function Opportunities() {
  const { t } = useTranslation('partners')
  const { message } = App.useApp()
  const me = useMe().data
  const can = useCan()
  const mobile = useIsMobile()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [applying, setApplying] = useState<Opportunity | null>(null)
  const [kind, setKind] = useState<(typeof OPPORTUNITY_KINDS)[number]>()
  const [q, setQ] = useState<string>()
  const query = { kind, q, status: me?.enterpriseId ? ('open' as const) : undefined, pageSize: 60 }
  const list = useQuery({ queryKey: aroundKeys.opportunities(query), queryFn: () => fetchOpportunities(query) })
  const [form] = Form.useForm()
  const apply = useMutation({
    mutationFn: (v: { proposal: string; plannedJobs?: number }) => applyTo(applying!.id, v),
    onSuccess: async () => {
      message.success(t('opp.submitted'))
      setApplying(null)
      form.resetFields()
      await qc.invalidateQueries({ queryKey: ['around'] })
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  const canPublish = can('partners.publish')
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select allowClear placeholder={t('opp.kind')} style={{ width: 140 }} value={kind} onChange={setKind} options={OPPORTUNITY_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          <Input.Search allowClear placeholder={t('common:actions.search')} style={{ width: 200 }} onSearch={(v) => setQ(v || undefined)} />
        </Space>
        {canPublish && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="publish">{t('opp.publish')}</Button>}
      </Space>
      {list.error && <ProblemAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <EmptyState description={t('opp.empty')} />}
      <Row gutter={[12, 12]}>
        {(list.data?.items ?? []).map((o) => (
          <Col key={o.id} xs={24} md={12} xl={8}><OpportunityCard o={o} onApply={setApplying} /></Col>
        ))}
      </Row>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('opp.publish')} size={mobile ? '100%' : 520} placement={mobile ? 'bottom' : 'right'} destroyOnHidden>
        <PublishForm onDone={() => setOpen(false)} />
      </Drawer>
      <Modal open={!!applying} title={`${t('opp.apply')} · ${applying?.title ?? ''}`} onCancel={() => setApplying(null)} onOk={() => form.submit()} confirmLoading={apply.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => apply.mutate(v)} data-testid="apply-form">
          <Form.Item name="proposal" label={t('opp.proposal')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
          <Form.Item name="plannedJobs" label={t('opp.plannedJobs')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
          {apply.error && <ProblemAlert error={apply.error} />}
        </Form>
      </Modal>
    </Space>
  )
}

function ApplicationDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('partners')
  const { message } = App.useApp()
  const me = useMe().data
  const can = useCan()
  const qc = useQueryClient()
  const [form] = Form.useForm()
  const app = useQuery({ queryKey: aroundKeys.application(id), queryFn: () => fetchApplication(id) })
  const toStage = Form.useWatch('toStage', form) as ApplicationStage | undefined
  const signMode = (Form.useWatch('signMode', form) as 'existing' | 'new' | undefined) ?? 'new'
  const a = app.data
  const opps = useQuery({ queryKey: aroundKeys.opportunities({ id: a?.opportunityId }), queryFn: () => fetchOpportunities({ pageSize: 200 }), enabled: toStage === 'signed' })
  const opp = opps.data?.items.find((o) => o.id === a?.opportunityId)
  const villages = useMemo(() => (opp ? [...(opp.regionCode.length === 12 ? [{ code: opp.regionCode, name: opp.regionName }] : []), ...opp.bundledRegions] : []), [opp])
  const workshops = useQuery({
    queryKey: ['around', 'sign-workshops', opp?.regionCode],
    queryFn: () => api.GET('/workshops', { params: { query: { region: opp!.regionCode, pageSize: 200 } } }).then(ok),
    enabled: toStage === 'signed' && signMode === 'existing' && !!opp,
  })
  const staff = can('partners.stage')
  const stageOptions = a
    ? APPLICATION_STAGES.filter((s) => canMoveStage(a.stage, s) && (staff || (!!me?.enterpriseId && s === 'withdrawn')))
    : []
  const save = useMutation({
    mutationFn: (v: { eventDate: dayjs.Dayjs; note?: string; toStage?: ApplicationStage; workshopId?: string; name?: string; type?: WorkshopType; village?: string }) =>
      addApplicationEvent(id, {
        eventDate: v.eventDate.format('YYYY-MM-DD'),
        note: v.note || undefined,
        toStage: v.toStage || undefined,
        sign:
          v.toStage === 'signed'
            ? signMode === 'existing'
              ? { workshopId: v.workshopId }
              : { newWorkshop: { name: v.name!, type: v.type!, regionCode: v.village! } }
            : undefined,
      }),
    onSuccess: async (updated) => {
      // Show what the server answered at once; the lists behind the drawer refresh after it.
      qc.setQueryData(aroundKeys.application(id), updated)
      message.success(t('app.saved'))
      form.resetFields()
      await qc.invalidateQueries({ queryKey: ['around'], predicate: (q) => q.queryKey[1] !== 'application' || q.queryKey[2] !== id })
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return (
    <Drawer open onClose={onClose} title={a ? `${a.enterpriseName} · ${a.opportunityTitle}` : ''} size={520} destroyOnHidden>
      {app.error && <ProblemAlert error={app.error} />}
      {a && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('app.stage')}><Tag color={STAGE_COLORS[a.stage]} data-testid="app-stage">{t(`stages.${a.stage}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('opp.region')}>{a.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('opp.proposal')}>{a.proposal}</Descriptions.Item>
            {a.plannedJobs !== null && <Descriptions.Item label={t('opp.plannedJobs')}>{a.plannedJobs}</Descriptions.Item>}
            {a.workshopName && <Descriptions.Item label={t('app.signedWorkshop')}><span data-testid="signed-workshop">{a.workshopName}</span></Descriptions.Item>}
          </Descriptions>
          <Card size="small" title={t('app.timeline')}>
            <Timeline
              items={a.events.map((e) => ({
                color: STAGE_COLORS[e.toStage] === 'default' ? 'gray' : STAGE_COLORS[e.toStage],
                content: (
                  <div>
                    <b>{e.eventDate}</b> {e.fromStage ? `${t(`stages.${e.fromStage}`)} → ${t(`stages.${e.toStage}`)}` : e.fromStage === null && e.toStage === 'applied' && !e.note ? t('stages.applied') : ''}
                    {e.note && <div>{e.note}</div>}
                    {e.byName && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.byName}</Typography.Text></div>}
                  </div>
                ),
              }))}
            />
          </Card>
          {!['signed', 'withdrawn', 'rejected'].includes(a.stage) && (
            <Card size="small" title={t('app.follow')}>
              <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ eventDate: dayjs(todayCn()), signMode: 'new', type: 'processing' }} data-testid="event-form">
                <Form.Item name="eventDate" label={t('app.date')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(todayCn()), 'day')} /></Form.Item>
                <Form.Item name="note" label={t('app.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
                {stageOptions.length > 0 && (
                  <Form.Item name="toStage" label={t('app.moveTo')}>
                    <Select allowClear placeholder={t('app.keep')} options={stageOptions.map((s) => ({ value: s, label: t(`stages.${s}`) }))} data-testid="to-stage" />
                  </Form.Item>
                )}
                {toStage === 'signed' && (
                  <Card size="small" type="inner" title={t('app.signWith')} style={{ marginBottom: 12 }}>
                    <Form.Item name="signMode"><Radio.Group options={[{ value: 'new', label: t('app.newWorkshop') }, { value: 'existing', label: t('app.existing') }]} /></Form.Item>
                    {signMode === 'existing' ? (
                      <Form.Item name="workshopId" label={t('app.existing')} rules={[{ required: true }]}>
                        <Select showSearch optionFilterProp="label" loading={workshops.isPending} options={(workshops.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))} />
                      </Form.Item>
                    ) : (
                      <>
                        <Form.Item name="name" label={t('app.workshopName')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
                        <Form.Item name="type" label={t('app.workshopType')} rules={[{ required: true }]}>
                          <Select options={WORKSHOP_TYPES.map((w) => ({ value: w, label: t(`app.types.${w}`) }))} />
                        </Form.Item>
                        <Form.Item name="village" label={t('app.village')} rules={[{ required: true }]}>
                          <Select loading={opps.isPending} options={villages.map((v) => ({ value: v.code, label: v.name ?? v.code }))} data-testid="sign-village" />
                        </Form.Item>
                      </>
                    )}
                  </Card>
                )}
                {save.error && <ProblemAlert error={save.error} />}
                <Button type="primary" htmlType="submit" block loading={save.isPending}>{t('app.save')}</Button>
              </Form>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  )
}

function Applications() {
  const { t } = useTranslation('partners')
  const mobile = useIsMobile()
  const [stage, setStage] = useState<ApplicationStage | 'all'>('all')
  const [openId, setOpenId] = useState<string | null>(null)
  const q = { stage: stage === 'all' ? undefined : stage, pageSize: 100 }
  const list = useQuery({ queryKey: aroundKeys.applications(q), queryFn: () => fetchApplications(q) })
  const counts = list.data?.byStage ?? {}
  const total = Object.values(counts).reduce((a, n) => a + n, 0)
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ overflowX: 'auto' }}>
        <Segmented
          value={stage}
          onChange={(v) => setStage(v as ApplicationStage | 'all')}
          options={[{ value: 'all', label: `${t('app.all')} ${total}` }, ...APPLICATION_STAGES.map((s) => ({ value: s, label: `${t(`stages.${s}`)} ${counts[s] ?? 0}` }))]}
        />
      </div>
      {list.error && <ProblemAlert error={list.error} />}
      {mobile ? (
        <List<Application>
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('app.empty')} /> }}
          renderItem={(a) => (
            <List.Item onClick={() => setOpenId(a.id)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta title={<Space><span>{a.enterpriseName}</span><Tag color={STAGE_COLORS[a.stage]}>{t(`stages.${a.stage}`)}</Tag></Space>} description={`${a.opportunityTitle} · ${a.regionName ?? ''}`} />
            </List.Item>
          )}
        />
      ) : (
        <Table<Application>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('app.empty')} /> }}
          pagination={false}
          onRow={(a) => ({ onClick: () => setOpenId(a.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('app.enterprise'), dataIndex: 'enterpriseName' },
            { title: t('app.opportunity'), dataIndex: 'opportunityTitle' },
            { title: t('opp.region'), dataIndex: 'regionName', width: 140 },
            { title: t('opp.plannedJobs'), dataIndex: 'plannedJobs', width: 100, align: 'right' },
            { title: t('app.stage'), dataIndex: 'stage', width: 100, render: (s: string) => <Tag color={STAGE_COLORS[s]}>{t(`stages.${s}`)}</Tag> },
            { title: t('app.updated'), dataIndex: 'updatedAt', width: 120, render: (v: string) => v.slice(0, 10) },
          ]}
        />
      )}
      {openId && <ApplicationDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Space>
  )
}

export default function PartnersPage() {
  const { t } = useTranslation('partners')
  return (
    <Page title={t('menu')} intro={t('intro')} gap={8} tabs={[
      { key: 'opportunities', label: t('tabs.opportunities'), children: <Opportunities /> },
      { key: 'applications', label: t('tabs.applications'), children: <Applications /> },
    ]} />
  )
}

