import { useState } from 'react'
import { Card, Empty, List, Space, Spin, Tag } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { fetchEarnings, wagesKeys } from '../../api/wages'
import { fenText } from './use-online'
import { PaySlips } from '../payments/pay-slip'
import { PageHeader } from '../../components/page-header'

const STATUS_COLOR = { none: 'default', draft: 'default', locked: 'orange', paid: 'green' } as const

/** The worker's own page: large text, Chinese first, money by month and by day. */
export default function MyWagesPage() {
  const { t } = useTranslation('wages')
  const [month, setMonth] = useState<string>()
  const q = useQuery({ queryKey: wagesKeys.earnings(month), queryFn: () => fetchEarnings(month) })
  const e = q.data
  if (q.isLoading) return <Spin />
  if (!e || e.months.length === 0) return <Empty description={t('my.empty')} />
  const focus = month ?? e.months[0]!.month
  const current = e.months.find((m) => m.month === focus)
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 560, fontSize: 18 }} data-testid="my-wages">
      <PageHeader large title={`${t('my.title')} · ${e.workerName}`} />
      {current && (
        <Card styles={{ body: { padding: 20 } }} style={{ background: '#fff7f0', borderColor: '#f3c9a9' }}>
          <div style={{ fontSize: 18 }}>{t('my.thisMonth', { month: focus })}</div>
          <div style={{ fontSize: 40, fontWeight: 700, color: '#b7312c', lineHeight: 1.3 }} data-testid="month-amount">{fenText(current.netFen)}</div>
          <Space size={12} wrap style={{ fontSize: 18 }}>
            <span>{t('my.days', { n: current.days })}</span>
            <span>{t('my.pieces', { n: current.goodQty })}</span>
            <Tag color={STATUS_COLOR[current.payStatus]} style={{ fontSize: 16, padding: '2px 8px' }} data-testid="month-status">
              {current.payStatus === 'paid' && current.paidOn ? t('my.paidOn', { date: current.paidOn }) : t(`my.status.${current.payStatus}`)}
            </Tag>
          </Space>
        </Card>
      )}
      {current && (current.payStatus === 'locked' || current.payStatus === 'paid') && <PaySlips month={focus} />}
      <Card title={<span style={{ fontSize: 20 }}>{t('my.byMonth')}</span>} styles={{ body: { padding: 0 } }}>
        <List
          dataSource={e.months}
          renderItem={(m) => (
            <List.Item
              onClick={() => setMonth(m.month)}
              style={{ padding: '14px 16px', cursor: 'pointer', background: m.month === focus ? '#fafafa' : undefined, fontSize: 18 }}
              data-testid="month-row"
              data-month={m.month}
            >
              <span style={{ minWidth: 90 }}>{m.month}</span>
              <Tag color={STATUS_COLOR[m.payStatus]} style={{ fontSize: 15 }}>{t(`my.status.${m.payStatus}`)}</Tag>
              <strong style={{ fontSize: 20 }}>{fenText(m.netFen)}</strong>
            </List.Item>
          )}
        />
      </Card>
      <Card title={<span style={{ fontSize: 20 }}>{t('my.byDay')} · {focus}</span>} styles={{ body: { padding: 0 } }}>
        <List
          dataSource={e.days}
          renderItem={(d) => (
            <List.Item style={{ padding: '12px 16px', fontSize: 18 }}>
              <span>{d.date.slice(5)}</span>
              <span>{t('my.pieces', { n: d.goodQty })}</span>
              <strong>{fenText(d.amountFen)}</strong>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  )
}
