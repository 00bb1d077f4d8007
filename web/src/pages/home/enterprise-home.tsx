import { Button, Card, Flex, List, Progress, Skeleton, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useQueries } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { api, ok } from '../../api/client'
import { EmptyState } from '../../components/empty-state'
import { ProblemAlert } from '../../components/problem-alert'
import { ordersKey, STATUS_COLOR, useOrders, type Order } from '../orders/api'
import { OwedCard } from './operator-home'
import { PageHeader } from '../../components/page-header'

const IN_PROGRESS = new Set(['open', 'allocated', 'in_production', 'delivered'])

/** Batches delivered but not yet accepted or rejected: read from the orders that have more delivered than accepted. */
function DeliveriesCard({ orders }: { orders: Order[] }) {
  const { t } = useTranslation('home')
  const waiting = orders.filter((o) => o.deliveredQty > o.acceptedQty)
  const details = useQueries({
    queries: waiting.map((o) => ({
      queryKey: [...ordersKey, 'detail', o.id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.GET('/orders/{id}', { params: { path: { id: o.id } }, signal }).then(ok),
    })),
  })
  const rows = details.flatMap((d) =>
    d.data
      ? d.data.deliveries
          .filter((x) => x.acceptedQty === null)
          .map((x) => ({ ...x, product: d.data!.product, orderId: d.data!.id, unit: d.data!.unit }))
      : [],
  )
  const loading = details.some((d) => d.isLoading)
  return (
    <Card title={t('enterprise.deliveries')} data-testid="deliveries-to-accept">
      <List
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: <EmptyState description={t('enterprise.noDeliveries')} /> }}
        renderItem={(d) => (
          <List.Item
            key={d.id}
            extra={
              <Link to={`/orders/${d.orderId}`}>
                <Button type="primary" style={{ minHeight: 40 }}>
                  {t('enterprise.accept')}
                </Button>
              </Link>
            }
          >
            <List.Item.Meta
              title={`${d.product} · ${d.quantity.toLocaleString()} ${d.unit}`}
              description={`${d.workshopName} · ${d.deliveredOn}`}
            />
          </List.Item>
        )}
      />
    </Card>
  )
}

/** The enterprise's home: its orders in progress, batches to accept, and what it owes the workshops. */
export function EnterpriseHome({ user }: { user: User }) {
  const { t } = useTranslation('home')
  const list = useOrders({ pageSize: 50 })
  const active = (list.data?.items ?? []).filter((o) => IN_PROGRESS.has(o.status))
  return (
    <Flex vertical gap={12} data-testid="enterprise-home">
      <PageHeader
        title={t('greeting', { name: user.displayName })}
        extra={
<Link to="/orders/new">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('enterprise.newOrder')}
          </Button>
        </Link>
        }
      />
      <Card
        title={t('enterprise.inProgress')}
        extra={<Link to="/orders">{t('enterprise.allOrders')}</Link>}
        data-testid="orders-in-progress"
      >
        {list.isError && <ProblemAlert error={list.error} />}
        {list.isLoading && <Skeleton active />}
        {list.isSuccess && (
          <List
            dataSource={active}
            locale={{ emptyText: <EmptyState description={t('enterprise.noOrders')} /> }}
            renderItem={(o) => (
              <List.Item key={o.id}>
                <Flex vertical style={{ width: '100%' }} gap={4}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Link to={`/orders/${o.id}`}>
                      <b>{o.product}</b>
                    </Link>
                    <Tag color={STATUS_COLOR[o.status]}>{t(`orders:status.${o.status}`)}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">
                    {t('enterprise.progress', {
                      accepted: o.acceptedQty.toLocaleString(),
                      quantity: o.quantity.toLocaleString(),
                      unit: o.unit,
                      due: o.dueOn,
                    })}
                  </Typography.Text>
                  <Progress percent={Math.floor((o.acceptedQty * 100) / Math.max(o.quantity, 1))} size="small" />
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <DeliveriesCard orders={list.data?.items ?? []} />
      <OwedCard title={t('enterprise.owes')} byWorkshop />
    </Flex>
  )
}
