import { useState } from 'react'
import { Alert, Card, Descriptions } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Reconciliation } from '@gongfang/shared/payments'
import { fetchReconciliation, paymentKeys } from '../../api/payments'
import { DateInput } from '../../components/date-input'
import { Money } from '../../components/money'
import { todayCn } from '../wages/use-online'

/** Σ paid + Σ failed + Σ unpaid against Σ net, with whether it balances. */
export function ReconciliationFigures({ r }: { r: Reconciliation }) {
  const { t } = useTranslation('payments')
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('net')}><Money fen={r.netFen} /></Descriptions.Item>
        <Descriptions.Item label={t('paid')}><span data-testid="rec-paid"><Money fen={r.paidFen} /></span> ({r.paidLines})</Descriptions.Item>
        <Descriptions.Item label={t('failed')}><Money fen={r.failedFen} /> ({r.failedLines})</Descriptions.Item>
        <Descriptions.Item label={t('unpaid')}><Money fen={r.unpaidFen} /> ({r.unpaidLines})</Descriptions.Item>
      </Descriptions>
      <Alert style={{ marginTop: 8 }} type={r.balanced ? 'success' : 'error'} title={r.balanced ? t('balanced') : t('unbalanced')} showIcon />
    </>
  )
}

const lastMonth = () => {
  const [y, m] = todayCn().split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** A month's reconciliation over the locked sheets the caller sees. */
export function ReconciliationCard() {
  const { t } = useTranslation('payments')
  const [month, setMonth] = useState(lastMonth())
  const q = useQuery({ queryKey: paymentKeys.reconciliation(month), queryFn: () => fetchReconciliation(month) })
  return (
    <Card size="small" title={t('reconciliation')} extra={<DateInput picker="month" aria-label={t('month')} value={month} onChange={(v) => v && setMonth(v)} style={{ width: 140 }} />}>
      {q.data && <ReconciliationFigures r={q.data} />}
    </Card>
  )
}
