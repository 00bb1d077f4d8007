import { useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Button, Card, DatePicker, Flex, Input, Segmented, Select, Space, Tabs, Tag } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ALERT_KINDS, COHORTS, type AlertKind, type Cohort, type IncomeAlert, type IncomeSummary, type IncomeWorker } from '@gongfang/shared/cockpit'
import { api, ok } from '../../api/client'
import { useExportJob } from '../../components/export-job'
import { Money } from '../../components/money'
import { CardTable } from '../../components/card-table'
import { ProblemAlert } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { useIsMobile } from '../../components/use-is-mobile'
import { defaultPeriod } from '../cockpit/api'
import { PageHeader } from '../../components/page-header'

function previousMonth(): string {
  return dayjs(`${defaultPeriod().to}-01`).subtract(1, 'month').format('YYYY-MM')
}

/** 收入监测: each worker's earnings against their baseline, by cohort, and who to follow up. */
export default function IncomePage() {
  const { t } = useTranslation('cockpit')
  // At province level the server stops counting at 10,000 (totalCapped): say "more than", not a false total.
  const countLabel = (n: number, capped?: boolean) => t(capped ? 'income.totalCapped' : 'income.total', { n: n.toLocaleString() })
  const mobile = useIsMobile()
  const def = defaultPeriod()
  const [region, setRegion] = useState<string | undefined>()
  const [period, setPeriod] = useState(def)
  const [cohort, setCohort] = useState<Cohort>('all')
  const [q, setQ] = useState<string>()
  const [page, setPage] = useState(1)
  const [alertMonth, setAlertMonth] = useState(previousMonth())
  const [kind, setKind] = useState<AlertKind | undefined>()
  const [alertPage, setAlertPage] = useState(1)

  const base = { region, from: period.from, to: period.to }
  const summary = useQuery({
    queryKey: ['income', 'summary', base],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/income/summary', { params: { query: base }, signal }).then(ok),
    placeholderData: keepPreviousData,
  })
  const workers = useQuery({
    queryKey: ['income', 'workers', base, cohort, q, page],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/income/workers', { params: { query: { ...base, cohort, q, page, pageSize: 20 } }, signal }).then(ok),
    placeholderData: keepPreviousData,
  })
  const alerts = useQuery({
    queryKey: ['income', 'alerts', region, alertMonth, kind, alertPage],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/income/alerts', { params: { query: { region, month: alertMonth, kind, page: alertPage, pageSize: 20 } }, signal }).then(ok),
    placeholderData: keepPreviousData,
  })
  // Income lists reach hundreds of thousands of workers at province level: exported as a server job with progress.
  const exportJob = useExportJob()

  const cohortTable = (
    <CardTable<IncomeSummary['cohorts'][number]>
      size="small"
      rowKey="cohort"
      pagination={false}
      loading={summary.isFetching}
      dataSource={summary.data?.cohorts ?? []}
      scroll={{ x: 720 }}
      columns={[
        { title: t('income.cohort'), dataIndex: 'cohort', render: (c: Cohort) => t(`income.cohorts.${c}`) },
        { title: t('income.employed'), dataIndex: 'workersEmployed', align: 'right' },
        { title: t('income.workerMonths'), dataIndex: 'activeWorkerMonths', align: 'right' },
        { title: t('income.wages'), dataIndex: 'wagesFen', align: 'right', render: (v: number) => <Money fen={v} /> },
        { title: t('income.avgMonthly'), dataIndex: 'avgMonthlyIncreaseFen', align: 'right', render: (v: number | null) => <Money fen={v} /> },
        { title: t('income.avgBaseline'), dataIndex: 'avgBaselineMonthlyFen', align: 'right', render: (v: number | null) => <Money fen={v} /> },
      ]}
    />
  )

  const workerTab = (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} justify="space-between">
        <Flex wrap gap={8} style={{ maxWidth: '100%' }}>
          {/* Five cohorts are wider than a 360 px phone: the control scrolls inside itself, not the page. */}
          <Segmented<Cohort>
            style={{ maxWidth: '100%', overflowX: 'auto' }}
            value={cohort}
            onChange={(v) => (setCohort(v), setPage(1))}
            options={COHORTS.map((c) => ({ value: c, label: t(`income.cohorts.${c}`) }))}
          />
          <Input.Search allowClear placeholder={t('income.search')} style={{ width: 160 }} onSearch={(v) => (setQ(v || undefined), setPage(1))} />
        </Flex>
        <Button icon={<DownloadOutlined />} onClick={() => exportJob.start('income-workers', { ...base, cohort, q })}>
          {t('income.exportWorkers')}
        </Button>
      </Flex>
      <CardTable<IncomeWorker>
        size="small"
        rowKey="id"
        loading={workers.isFetching}
        dataSource={workers.data?.items ?? []}
        scroll={{ x: 960 }}
        pagination={{ current: page, pageSize: 20, total: workers.data?.total ?? 0, onChange: setPage, showSizeChanger: false, simple: mobile, showTotal: (n) => countLabel(n, workers.data?.totalCapped) }}
        columns={[
          { title: t('name'), dataIndex: 'name', fixed: 'left', width: 90 },
          { title: t('income.region'), dataIndex: 'regionName', width: 130 },
          { title: t('income.age'), dataIndex: 'age', align: 'right', width: 60 },
          {
            title: t('income.flags'),
            key: 'flags',
            width: 120,
            render: (_, w) => (
              <>
                {w.lowIncome && <Tag color="orange">{t('income.lowIncome')}</Tag>}
                {w.disabled && <Tag color="blue">{t('income.disabled')}</Tag>}
              </>
            ),
          },
          { title: t('income.baseline'), dataIndex: 'baselineMonthlyFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.earnings'), dataIndex: 'earningsFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.activeMonths'), dataIndex: 'activeMonths', align: 'right' },
          { title: t('income.avgMonthly'), dataIndex: 'avgMonthlyEarningsFen', align: 'right', render: (v: number | null) => <Money fen={v} /> },
          { title: t('income.lastMonth'), dataIndex: 'lastMonthFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.increasePct'), dataIndex: 'increasePct', align: 'right', render: (v: number | null) => (v == null ? '—' : `${v}%`) },
        ]}
      />
    </Flex>
  )

  const alertTab = (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} justify="space-between">
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('income.month')}
            value={dayjs(`${alertMonth}-01`)}
            onChange={(v) => v && (setAlertMonth(v.format('YYYY-MM')), setAlertPage(1))}
          />
          <Select<AlertKind | 'all'>
            style={{ width: 200 }}
            value={kind ?? 'all'}
            onChange={(v) => (setKind(v === 'all' ? undefined : v), setAlertPage(1))}
            options={[{ value: 'all', label: t('income.allKinds') }, ...ALERT_KINDS.map((k) => ({ value: k, label: t(`income.kinds.${k}`) }))]}
          />
        </Space>
        <Button icon={<DownloadOutlined />} onClick={() => exportJob.start('income-alerts', { region, month: alertMonth, kind })}>
          {t('income.exportAlerts')}
        </Button>
      </Flex>
      <CardTable<IncomeAlert>
        size="small"
        rowKey={(a) => `${a.kind}-${a.workerId}`}
        loading={alerts.isFetching}
        dataSource={alerts.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: alertPage, pageSize: 20, total: alerts.data?.total ?? 0, onChange: setAlertPage, showSizeChanger: false, simple: mobile, showTotal: (n) => countLabel(n, alerts.data?.totalCapped) }}
        columns={[
          { title: t('income.kind'), dataIndex: 'kind', width: 170, render: (k: AlertKind) => <Tag color={k === 'no_work_2m' ? 'red' : 'gold'}>{t(`income.kinds.${k}`)}</Tag> },
          { title: t('name'), dataIndex: 'name', width: 90 },
          { title: t('income.region'), dataIndex: 'regionName', width: 130 },
          { title: t('income.phone'), dataIndex: 'phone', width: 120 },
          { title: t('income.baseline'), dataIndex: 'baselineMonthlyFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.monthFen'), dataIndex: 'monthFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.lastActive'), dataIndex: 'lastActiveMonth', width: 110 },
        ]}
      />
    </Flex>
  )

  return (
    <Flex vertical gap={12}>
      {exportJob.modal}
      <PageHeader
        title={t('income.title')}
        extra={<>
          <RegionPicker value={region} onChange={(v) => (setRegion(v), setPage(1), setAlertPage(1))} allowClear />
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={[dayjs(`${period.from}-01`), dayjs(`${period.to}-01`)]}
            onChange={(v) => v?.[0] && v[1] && (setPeriod({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') }), setPage(1))}
          />
        </>}
      />
      {summary.error || workers.error || alerts.error ? <ProblemAlert error={summary.error ?? workers.error ?? alerts.error} /> : null}
      <Card size="small">{cohortTable}</Card>
      <Card size="small">
        <Tabs
          items={[
            { key: 'workers', label: t('income.workers'), children: workerTab },
            { key: 'alerts', label: `${t('income.alerts')}${alerts.data ? ` (${alerts.data.total.toLocaleString()}${alerts.data.totalCapped ? '+' : ''})` : ''}`, children: alertTab },
          ]}
        />
      </Card>
    </Flex>
  )
}
