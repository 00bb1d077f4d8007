import { useState } from 'react'
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Tag } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PaymentBatchSummary } from '@gongfang/shared/payments'
import type { PaysheetSummary } from '@gongfang/shared'
import { createBatch, fetchBatches, paymentKeys } from '../../api/payments'
import { fetchPaysheets } from '../../api/wages'
import { Money } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import { ReconciliationCard } from './reconciliation'
import { Page } from '../../components/page'
import { PagedTable, usePagedQuery } from '../../components/paged-table'
import type { QueryOf } from '../../api/client'

export const BATCH_COLOR = { open: 'orange', settled: 'green' } as const

/** Locked sheets (not yet paid) to choose from: what a new batch is made of. */
function NewBatch({ onMade }: { onMade: (id: string) => void }) {
  const { t } = useTranslation('payments')
  const [open, setOpen] = useState(false)
  const sheets = useQuery({ queryKey: ['wages', 'paysheets', { status: 'locked', pageSize: 200 }], queryFn: () => fetchPaysheets({ status: 'locked', page: 1, pageSize: 200 }), enabled: open })
  const make = useMutation({ mutationFn: (v: { paysheetIds: string[]; note?: string }) => createBatch(v.paysheetIds, v.note || undefined), onSuccess: (b) => onMade(b.id) })
  const label = (s: PaysheetSummary) => `${s.month} · ${s.workshopName} · ${s.workerCount}人`
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="new-batch">{t('newBatch')}</Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('newBatch')} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { paysheetIds: string[]; note?: string }) => make.mutate(v)}>
          <Form.Item name="paysheetIds" label={t('chooseSheets')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              loading={sheets.isLoading}
              notFoundContent={t('noSheets')}
              data-testid="batch-sheets"
              options={(sheets.data?.items ?? []).map((s) => ({ value: s.id, label: label(s) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('note')} rules={[{ max: 200 }]}><Input /></Form.Item>
          <ProblemAlert error={make.error} />
          <Button type="primary" htmlType="submit" loading={make.isPending} data-testid="make-batch">{t('create')}</Button>
        </Form>
      </Modal>
    </>
  )
}

export default function BatchesPage() {
  const { t } = useTranslation('payments')
  const { message } = App.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const list = usePagedQuery({
    key: paymentKeys.batches,
    filters: { status: undefined as QueryOf<'/payment-batches'>['status'] },
    fetch: (query) => fetchBatches(query),
  })
  return (
    <Page title={t('title')} intro={t('intro')}>
      <Card size="small">
        <Space wrap>
          <NewBatch
            onMade={(id) => {
              void qc.invalidateQueries({ queryKey: paymentKeys.all })
              message.success(t('createdShort'))
              navigate(`/payments/${id}`)
            }}
          />
          <Select allowClear placeholder={t('status')} style={{ width: 140 }} value={list.filters.status} onChange={(v) => list.setFilter('status', v)} options={(['open', 'settled'] as const).map((s) => ({ value: s, label: t(`states.${s}`) }))} />
        </Space>
      </Card>
      <ProblemAlert error={list.q.error} />
      <PagedTable<PaymentBatchSummary>
        list={list}
        cards
        size="middle"
        scroll={{ x: 820 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        onRow={(r) => ({ onClick: () => navigate(`/payments/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('number'), dataIndex: 'number', width: 170 },
          { title: t('months'), dataIndex: 'months', width: 120, render: (m: string[]) => m.join('、') },
          { title: t('workshop'), dataIndex: 'workshopName', render: (n: string | null) => n ?? '—' },
          { title: t('status'), dataIndex: 'status', width: 100, render: (s: PaymentBatchSummary['status']) => <Tag color={BATCH_COLOR[s]}>{t(`states.${s}`)}</Tag> },
          { title: t('lines'), dataIndex: 'lineCount', align: 'right', width: 70 },
          { title: t('cashLines'), dataIndex: 'cashLines', align: 'right', width: 70 },
          { title: t('total'), dataIndex: 'totalFen', align: 'right', width: 130, render: (v: number) => <Money fen={v} /> },
        ]}
      />
      <ReconciliationCard />
    </Page>
  )
}
