import { useState } from 'react'
import { App, Button, Card, Select, Space, Tag } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PaysheetSummary } from '@gongfang/shared'
import { useCan, type QueryOf } from '../../api/client'
import { fetchPaysheets, fetchRecordableWorkshops, openPaysheet, wagesKeys } from '../../api/wages'
import { Money } from '../../components/money'
import { todayCn } from './use-online'
import { ApprovalRulesCard } from './approval-rules-card'
import { DateInput } from '../../components/date-input'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import { Page } from '../../components/page'

export const STATUS_COLOR = { draft: 'default', submitted: 'purple', locked: 'orange', paid: 'green' } as const

const lastMonth = () => {
  const [y, m] = todayCn().split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

export default function PaysheetsPage() {
  const { t } = useTranslation('wages')
  const { message } = App.useApp()
  const navigate = useNavigate()
  const can = useCan()
  const [openMonth, setOpenMonth] = useState(lastMonth())
  const list = usePagedQuery({
    key: wagesKeys.paysheetLists,
    filters: { status: undefined as QueryOf<'/paysheets'>['status'], month: undefined as string | undefined, workshopId: undefined as string | undefined },
    fetch: (query) => fetchPaysheets(query),
  })
  const { status, month, workshopId } = list.filters
  const workshops = useQuery({ queryKey: wagesKeys.workshops, queryFn: fetchRecordableWorkshops, enabled: can('paysheets.write') })

  const open = async () => {
    const ws = workshopId ?? workshops.data?.[0]?.id
    if (!ws) return
    try {
      const s = await openPaysheet(ws, openMonth)
      navigate(`/paysheets/${s.id}`)
    } catch (e) {
      message.error((e as Error).message)
    }
  }

  return (
    <Page title={t('paysheets.title')}>
      <Card size="small">
        <Space wrap>
          {workshops.data && workshops.data.length > 1 && (
            <Select allowClear placeholder={t('paysheets.workshop')} style={{ minWidth: 200 }} value={workshopId} onChange={(v) => list.setFilter('workshopId', v)} options={workshops.data.map((w) => ({ value: w.id, label: w.name }))} />
          )}
          <DateInput picker="month" allowClear aria-label={t('paysheets.month')} value={month} onChange={(v) => list.setFilter('month', v)} style={{ width: 160 }} />
          <Select
            allowClear
            placeholder={t('paysheets.status')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => list.setFilter('status', v)}
            options={(['draft', 'submitted', 'locked', 'paid'] as const).map((s) => ({ value: s, label: t(`paysheets.states.${s}`) }))}
          />
          {can('paysheets.write') && (
            <Space.Compact>
              <DateInput picker="month" aria-label={t('paysheets.open')} value={openMonth} onChange={(v) => v && setOpenMonth(v)} style={{ width: 150 }} />
              <Button type="primary" onClick={open} disabled={!workshops.data?.length} loading={workshops.isPending} data-testid="open-month">{t('paysheets.open')}</Button>
            </Space.Compact>
          )}
        </Space>
      </Card>
      <PagedTable<PaysheetSummary>
        list={list}
        cards
        size="middle"
        scroll={{ x: 760 }}
        onRow={(r) => ({ onClick: () => navigate(`/paysheets/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('paysheets.month'), dataIndex: 'month', width: 100 },
          { title: t('paysheets.workshop'), dataIndex: 'workshopName' },
          { title: t('paysheets.status'), dataIndex: 'status', width: 140, render: (s: PaysheetSummary['status']) => <Tag color={STATUS_COLOR[s]}>{t(`paysheets.states.${s}`)}</Tag> },
          { title: t('paysheets.workers'), dataIndex: 'workerCount', align: 'right', width: 80 },
          { title: t('paysheets.pieces'), dataIndex: 'goodQty', align: 'right', width: 100 },
          { title: t('paysheets.adjustments'), dataIndex: 'adjustmentsFen', align: 'right', width: 110, render: (v: number) => <Money fen={v} /> },
          { title: t('paysheets.total'), dataIndex: 'totalFen', align: 'right', width: 130, render: (v: number) => <Money fen={v} /> },
        ]}
      />
      {can('paysheets.approval-rules') && <ApprovalRulesCard />}
    </Page>
  )
}
