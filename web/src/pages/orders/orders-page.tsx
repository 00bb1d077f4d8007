import { useState } from 'react'
import { Alert, Button, Card, Flex, Input, List, Progress, Space, Switch, Table, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useCan } from '../../api/client'
import { EmptyState } from '../../components/empty-state'
import { Money } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { STATUS_COLOR, useArrears, useOrders, type Order } from './api'
import { PageHeader } from '../../components/page-header'

/** Staff and enterprises: arrears past the payment term, per order and workshop. */
export function ArrearsCard() {
  const { t } = useTranslation('orders')
  const arrears = useArrears({ overdueOnly: 'true' })
  const mobile = useIsMobile()
  if (arrears.isError) return <ProblemAlert error={arrears.error} />
  const items = arrears.data?.items ?? []
  return (
    <Card
      size="small"
      title={<Space>{t('arrears.title')}{!mobile && <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{t('arrears.hint')}</Typography.Text>}</Space>}
      extra={items.length > 0 && <span>{t('arrears.total')} <Money fen={arrears.data!.overdueFen} style={{ color: '#cf1322', fontWeight: 600 }} /></span>}
      data-testid="arrears-card"
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{arrears.isLoading ? '…' : t('arrears.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(l) => (
            <List.Item key={`${l.orderId}-${l.workshopId}`} extra={<Money fen={l.overdueFen} style={{ color: '#cf1322' }} />}>
              <List.Item.Meta
                title={<Link to={`/orders/${l.orderId}`}>{l.product}</Link>}
                description={`${l.enterpriseName} → ${l.workshopName} · ${t('arrears.oldest')} ${l.oldestDueOn ?? '—'}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

export function OrderStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('orders')
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>
}

function progressOf(o: Order) {
  return Math.min(100, Math.round((o.acceptedQty / o.quantity) * 100))
}

export default function OrdersPage() {
  const { t } = useTranslation('orders')
  const can = useCan()
  const mobile = useIsMobile()
  const navigate = useNavigate()
  const [page, setPage] = useState(1)
  const [q, setQ] = useState('')
  const [arrearsOnly, setArrearsOnly] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const orders = useOrders({ page, pageSize: 20, q: q || undefined, arrears: arrearsOnly ? 'true' : undefined })
  const canPost = can('orders.create')

  const columns = [
    { key: 'product', title: t('fields.product'), render: (o: Order) => <Link to={`/orders/${o.id}`}>{o.product}</Link> },
    { key: 'enterprise', title: t('fields.enterprise'), dataIndex: 'enterpriseName' },
    { key: 'quantity', title: t('fields.quantity'), align: 'right' as const, render: (o: Order) => `${o.quantity.toLocaleString()} ${o.unit}` },
    { key: 'status', title: t('fields.status'), render: (o: Order) => <OrderStatusTag status={o.status} /> },
    {
      key: 'progress',
      title: t('fields.progress'),
      width: 160,
      render: (o: Order) => <Progress size="small" percent={progressOf(o)} />,
    },
    { key: 'dueOn', title: t('fields.dueOn'), dataIndex: 'dueOn' },
    { key: 'owed', title: t('fields.owed'), align: 'right' as const, render: (o: Order) => <Money fen={o.owedFen} /> },
    {
      key: 'overdue',
      title: t('fields.overdue'),
      align: 'right' as const,
      render: (o: Order) => (o.overdueFen > 0 ? <Money fen={o.overdueFen} style={{ color: '#cf1322', fontWeight: 600 }} /> : '—'),
    },
  ]

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('list.title')}
        extra={<>
          <Input.Search allowClear placeholder={t('list.search')} onSearch={(v) => { setQ(v); setPage(1) }} style={{ width: 200 }} />
          <Space size={4}><Switch size="small" checked={arrearsOnly} onChange={(v) => { setArrearsOnly(v); setPage(1) }} />{t('list.arrearsOnly')}</Space>
          {canPost && selected.length > 1 && (
            <Button data-testid="plan-together" onClick={() => navigate(`/plans/new?orders=${selected.join(',')}`)}>{t('list.planTogether', { n: selected.length })}</Button>
          )}
          {canPost && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orders/new')}>{t('list.newOrder')}</Button>}
        </>}
      />
      <ArrearsCard />
      {orders.isError && <ProblemAlert error={orders.error} onRetry={() => void orders.refetch()} />}
      {mobile ? (
        <List
          loading={orders.isLoading}
          dataSource={orders.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('list.empty')} /> }}
          renderItem={(o) => (
            <Card size="small" style={{ marginBottom: 8 }} onClick={() => navigate(`/orders/${o.id}`)}>
              <Flex justify="space-between"><b>{o.product}</b><OrderStatusTag status={o.status} /></Flex>
              <div>{o.quantity.toLocaleString()} {o.unit} · {t('fields.dueOn')} {o.dueOn}</div>
              <Progress size="small" percent={progressOf(o)} />
              {o.overdueFen > 0 && <Alert type="error" showIcon title={<span>{t('fields.overdue')} <Money fen={o.overdueFen} /></span>} />}
            </Card>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={orders.isLoading}
          // Open orders can be planned together, sharing the workshops' capacity.
          rowSelection={canPost ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (o: Order) => ({ disabled: o.status !== 'open' }) } : undefined}
          columns={columns}
          dataSource={orders.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('list.empty')} /> }}
          pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      )}
    </Flex>
  )
}
