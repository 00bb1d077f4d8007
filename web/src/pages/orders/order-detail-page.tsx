import { useState } from 'react'
import { App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Statistic, Tag, Timeline, Typography } from 'antd'
import { useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ListTable } from '../../components/card-table'
import { api, useCan, type BodyOf } from '../../api/client'
import { Money } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import { DisputesCard } from './disputes-card'
import { OrderStatusTag } from './orders-page'
import { centifenToYuan, ordersKey, STATUS_COLOR, today, useOrder, useOrderAction, yuanToFen, type OrderDetail } from './api'
import { useCodeLabels } from '../../components/code-labels'
import { DateInput } from '../../components/date-input'
import { PageHeader } from '../../components/page-header'
import { FormModal } from '../../components/form-modal'

type Delivery = OrderDetail['deliveries'][number]

function CheckDelivery({ delivery, onClose }: { delivery: Delivery; onClose: () => void }) {
  const { t } = useTranslation('orders')
  return (
    <FormModal
      open
      title={`${t('detail.check')} · ${delivery.workshopName} · ${delivery.quantity}`}
      onClose={onClose}
      save={(body: BodyOf<'/deliveries/{id}/acceptance'>) => api.POST('/deliveries/{id}/acceptance', { params: { path: { id: delivery.id } }, body })}
      refresh={ordersKey}
      initialValues={{ acceptedQty: delivery.quantity, rejectedQty: 0, acceptedOn: today() }}
    >
      <Space>
        <Form.Item name="acceptedQty" label={t('detail.acceptedQty')}><InputNumber min={0} /></Form.Item>
        <Form.Item name="rejectedQty" label={t('detail.rejectedQty')}><InputNumber min={0} /></Form.Item>
      </Space>
      <Form.Item name="rejectReasons" label={t('detail.rejectReasons')}><Input.TextArea rows={2} /></Form.Item>
      <Form.Item name="acceptedOn" label={t('detail.acceptedOn')}><DateInput /></Form.Item>
    </FormModal>
  )
}

type PayValues = { workshopId: string; amount: string; paidOn: string; reference?: string }

