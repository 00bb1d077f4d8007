import { useState } from 'react'
import { App, Button, Card, Divider, Space, Tag } from 'antd'
import { PrinterOutlined, QuestionCircleOutlined, SoundOutlined, CheckOutlined, ShareAltOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { PaySlip } from '@gongfang/shared/payments'
import { formatCentifen, formatFen } from '@gongfang/shared/money'
import { chinaDate } from '@gongfang/shared/clock'
import { api, ok } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { speak } from '../home/worker-home'
import { AskModal } from '../home/ask-modal'
import { deductionLabel } from '../wages/paysheet-deductions'
import { drawSlip, shareOrDownload } from './slip-image'

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
  const { t, i18n } = useTranslation('payments')
  const qc = useQueryClient()
  const [imaging, setImaging] = useState(false)
  const { message } = App.useApp()
  const [asking, setAsking] = useState(false)
  const confirm = useMutation({
    mutationFn: () => api.POST('/payslips/{lineId}/confirm', { params: { path: { lineId: s.paysheetLineId } } }).then(ok),
    onSuccess: () => {
      message.success(t('slip.confirmed'))
      void qc.invalidateQueries({ queryKey: ['payments', 'slips'] })
    },
  })
  // One list of rows for the card and the image, so the picture never says something the slip does not.
  const rows = [
    { label: t('slip.days'), value: t('slip.daysN', { n: s.daysWorked }) },
    ...s.items.map((i) => ({ label: `${i.product} ${i.goodQty} × ${formatCentifen(i.rateCentifen)}`, value: formatFen(i.amountFen) })),
    { label: t('slip.gross'), value: formatFen(s.grossFen) },
    ...s.adjustments.map((a) => ({ label: `${t('slip.adjustment')} ${a.workDate}${a.reason ? `（${a.reason}）` : ''}`, value: formatFen(a.amountFen) })),
    ...s.deductions.map((d) => ({ label: `${t('slip.deduction')}：${deductionLabel(d.code, i18n.language)}（${d.reason}）`, value: formatFen(-d.amountFen) })),
  ]
  const paidText = s.paidOn ? (s.accountLast4 ? t('slip.paidBank', { date: s.paidOn, last4: s.accountLast4 }) : t('slip.paidCash', { date: s.paidOn })) : t('slip.unpaid')
  const saveImage = async () => {
    setImaging(true)
    try {
      const blob = await drawSlip({ title: t('slip.title', { month: s.month }), subtitle: `${s.workshopName} · ${s.workerName}`, rows, netLabel: t('slip.net'), net: formatFen(s.netFen), footer: [paidText] })
      const how = await shareOrDownload(blob, `${t('slip.title', { month: s.month })}-${s.workshopName}.png`.replace(/\s+/g, ''), t('slip.title', { month: s.month }))
      if (how === 'downloaded') message.success(t('slip.imageSaved'))
    } catch {
      message.error(t('slip.imageFailed'))
    } finally {
      setImaging(false)
    }
  }
  const row = (label: string, value: React.ReactNode, strong = false) => (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, padding: '6px 0', ...BIG, fontWeight: strong ? 700 : 400 }}>
      <span>{label}</span>
      <span style={{ fontVariantNumeric: 'tabular-nums', textAlign: 'right', whiteSpace: 'nowrap' }}>{value}</span>
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
      {row(rows[0]!.label, rows[0]!.value)}
      <Divider style={{ margin: '8px 0' }} />
      {rows.slice(1).map((r, i) => <div key={i}>{row(r.label, r.value)}</div>)}
      <Divider style={{ margin: '8px 0' }} />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <span style={{ fontSize: 20 }}>{t('slip.net')}</span>
        <span style={{ fontSize: 34, fontWeight: 700, color: '#b7312c' }} data-testid="slip-net">{formatFen(s.netFen)}</span>
      </div>
      {s.paidOn && (
        <div style={{ ...BIG, marginTop: 8 }} data-testid="slip-paid">
          {paidText}
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
        <Button style={BUTTON} icon={<ShareAltOutlined />} loading={imaging} onClick={() => void saveImage()} data-testid="slip-image">{t('slip.saveImage')}/{t('slip.share')}</Button>
      </Space>
      {asking && <AskModal month={s.month} onClose={() => setAsking(false)} />}
    </Card>
  )
}

/** The worker's slips of a month (one per workshop with a locked sheet); nothing while the month is open. */
export function PaySlips({ month }: { month: string }) {
  const q = useQuery({ queryKey: ['payments', 'slips', month], queryFn: () => api.GET('/payslips', { params: { query: { month } } }).then(ok) })
  return (
    <>
      <ProblemAlert error={q.error} />
      {(q.data ?? []).map((s) => <Slip key={s.paysheetLineId} s={s} />)}
    </>
  )
}
