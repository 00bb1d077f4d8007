import { useEffect, useState } from 'react'
import { Card, Select, Space } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { IncomeReport } from '@gongfang/shared'
import { fetchIncome, fetchRecordableWorkshops, wagesKeys } from '../../api/wages'
import { Money } from '../../components/money'
import { todayCn } from './use-online'
import { DateInput } from '../../components/date-input'
import { CardTable } from '../../components/card-table'
import { Page } from '../../components/page'

type Row = IncomeReport['months'][number]

const monthsAgo = (n: number) => {
  const [y, m] = todayCn().split('-').map(Number) as [number, number]
  const i = y * 12 + m - 1 - n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

/** The operator's month: what the workshop earned from accepted pieces vs the wages it owes and paid. */
export default function IncomePage() {
  const { t } = useTranslation('wages')
  const workshops = useQuery({ queryKey: wagesKeys.workshops, queryFn: fetchRecordableWorkshops })
  const [workshopId, setWorkshopId] = useState<string>()
  const [from, setFrom] = useState(monthsAgo(11))
  const [to, setTo] = useState(monthsAgo(0))
  useEffect(() => {
    if (!workshopId && workshops.data?.[0]) setWorkshopId(workshops.data[0].id)
  }, [workshops.data, workshopId])
  const income = useQuery({ queryKey: wagesKeys.income(workshopId ?? '', from, to), queryFn: () => fetchIncome(workshopId!, from, to), enabled: !!workshopId })
  return (
    <Page title={t('income.title')}>
      <Card size="small">
        <Space wrap>
          <Select style={{ minWidth: 220 }} value={workshopId} onChange={setWorkshopId} options={(workshops.data ?? []).map((w) => ({ value: w.id, label: w.name }))} />
          <DateInput picker="month" value={from} onChange={(v) => v && setFrom(v)} style={{ width: 150 }} />
          <DateInput picker="month" value={to} onChange={(v) => v && setTo(v)} style={{ width: 150 }} />
        </Space>
      </Card>
      <CardTable<Row>
        rowKey="month"
        size="middle"
        scroll={{ x: 720 }}
        loading={income.isLoading}
        dataSource={income.data?.months.slice().reverse()}
        pagination={false}
        columns={[
          { title: t('income.month'), dataIndex: 'month' },
          { title: t('income.accepted'), dataIndex: 'acceptedQty', align: 'right' },
          { title: t('income.income'), dataIndex: 'incomeFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.source'), dataIndex: 'incomeSource', render: (v: Row['incomeSource']) => t(`income.sources.${v}`) },
          { title: t('income.wages'), dataIndex: 'wagesFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.paid'), dataIndex: 'wagesPaidFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('income.margin'), key: 'margin', align: 'right', render: (_, r) => <Money fen={r.incomeFen - r.wagesFen} /> },
        ]}
      />
    </Page>
  )
}
