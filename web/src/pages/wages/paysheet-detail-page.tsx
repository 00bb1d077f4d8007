import { useState } from 'react'
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Select, Tag, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useRouteRecord } from '../../api/use-route-record'
import { useTranslation } from 'react-i18next'
import type { PaysheetLine } from '@gongfang/shared'
import { decidePaysheet, exportPaysheet, fetchPaysheet, lockPaysheet, payPaysheet, verifyPaysheet, wagesKeys } from '../../api/wages'
import { api, download, useCan } from '../../api/client'
import { Money } from '../../components/money'
import { STATUS_COLOR } from './paysheets-page'
import { todayCn } from './use-online'
import { CardTable, ListTable } from '../../components/card-table'
import { Page } from '../../components/page'
import { PaysheetDeductions } from './paysheet-deductions'

export default function PaysheetDetailPage() {
  const { t } = useTranslation('wages')
  const { message } = App.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { id, q: sheet } = useRouteRecord(wagesKeys.paysheet, fetchPaysheet)
  const [payOpen, setPayOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm()
  const s = sheet.data
  const can = useCan()
  const canWrite = can('paysheets.write')

  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    setBusy(true)
    try {
      const r = await fn()
      if (r && typeof r === 'object' && 'id' in r) qc.setQueryData(wagesKeys.paysheet(id), r)
      void qc.invalidateQueries({ queryKey: ['wages', 'paysheets'] })
      if (ok) message.success(ok)
      return true
    } catch (e) {
      message.error((e as Error).message)
      return false
    } finally {
      setBusy(false)
    }
  }

  if (!s) return <Card loading />
  return (
    <Page
      title={<>{s.workshopName} · {s.month} <Tag color={STATUS_COLOR[s.status]} data-testid="sheet-status">{t(`paysheets.states.${s.status}`)}</Tag></>}
      extra={<>
        <Button onClick={() => navigate('/paysheets')}>{t('paysheets.back')}</Button>
        {canWrite && s.status === 'draft' && (
          <Popconfirm title={t('paysheets.lockConfirm')} onConfirm={() => run(() => lockPaysheet(id), t('paysheets.locked'))}>
            <Button type="primary" danger loading={busy} data-testid="lock-sheet">{t('paysheets.lock')}</Button>
          </Popconfirm>
        )}
        {can('paysheets.approve') && s.status === 'submitted' && (
          <>
            <Button type="primary" loading={busy} onClick={() => run(() => decidePaysheet(id, 'approve'), t('paysheets.locked'))} data-testid="approve-sheet">{t('paysheets.approve')}</Button>
            <Button loading={busy} onClick={() => run(() => decidePaysheet(id, 'reject'))}>{t('paysheets.reject')}</Button>
          </>
        )}
        {canWrite && s.status === 'locked' && (
          <Button type="primary" onClick={() => setPayOpen(true)} data-testid="pay-sheet">{t('paysheets.pay')}</Button>
        )}
        <Button onClick={() => navigate(`/paysheets/${id}/print`)} data-testid="print-sheet">{t('paysheets.print')}</Button>
        <Button onClick={() => run(() => exportPaysheet(id))}>{t('paysheets.export')}</Button>
        {canWrite && (s.status === 'locked' || s.status === 'paid') && (
          <>
            <Button onClick={() => run(() => download(api.GET('/paysheets/{id}/ledger.xlsx', { params: { path: { id } }, parseAs: 'blob' }), 'ledger.xlsx'))} data-testid="ledger">{t('payments:ledger')}</Button>
            <Button onClick={() => navigate('/payments')}>{t('payments:menu')}</Button>
          </>
        )}
        {(s.status === 'locked' || s.status === 'paid') && (
          <Button
            onClick={async () => {
              const v = await verifyPaysheet(id)
              if (v.valid) message.success(t('paysheets.verifyOk'))
              else message.error(t('paysheets.verifyBad', { reason: v.reason }))
            }}
          >
            {t('paysheets.verify')}
          </Button>
        )}
      </>}
    >
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            { key: 'w', label: t('paysheets.workers'), children: s.workerCount },
            { key: 'p', label: t('paysheets.pieces'), children: s.goodQty },
            { key: 'g', label: t('paysheets.gross'), children: <Money fen={s.grossFen} /> },
            { key: 'a', label: t('paysheets.adjustments'), children: <Money fen={s.adjustmentsFen} /> },
            { key: 'd', label: t('paysheets.deductions'), children: <Money fen={-s.deductionsFen} /> },
            { key: 't', label: t('paysheets.total'), children: <strong data-testid="sheet-total"><Money fen={s.totalFen} /></strong> },
            { key: 'words', label: t('paysheets.totalWords'), children: s.totalInWords, span: 2 },
            ...(s.hash ? [{ key: 'h', label: t('paysheets.hash'), children: <Typography.Text code copyable={{ text: s.hash }}>{s.hash.slice(0, 16)}…</Typography.Text> }] : []),
          ]}
        />
      </Card>
      <CardTable<PaysheetLine>
        rowKey="workerId"
        size="middle"
        scroll={{ x: 800 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={s.lines}
        columns={[
          { title: t('paysheets.name'), dataIndex: 'workerName' },
          { title: t('paysheets.idNumber'), dataIndex: 'idNumberMasked' },
          { title: t('paysheets.pieces'), dataIndex: 'goodQty', align: 'right' },
          { title: t('daySheet.rejected'), dataIndex: 'rejectedQty', align: 'right' },
          { title: t('paysheets.gross'), dataIndex: 'grossFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('paysheets.adjustments'), dataIndex: 'adjustmentsFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: t('paysheets.deductions'), dataIndex: 'deductionsFen', align: 'right', render: (v: number) => <Money fen={-v} /> },
          { title: t('paysheets.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          {
            title: t('paysheets.paidOn'),
            dataIndex: 'paidOn',
            render: (v: string | null, l) => (v ? <Tag color="green">{v} {l.payMethod ? t(`paysheets.methods.${l.payMethod}`) : ''}</Tag> : s.status === 'locked' ? <Tag>{t('paysheets.unpaid')}</Tag> : '—'),
          },
        ]}
      />
      <PaysheetDeductions sheet={s} canWrite={can('paysheets.deductions.write')} canApprove={can('paysheets.deductions.approve')} run={run} />
      {s.adjustments.length > 0 && (
        <Card size="small" title={t('paysheets.adjustmentList')}>
          <ListTable
            rowKey="workRecordId"
            dataSource={s.adjustments}
            columns={[
              { title: t('paysheets.name'), dataIndex: 'workerName' },
              { title: t('paysheets.workDate'), dataIndex: 'workDate' },
              { title: t('paysheets.originalLine'), dataIndex: 'originalRecordId', render: (v: number | null) => (v ? `#${v}` : '—') },
              { title: t('paysheets.adjustments'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
            ]}
          />
        </Card>
      )}
      <Modal
        open={payOpen}
        title={t('paysheets.pay')}
        onCancel={() => setPayOpen(false)}
        okButtonProps={{ loading: busy }}
        onOk={async () => {
          const v = await form.validateFields()
          const ok = await run(() => payPaysheet(id, { paidOn: v.paidOn.format('YYYY-MM-DD'), method: v.method, reference: v.reference || undefined }), t('paysheets.paid'))
          if (ok) setPayOpen(false)
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ method: 'bank' }}>
          <Form.Item name="paidOn" label={t('paysheets.paidOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} maxDate={undefined} placeholder={todayCn()} />
          </Form.Item>
          <Form.Item name="method" label={t('paysheets.method')} rules={[{ required: true }]}>
            <Select options={(['bank', 'cash', 'wechat', 'alipay', 'other'] as const).map((m) => ({ value: m, label: t(`paysheets.methods.${m}`) }))} />
          </Form.Item>
          <Form.Item name="reference" label={t('paysheets.reference')}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  )
}
