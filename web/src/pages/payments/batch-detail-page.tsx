import { useState } from 'react'
import { useParams } from 'react-router'
import { App, Alert, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Typography, Upload } from 'antd'
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { PaymentLine } from '@gongfang/shared/payments'
import { downloadBankFile, fetchBatch, fetchTemplates, payCash, paymentKeys, uploadReturn, type BankReturnResult } from '../../api/payments'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import { DateInput } from '../../components/date-input'
import { Money } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import { todayCn } from '../wages/use-online'
import { BATCH_COLOR } from './batches-page'
import { ReconciliationFigures } from './reconciliation'
import { PageHeader } from '../../components/page-header'

const LINE_COLOR = { pending: 'default', paid: 'green', failed: 'red' } as const

export default function BatchDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation('payments')
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [template, setTemplate] = useState('generic-xlsx')
  const [selected, setSelected] = useState<number[]>([])
  const [cashOpen, setCashOpen] = useState(false)
  const [result, setResult] = useState<BankReturnResult | null>(null)
  // The batch with one page of its lines: paged as a list of them.
  const batch = usePagedQuery({
    key: paymentKeys.batch(id),
    filters: {},
    pageSize: 50,
    fetch: (q) => fetchBatch(id, q).then((b) => ({ ...b, items: b.lines, total: b.lineCount })),
  })
  const templates = useQuery({ queryKey: paymentKeys.templates, queryFn: fetchTemplates, staleTime: Infinity })
  const refresh = () => qc.invalidateQueries({ queryKey: paymentKeys.all })
  const download = useMutation({ mutationFn: () => downloadBankFile(id, template) })
  const upload = useMutation({
    mutationFn: (f: File) => uploadReturn(id, f),
    onSuccess: (r) => {
      setResult(r)
      void refresh()
    },
  })
  const cash = useMutation({
    mutationFn: (v: { paidOn: string; signedBy: string }) => payCash(id, { lineIds: selected, ...v }),
    onSuccess: () => {
      setCashOpen(false)
      setSelected([])
      message.success(t('cashDone'))
      void refresh()
    },
  })
  const b = batch.q.data
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <ProblemAlert error={batch.q.error} />
      {b && (
        <>
          <PageHeader title={<>{t('number')} {b.number} <Tag color={BATCH_COLOR[b.status]} data-testid="batch-status">{t(`states.${b.status}`)}</Tag></>} />
          <Typography.Text type="secondary">
            {b.months.join('、')} · {b.workshopName ?? ''} · {t('lines')} {b.lineCount}（{t('bankLines')} {b.bankLines} / {t('cashLines')} {b.cashLines}） · {t('total')} <Money fen={b.totalFen} />
          </Typography.Text>
          <Card size="small" title={t('reconciliation')}>
            <ReconciliationFigures r={b.reconciliation} />
          </Card>
          <Card size="small">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Select aria-label={t('template')} style={{ minWidth: 240 }} value={template} onChange={setTemplate} options={(templates.data ?? []).map((x) => ({ value: x.code, label: x.name }))} />
                <Button icon={<DownloadOutlined />} onClick={() => download.mutate()} loading={download.isPending} disabled={b.bankLines === 0} data-testid="download-bank-file">{t('download')}</Button>
                <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => { upload.mutate(f); return false }}>
                  <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="upload-return">{t('upload')}</Button>
                </Upload>
                <Button onClick={() => (selected.length ? setCashOpen(true) : message.info(t('selectCash')))} data-testid="record-cash">{t('cash')}</Button>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('downloadHint')} {t('uploadHint')}</Typography.Text>
              <ProblemAlert error={download.error ?? upload.error} />
              {result && (
                <Alert
                  type={result.errors.length ? 'warning' : 'success'}
                  data-testid="return-result"
                  title={result.applied ? t('returnApplied', { paid: result.paid, failed: result.failed, unchanged: result.unchanged }) : t('returnSeen')}
                  description={
                    result.errors.length > 0 && (
                      <List size="small" header={t('returnErrors')} dataSource={result.errors} renderItem={(e) => <List.Item>{t('row')} {e.row}：{e.message}</List.Item>} />
                    )
                  }
                  closable={{ onClose: () => setResult(null) }}
                />
              )}
            </Space>
          </Card>
          <PagedTable<PaymentLine>
            list={batch}
            cards
            size="middle"
            scroll={{ x: 900 }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as number[]),
              getCheckboxProps: (l) => ({ disabled: l.method !== 'cash' || l.status !== 'pending' }),
            }}
            columns={[
              { title: t('worker'), dataIndex: 'workerName', width: 100 },
              { title: t('amount'), dataIndex: 'amountFen', align: 'right', width: 120, render: (v: number) => <Money fen={v} /> },
              { title: t('status'), dataIndex: 'status', width: 120, render: (s: PaymentLine['status']) => <Tag color={LINE_COLOR[s]}>{t(`lineStates.${s}`)}</Tag> },
              { title: t('method'), dataIndex: 'method', width: 100, render: (m: PaymentLine['method']) => t(`methods.${m}`) },
              { title: t('account'), key: 'account', render: (_: unknown, l) => (l.bankName ? `${l.bankName} ${l.accountNumberMasked}` : '—') },
              { title: t('month'), dataIndex: 'month', width: 90 },
              { title: t('reference'), dataIndex: 'reference', width: 200 },
              { title: t('reason'), dataIndex: 'failureReason', render: (r: string | null) => r ?? '' },
              { title: t('settledOn'), dataIndex: 'settledOn', width: 110, render: (d: string | null, l) => (d ? `${d}${l.signedBy ? ` · ${l.signedBy}` : ''}` : '') },
            ]}
          />
          <Modal open={cashOpen} onCancel={() => setCashOpen(false)} footer={null} title={t('cashFor', { count: selected.length })} destroyOnHidden>
            <Form layout="vertical" initialValues={{ paidOn: todayCn() }} onFinish={(v: { paidOn: string; signedBy: string }) => cash.mutate(v)}>
              <Form.Item name="paidOn" label={t('paidOn')} rules={[{ required: true }]}><DateInput /></Form.Item>
              <Form.Item name="signedBy" label={t('signer')} rules={[{ required: true, max: 50 }]}><Input data-testid="cash-signer" /></Form.Item>
              <ProblemAlert error={cash.error} />
              <Button type="primary" htmlType="submit" loading={cash.isPending} data-testid="cash-save">{t('cash')}</Button>
            </Form>
          </Modal>
        </>
      )}
    </Space>
  )
}
