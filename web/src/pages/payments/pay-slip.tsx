import { useState } from 'react'
import { App, Button, Card, Divider, Space, Tag } from 'antd'
import { PrinterOutlined, QuestionCircleOutlined, SoundOutlined, CheckOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { PaySlip } from '@gongfang/shared/payments'
import { formatCentifen, formatFen } from '@gongfang/shared/money'
import { chinaDate } from '@gongfang/shared/clock'
import { apiGet, apiSend } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { AskModal, speak } from '../home/worker-home'

// Elder-friendly: text at least 18 px, touch targets at least 48 px.
const BIG = { fontSize: 18 }
const BUTTON = { height: 52, fontSize: 18 }

/** What the read-aloud button says: the net pay first, then how and when it was paid. */
export function slipSpeech(s: PaySlip, t: (k: string, o?: Record<string, unknown>) => string): string {
  const net = formatFen(s.netFen, { symbol: '' })
  if (!s.paidOn) return t('slip.speechUnpaid', { month: Number(s.month.slice(5)), net, workshop: s.workshopName })
  return t(s.accountLast4 ? 'slip.speechBank' : 'slip.speechCash', { month: Number(s.month.slice(5)), net, date: s.paidOn, last4: s.accountLast4 })
}

function Slip({ s }: { s: PaySlip }) {
  const { t } = useTranslation('payments')
  const qc = useQueryClient()
  const { message } = App.useApp()
  const [asking, setAsking] = useState(false)
  const confirm = useMutation({
    mutationFn: () => apiSend<{ confirmedAt: string }>('POST', `/api/payslips/${s.paysheetLineId}/confirm`),
    onSuccess: () => {
      message.success(t('slip.confirmed'))
      void qc.invalidateQueries({ queryKey: ['payments', 'slips'] })
    },
  })
  const row = (label: string, value: React.ReactNode, strong = false) => (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, padding: '6px 0', ...BIG, fontWeight: strong ? 700 : 400 }}>
      <span>{label}</span>
      <span style={{ fontVariantNumeric: 'tabular-nums', textAlign: 'right' }}>{value}</span>
    </div>
  )
  return (
    <Card
      data-testid="pay-slip"
      title={<span style={{ fontSize: 20 }}>{t('slip.title', { month: s.month })}</span>}
      extra={<Tag color={s.paidOn ? 'green' : 'orange'} style={{ fontSize: 15 }}>{s.paidOn ? t('slip.paid') : t('slip.unpaid')}</Tag>}
      styles={{ body: { padding: 16 } }}
    >
      <div style={{ ...BIG, color: '#555' }}>{s.workshopName} · {s.workerName}</div>
      {row(t('slip.days'), t('slip.daysN', { n: s.daysWorked }))}
      <Divider style={{ margin: '8px 0' }} />
      {s.items.map((i) => row(`${i.product} ${i.goodQty} × ${formatCentifen(i.rateCentifen)}`, formatFen(i.amountFen)))}
      {row(t('slip.gross'), formatFen(s.grossFen))}
      {s.adjustments.map((a) => row(`${t('slip.adjustment')} ${a.workDate}${a.reason ? `（${a.reason}）` : ''}`, formatFen(a.amountFen)))}
      <Divider style={{ margin: '8px 0' }} />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <span style={{ fontSize: 20 }}>{t('slip.net')}</span>
        <span style={{ fontSize: 34, fontWeight: 700, color: '#b7312c' }} data-testid="slip-net">{formatFen(s.netFen)}</span>
      </div>
      {s.paidOn && (
        <div style={{ ...BIG, marginTop: 8 }} data-testid="slip-paid">
          {s.accountLast4 ? t('slip.paidBank', { date: s.paidOn, last4: s.accountLast4 }) : t('slip.paidCash', { date: s.paidOn })}
        </div>
      )}
      <ProblemAlert error={confirm.error} />
      <Space wrap style={{ marginTop: 12 }} className="no-print">
        <Button style={BUTTON} icon={<SoundOutlined />} onClick={() => speak(slipSpeech(s, t))} data-testid="slip-read">{t('slip.read')}</Button>
        {s.paidOn && !s.receiptConfirmedAt && (
          <Button style={BUTTON} type="primary" icon={<CheckOutlined />} loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="slip-confirm">{t('slip.confirm')}</Button>
        )}
        {s.receiptConfirmedAt && <Tag color="green" style={{ fontSize: 16, padding: '6px 10px' }} data-testid="slip-confirmed">{t('slip.confirmedOn', { date: chinaDate(new Date(s.receiptConfirmedAt)) })}</Tag>}
        <Button style={BUTTON} icon={<QuestionCircleOutlined />} onClick={() => setAsking(true)}>{t('slip.ask')}</Button>
        <Button style={BUTTON} icon={<PrinterOutlined />} onClick={() => window.print()}>{t('slip.print')}</Button>
      </Space>
      {asking && <AskModal month={s.month} onClose={() => setAsking(false)} />}
    </Card>
  )
}

/** The worker's slips of a month (one per workshop with a locked sheet); nothing while the month is open. */
export function PaySlips({ month }: { month: string }) {
  const q = useQuery({ queryKey: ['payments', 'slips', month], queryFn: () => apiGet<PaySlip[]>('/api/payslips', { month }) })
  return (
    <>
      <ProblemAlert error={q.error} />
      {(q.data ?? []).map((s) => <Slip key={s.paysheetLineId} s={s} />)}
    </>
  )
}
