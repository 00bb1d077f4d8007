import { useState } from 'react'
import { App, Button, Card, Flex, Form, InputNumber, List, Space, Tabs, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useCodeLabels } from '../../components/code-labels'
import { EmptyState } from '../../components/empty-state'
import { ProblemAlert } from '../../components/problem-alert'
import { ArrearsCard } from './orders-page'
import { api, type BodyOf } from '../../api/client'
import { centifenToYuan, ordersKey, STATUS_COLOR, today, useAllocations, useOrderAction, useOrders, type Allocation, type Order } from './api'
import { DateInput } from '../../components/date-input'
import { PageHeader } from '../../components/page-header'
import { FormModal } from '../../components/form-modal'

/** Claim part of an open order: quantity defaults to what is left (within the max batch). */
function ClaimCard({ order }: { order: Order }) {
  const { t } = useTranslation('orders')
  const { message } = App.useApp()
  const codes = useCodeLabels()
  const left = order.quantity - order.allocatedQty
  const [qty, setQty] = useState<number | null>(Math.min(left, order.maxBatch))
  const claim = useOrderAction((quantity: number) => api.POST('/orders/{id}/claims', { params: { path: { id: order.id } }, body: { quantity } }))
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="nearby-order">
      <Flex justify="space-between" gap={8}>
        <b>{order.product}</b>
        <Tag color="blue">{order.distanceKm ?? '—'} {t('operator.km')}</Tag>
      </Flex>
      <Typography.Text type="secondary">{order.enterpriseName}</Typography.Text>
      <div>
        {left.toLocaleString()} / {order.quantity.toLocaleString()} {order.unit} {t('operator.left')} · {t('operator.rate')} ¥{centifenToYuan(order.workshopRateCentifen)}
      </div>
      <div>{t('fields.dueOn')} {order.dueOn} · {codes.skills(order.skills, ' / ')}</div>
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <InputNumber min={1} max={left} value={qty} onChange={(v) => setQty(v)} style={{ width: '100%' }} aria-label={t('operator.claimQty')} />
        <Button type="primary" loading={claim.isPending} disabled={!qty} onClick={() => claim.mutateAsync(qty!).then(() => message.success(t('operator.claimed')))}>
          {t('operator.claim')}
        </Button>
      </Space.Compact>
      {claim.isError && <div style={{ marginTop: 8 }}><ProblemAlert error={claim.error} /></div>}
    </Card>
  )
}

function DeliverModal({ allocation, onClose }: { allocation: Allocation; onClose: () => void }) {
  const { t } = useTranslation('orders')
  return (
    <FormModal
      open
      title={`${t('operator.deliver')} · ${allocation.product}`}
      onClose={onClose}
      save={(body: Omit<BodyOf<'/orders/{id}/deliveries'>, 'workshopId'>) =>
        api.POST('/orders/{id}/deliveries', { params: { path: { id: allocation.orderId } }, body: { ...body, workshopId: allocation.workshopId } })}
      refresh={ordersKey}
      initialValues={{ quantity: Math.max(1, allocation.quantity - allocation.deliveredQty), deliveredOn: today() }}
    >
      <Form.Item name="quantity" label={t('operator.deliverQty')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="deliveredOn" label={t('operator.deliveredOn')}><DateInput /></Form.Item>
    </FormModal>
  )
}

function AllocationCard({ a, onDeliver }: { a: Allocation; onDeliver: () => void }) {
  const { t } = useTranslation('orders')
  const accept = useOrderAction(() => api.POST('/allocations/{id}/accept', { params: { path: { id: a.id } } }))
  const decline = useOrderAction(() => api.POST('/allocations/{id}/decline', { params: { path: { id: a.id } } }))
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="my-allocation">
      <Flex justify="space-between" gap={8}>
        <b>{a.product}</b>
        <Tag color={STATUS_COLOR[a.status]} data-testid="allocation-status">{t(`allocStatus.${a.status}`)}</Tag>
      </Flex>
      <div>
        {a.workshopName} · {a.quantity.toLocaleString()} · {t(`source.${a.source}`)}
        {a.distanceKm !== null && ` · ${a.distanceKm} ${t('operator.km')}`}
      </div>
      {a.status === 'accepted' && (
        <div>{t('fields.delivered')} {a.deliveredQty} · {t('fields.accepted')} {a.acceptedQty}</div>
      )}
      <Flex gap={8} style={{ marginTop: 8 }}>
        {a.status === 'offered' && (
          <>
            <Button type="primary" block loading={accept.isPending} onClick={() => accept.mutate(undefined)}>{t('operator.accept')}</Button>
            <Button danger block loading={decline.isPending} onClick={() => decline.mutate(undefined)}>{t('operator.decline')}</Button>
          </>
        )}
        {a.status === 'accepted' && a.deliveredQty < a.quantity && <Button block onClick={onDeliver}>{t('operator.deliver')}</Button>}
      </Flex>
      {(accept.isError || decline.isError) && <ProblemAlert error={accept.error ?? decline.error} />}
    </Card>
  )
}

/** The operator's phone: open orders nearby to claim, offers to accept or decline, deliveries, money owed. */
export default function OperatorOrdersPage() {
  const { t } = useTranslation('orders')
  const nearby = useOrders({ claimable: 'true', pageSize: 50 })
  const mine = useAllocations({})
  const [delivering, setDelivering] = useState<Allocation | null>(null)
  const live = (mine.data?.items ?? []).filter((a) => a.status === 'offered' || a.status === 'accepted')
  const offered = live.filter((a) => a.status === 'offered').length
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <PageHeader title={t('operator.title')} />
      <Tabs
        defaultActiveKey="mine"
        items={[
          {
            key: 'mine',
            label: <span data-testid="tab-mine">{t('operator.mine')}{offered > 0 && <Tag color="gold" style={{ marginInlineStart: 6 }}>{offered}</Tag>}</span>,
            children: (
              <>
                {mine.isError && <ProblemAlert error={mine.error} />}
                <List
                  loading={mine.isLoading}
                  dataSource={live}
                  locale={{ emptyText: <EmptyState description={t('operator.noMine')} /> }}
                  renderItem={(a) => <AllocationCard key={a.id} a={a} onDeliver={() => setDelivering(a)} />}
                />
              </>
            ),
          },
          {
            key: 'nearby',
            label: <span data-testid="tab-nearby">{t('operator.nearby')}</span>,
            children: (
              <>
                {nearby.isError && <ProblemAlert error={nearby.error} />}
                <List
                  loading={nearby.isLoading}
                  dataSource={nearby.data?.items ?? []}
                  locale={{ emptyText: <EmptyState description={t('operator.noNearby')} /> }}
                  renderItem={(o) => <ClaimCard key={o.id} order={o} />}
                />
              </>
            ),
          },
          { key: 'owed', label: t('operator.owed'), children: <ArrearsCard /> },
        ]}
      />
      {delivering && <DeliverModal allocation={delivering} onClose={() => setDelivering(null)} />}
    </Flex>
  )
}
