import { useState } from 'react'
import { App, Button, DatePicker, Drawer, Form, Input, List, Select, Space, Tag } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { thisYear } from '@gongfang/shared/clock'
import dayjs from 'dayjs'
import { INCOME_KINDS, type CollectiveIncome, type IncomeKind } from '@gongfang/shared/collective'
import { useMe } from '../../api/client'
import { aroundKeys, bookIncome, fetchCollectiveOptions, fetchIncomeSources, fetchIncomes, todayCn, yuanToFen } from '../../api/around'
import { EmptyState } from '../../components/empty-state'
import { Money, formatFen } from '../../components/money'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { Page } from '../../components/page'
import { StatCards } from '../../components/stat-cards'
import { PagedList, PagedTable, usePagedQuery } from '../../components/paged-table'

const KIND_COLORS: Record<string, string> = { rent: 'blue', management_fee: 'gold', dividend: 'green', other: 'default' }

function BookIncomeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('collective')
  const { message } = App.useApp()
  const me = useMe().data
  const qc = useQueryClient()
  const [form] = Form.useForm()
  // A collective's own account books for its collective; staff pick one.
  const isCollective = !!me?.collectiveId
  const collectiveId = Form.useWatch('collectiveId', form) as string | undefined
  const options = useQuery({ queryKey: aroundKeys.collectives, queryFn: fetchCollectiveOptions, enabled: !isCollective })
  const sources = useQuery({
    queryKey: aroundKeys.sources(collectiveId),
    queryFn: () => fetchIncomeSources(collectiveId),
    enabled: isCollective || !!collectiveId,
  })
  const book = useMutation({
    mutationFn: (v: Record<string, string | undefined>) =>
      bookIncome({
        collectiveId: isCollective ? undefined : v.collectiveId,
        kind: v.kind as never,
        amountFen: yuanToFen(v.amount)!,
        incomeDate: v.incomeDate ? dayjs(v.incomeDate).format('YYYY-MM-DD') : todayCn(),
        period: v.period || undefined,
        sourceWorkshopId: v.sourceWorkshopId || undefined,
        sourceEnterpriseId: v.sourceEnterpriseId || undefined,
        note: v.note || undefined,
      }),
    onSuccess: async () => {
      message.success(t('income.booked'))
      await qc.invalidateQueries({ queryKey: ['around', 'incomes'] })
      form.resetFields()
      onDone()
    },
    onError: (e) => applyFieldErrors(form, e),
  })
  return (
    <Form form={form} layout="vertical" onFinish={(v) => book.mutate(v)} initialValues={{ kind: 'rent', incomeDate: dayjs() }} data-testid="income-form">
      {!isCollective && (
        <Form.Item name="collectiveId" label={t('income.collective')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" loading={options.isPending} options={(options.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('income.kind')} rules={[{ required: true }]}>
        <Select options={INCOME_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('income.amount')}
        rules={[{ required: true, validator: async (_, v) => { if (yuanToFen(v) === null || yuanToFen(v) === 0) throw new Error(t('income.amountInvalid')) } }]}
      >
        <Input inputMode="decimal" prefix="¥" placeholder="36000.00" />
      </Form.Item>
      <Form.Item name="incomeDate" label={t('income.date')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="period" label={t('income.period')} extra={t('income.periodHint')}>
        <Input placeholder="2025" />
      </Form.Item>
      <Form.Item name="sourceWorkshopId" label={t('income.sourceWorkshop')}>
        <Select allowClear options={(sources.data?.workshops ?? []).map((w) => ({ value: w.id, label: w.name }))} />
      </Form.Item>
      <Form.Item name="sourceEnterpriseId" label={t('income.sourceEnterprise')}>
        <Select allowClear options={(sources.data?.enterprises ?? []).map((w) => ({ value: w.id, label: w.name }))} />
      </Form.Item>
      <Form.Item name="note" label={t('income.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {book.error && <ProblemAlert error={book.error} />}
      <Button type="primary" htmlType="submit" block size="large" loading={book.isPending} style={{ marginTop: 12 }}>
        {t('common:actions.save')}
      </Button>
    </Form>
  )
}

export default function CollectiveIncomePage() {
  const { t } = useTranslation('collective')
  const mobile = useIsMobile()
  const [open, setOpen] = useState(false)
  const list = usePagedQuery({
    key: aroundKeys.incomes,
    filters: { kind: undefined as IncomeKind | undefined, from: undefined as string | undefined, to: undefined as string | undefined },
    fetch: (q) => fetchIncomes(q),
  })
  const { kind, from, to } = list.filters
  const setRange = (range: [string, string] | null) => list.patchFilters({ from: range?.[0], to: range?.[1] })
  const data = list.q.data
  const empty = <EmptyState description={t('income.empty')} />
  return (
    <Page
      title={t('income.title')}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="book-income">{t('income.book')}</Button>}
      gap={16}
    >
      <StatCards md={6} items={[
        { title: t('income.total'), value: formatFen(data?.sumFen ?? 0), testId: 'income-sum' },
        ...(['rent', 'management_fee', 'dividend'] as const).map((k) => ({ key: k, title: t(`kinds.${k}`), value: formatFen(data?.byKind[k] ?? 0) })),
      ]} />
      <Space wrap>
        <Select allowClear placeholder={t('income.kind')} style={{ width: 140 }} value={kind} onChange={(v) => list.setFilter('kind', v)} options={INCOME_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        <Select
          allowClear
          placeholder={t('income.year')}
          style={{ width: 110 }}
          value={from && to && from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31` ? from.slice(0, 4) : undefined}
          onChange={(y?: string) => setRange(y ? [`${y}-01-01`, `${y}-12-31`] : null)}
          options={[0, 1, 2].map((k) => String(thisYear() - k)).map((y) => ({ value: y, label: y }))}
          data-testid="income-year"
        />
        <DatePicker.RangePicker
          inputReadOnly
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          placeholder={[t('income.from'), t('income.to')]}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null)}
        />
      </Space>
      {list.q.error && <ProblemAlert error={list.q.error} onRetry={() => list.q.refetch()} />}
      {mobile ? (
        <PagedList<CollectiveIncome>
          list={list}
          emptyText={empty}
          renderItem={(i) => (
            <List.Item>
              <List.Item.Meta
                title={<Space><Tag color={KIND_COLORS[i.kind]}>{t(`kinds.${i.kind}`)}</Tag><Money fen={i.amountFen} /></Space>}
                description={`${i.incomeDate}${i.period ? ` · ${i.period}` : ''}${i.sourceWorkshopName ? ` · ${i.sourceWorkshopName}` : ''}${i.note ? ` · ${i.note}` : ''}`}
              />
            </List.Item>
          )}
        />
      ) : (
        <PagedTable<CollectiveIncome>
          list={list}
          size="middle"
          locale={{ emptyText: empty }}
          columns={[
            { title: t('income.date'), dataIndex: 'incomeDate', width: 120 },
            { title: t('income.collective'), dataIndex: 'collectiveName' },
            { title: t('income.kind'), dataIndex: 'kind', width: 110, render: (k: string) => <Tag color={KIND_COLORS[k]}>{t(`kinds.${k}`)}</Tag> },
            { title: t('income.amount'), dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            { title: t('income.period'), dataIndex: 'period', width: 100 },
            { title: t('income.sourceWorkshop'), dataIndex: 'sourceWorkshopName' },
            { title: t('income.note'), dataIndex: 'note', ellipsis: true },
          ]}
        />
      )}
      <Drawer open={open} onClose={() => setOpen(false)} title={t('income.book')} size={mobile ? '100%' : 480} placement={mobile ? 'bottom' : 'right'} destroyOnHidden>
        <BookIncomeForm onDone={() => setOpen(false)} />
      </Drawer>
    </Page>
  )
}