function PayWorkshop({ order, onClose }: { order: OrderDetail; onClose: () => void }) {
  const { t } = useTranslation('orders')
  const owing = order.settlement.filter((l) => l.owedFen > l.paidFen)
  return (
    <FormModal
      open
      title={t('detail.pay')}
      onClose={onClose}
      save={(v: PayValues) =>
        api.POST('/orders/{id}/payments', {
          params: { path: { id: order.id } },
          body: { workshopId: v.workshopId, amountFen: yuanToFen(String(v.amount)) ?? -1, paidOn: v.paidOn, reference: v.reference || undefined },
        })}
      refresh={ordersKey}
      initialValues={{ workshopId: owing[0]?.workshopId, paidOn: today(), amount: owing[0] ? ((owing[0].owedFen - owing[0].paidFen) / 100).toFixed(2) : '' }}
    >
      <Form.Item name="workshopId" label={t('fields.workshop')} rules={[{ required: true }]}>
        <Select options={owing.map((l) => ({ value: l.workshopId, label: l.workshopName }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('detail.amountYuan')} rules={[{ required: true }]}><Input inputMode="decimal" /></Form.Item>
      <Form.Item name="paidOn" label={t('detail.paidOn')}><DateInput /></Form.Item>
      <Form.Item name="reference" label={t('detail.reference')}><Input /></Form.Item>
    </FormModal>
  )
}

export default function OrderDetailPage() {
  const codes = useCodeLabels()
  const { t } = useTranslation('orders')
  const { id } = useParams()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const can = useCan()
  const order = useOrder(id)
  const [checking, setChecking] = useState<Delivery | null>(null)
  const [paying, setPaying] = useState(false)
  const transition = useOrderAction((status: BodyOf<'/orders/{id}/status'>['status']) => api.POST('/orders/{id}/status', { params: { path: { id: id! } }, body: { status } }))
  // The header stays when the order cannot be read, so the way back (breadcrumb) is still there.
  if (order.isError)
    return (
      <Flex vertical gap={16}>
        <PageHeader title={t('list.title')} />
        <ProblemAlert error={order.error} onRetry={() => void order.refetch()} />
      </Flex>
    )
  const o = order.data
  if (!o) return <Card loading />
  const owner = can('orders.transition')
  const act = (status: BodyOf<'/orders/{id}/status'>['status']) => transition.mutateAsync(status).then(() => message.success(t(`status.${status}`)))

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={<>{o.product} <OrderStatusTag status={o.status} /></>}
        extra={owner && (
            <>
              {o.status === 'draft' && <Button type="primary" onClick={() => act('open')}>{t('detail.open')}</Button>}
              {o.status === 'open' && <Button type="primary" data-testid="go-plan" onClick={() => navigate(`/orders/${o.id}/plan`)}>{t('detail.plan')}</Button>}
              {o.status === 'in_production' && <Button onClick={() => act('delivered')}>{t('detail.markDelivered')}</Button>}
              {o.settlement.some((l) => l.owedFen > l.paidFen) && <Button onClick={() => setPaying(true)}>{t('detail.pay')}</Button>}
              {['draft', 'open', 'allocated'].includes(o.status) && (
                <Popconfirm title={t('detail.cancel')} onConfirm={() => act('cancelled')}><Button danger>{t('detail.cancel')}</Button></Popconfirm>
              )}
            </>
          )}
      />
      <Card>
        <Typography.Text type="secondary">{o.enterpriseName} · {o.quantity.toLocaleString()} {o.unit} · {o.startOn} → {o.dueOn}</Typography.Text>
        {transition.isError && <ProblemAlert error={transition.error} />}
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={12} md={4}><Statistic title={t('fields.allocated')} value={o.allocatedQty} suffix={`/ ${o.quantity.toLocaleString()}`} /></Col>
          <Col xs={12} md={4}><Statistic title={t('fields.delivered')} value={o.deliveredQty} /></Col>
          <Col xs={12} md={4}><Statistic title={t('fields.accepted')} value={o.acceptedQty} /></Col>
          <Col xs={12} md={4}><Statistic title={t('fields.owed')} valueRender={() => <Money fen={o.owedFen} />} /></Col>
          <Col xs={12} md={4}><Statistic title={t('fields.paid')} valueRender={() => <Money fen={o.paidFen} />} /></Col>
          <Col xs={12} md={4}>
            <Statistic title={t('fields.overdue')} valueRender={() => <Money fen={o.overdueFen} style={o.overdueFen > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined} />} />
          </Col>
        </Row>
        <Descriptions
          size="small"
          style={{ marginTop: 16 }}
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'wr', label: t('fields.workshopRate'), children: centifenToYuan(o.workshopRateCentifen) },
            { key: 'kr', label: t('fields.workerRate'), children: centifenToYuan(o.workerRateCentifen) },
            { key: 'sk', label: t('fields.skills'), children: o.skills.map((s) => <Tag key={s}>{codes.skill(s)}</Tag>) },
            { key: 'pa', label: t('fields.pickupAddress'), children: `${o.pickupAddress ?? ''} (${o.pickupLng}, ${o.pickupLat})` },
            { key: 'lg', label: t('fields.logistics'), children: t(`logistics.${o.logistics}`) },
            { key: 'bt', label: `${t('fields.minBatch')} / ${t('fields.maxBatch')}`, children: `${o.minBatch} / ${o.maxBatch}` },
            { key: 'qs', label: t('fields.qualityStandard'), children: o.qualityStandard ?? '—' },
            { key: 'pt', label: t('fields.paymentTermDays'), children: o.paymentTermDays },
          ]}
        />
      </Card>

      <Card title={t('detail.allocations')} size="small">
        <ListTable
          rowKey="id"
          scroll={{ x: true }}
          dataSource={o.allocations}
          columns={[
            { key: 'w', title: t('fields.workshop'), dataIndex: 'workshopName' },
            { key: 'q', title: t('fields.quantity'), dataIndex: 'quantity', align: 'right' },
            { key: 'd', title: t('fields.distance'), render: (a) => (a.distanceKm === null ? '—' : `${a.distanceKm} km`) },
            { key: 's', title: t('fields.status'), render: (a) => <Tag color={STATUS_COLOR[a.status]}>{t(`allocStatus.${a.status}`)}</Tag> },
            { key: 'src', title: '', render: (a) => t(`source.${a.source}`) },
            { key: 'dl', title: t('fields.delivered'), dataIndex: 'deliveredQty', align: 'right' },
            { key: 'ac', title: t('fields.accepted'), dataIndex: 'acceptedQty', align: 'right' },
          ]}
        />
      </Card>

      <Card title={t('detail.deliveries')} size="small">
        <ListTable
          rowKey="id"
          scroll={{ x: true }}
          dataSource={o.deliveries}
          columns={[
            { key: 'w', title: t('fields.workshop'), dataIndex: 'workshopName' },
            { key: 'on', title: t('operator.deliveredOn'), dataIndex: 'deliveredOn' },
            { key: 'q', title: t('fields.quantity'), dataIndex: 'quantity', align: 'right' },
            { key: 'a', title: t('detail.acceptedQty'), align: 'right', render: (d: Delivery) => d.acceptedQty ?? <Tag color="gold">{t('detail.pending')}</Tag> },
            { key: 'r', title: t('detail.rejectedQty'), align: 'right', render: (d: Delivery) => (d.rejectedQty ? `${d.rejectedQty}（${d.rejectReasons ?? ''}）` : d.rejectedQty ?? '—') },
            { key: 'm', title: t('fields.owed'), align: 'right', render: (d: Delivery) => <Money fen={d.amountFen} /> },
            { key: 'due', title: t('detail.due'), dataIndex: 'dueOn' },
            {
              key: 'x',
              title: '',
              render: (d: Delivery) => owner && d.acceptedQty === null && <Button size="small" onClick={() => setChecking(d)}>{t('detail.check')}</Button>,
            },
          ]}
        />
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('detail.settlement')} size="small">
            <ListTable
              rowKey="workshopId"
              dataSource={o.settlement}
              columns={[
                { key: 'w', title: t('fields.workshop'), dataIndex: 'workshopName' },
                { key: 'a', title: t('fields.accepted'), dataIndex: 'acceptedQty', align: 'right' },
                { key: 'o', title: t('fields.owed'), align: 'right', render: (l) => <Money fen={l.owedFen} /> },
                { key: 'p', title: t('fields.paid'), align: 'right', render: (l) => <Money fen={l.paidFen} /> },
                { key: 'd', title: t('fields.overdue'), align: 'right', render: (l) => (l.inArrears ? <Tag color="red"><Money fen={l.overdueFen} /></Tag> : '—') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('detail.history')} size="small">
            <Timeline
              items={o.history.map((h, i) => ({
                key: i,
                content: `${new Date(h.at).toLocaleString()} · ${t(`status.${h.toStatus}`)}${h.byName ? ` · ${h.byName}` : ''}${h.note ? ` · ${h.note}` : ''}`,
              }))}
            />
          </Card>
        </Col>
      </Row>
      <DisputesCard orderId={o.id} />
      {checking && <CheckDelivery delivery={checking} onClose={() => setChecking(null)} />}
      {paying && <PayWorkshop order={o} onClose={() => setPaying(false)} />}
    </Flex>
  )
}
