import { Button, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd'
import { CalculatorOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { fetchDaySheet, fetchPaysheets, fetchRecordableWorkshops, wagesKeys } from '../../api/wages'
import { api } from '../../api/client'
import { EmptyState } from '../../components/empty-state'
import { formatFen, Money } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import {
  centifenToYuan,
  useAllocations,
  useArrears,
  useOrder,
  useOrderAction,
  type Allocation,
} from '../orders/api'
import { todayCn } from '../wages/use-online'
import { pieceTotalFen, shortDate } from './home-figures'
import { PageHeader } from '../../components/page-header'

const PAYSHEET_COLOR: Record<string, string> = { draft: 'default', submitted: 'gold', locked: 'orange', paid: 'green' }
const BUTTON = { minHeight: 48, fontSize: 16 }

/** Today's day sheet in one line of figures and one big button: the first thing of the operator's day. */
function TodayCard() {
  const { t, i18n } = useTranslation('home')
  const today = todayCn()
  const workshops = useQuery({ queryKey: wagesKeys.workshops, queryFn: fetchRecordableWorkshops })
  const ws = workshops.data?.[0]
  const sheet = useQuery({
    queryKey: wagesKeys.daySheet(ws?.id ?? '', today),
    queryFn: () => fetchDaySheet(ws!.id, today),
    enabled: !!ws,
  })
  const records = sheet.data?.records ?? []
  const people = new Set(records.map((r) => r.workerId)).size
  const pieces = records.reduce((s, r) => s + r.goodQty, 0)
  const amount = records.reduce((s, r) => s + r.amountFen, 0)
  return (
    <Card title={t('operator.today', { date: shortDate(today, i18n.language) })} data-testid="today-sheet">
      {(workshops.isLoading || sheet.isLoading) && <Skeleton active paragraph={{ rows: 1 }} />}
      {workshops.isError && <ProblemAlert error={workshops.error} />}
      {workshops.isSuccess && !ws && <EmptyState description={t('operator.noWorkshop')} />}
      {sheet.data && (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{ws!.name}</Typography.Text>
          <Flex gap={24} wrap style={{ fontSize: 16 }}>
            <span>{t('operator.people', { n: people })}</span>
            <span>{t('operator.pieces', { n: pieces })}</span>
            <b>
              <Money fen={amount} />
            </b>
          </Flex>
          <Link to="/day-sheet">
            <Button type="primary" block icon={<CalculatorOutlined />} style={{ height: 52, fontSize: 18 }}>
              {records.length ? t('operator.continueSheet') : t('operator.startSheet')}
            </Button>
          </Link>
        </Flex>
      )}
    </Card>
  )
}

/** An offer with what the operator needs to decide: rate, quantity, total pay, due date, distance, materials. */
function OfferCard({ a }: { a: Allocation }) {
  const { t } = useTranslation('home')
  const order = useOrder(a.orderId)
  const accept = useOrderAction(() => api.POST('/allocations/{id}/accept', { params: { path: { id: a.id } } }))
  const decline = useOrderAction(() => api.POST('/allocations/{id}/decline', { params: { path: { id: a.id } } }))
  const o = order.data
  return (
    <Card size="small" style={{ marginBottom: 8, width: '100%' }} data-testid="offer">
      <Flex justify="space-between" gap={8} align="baseline">
        <b style={{ fontSize: 16 }}>{a.product}</b>
        {o && <Typography.Text type="secondary">{o.enterpriseName}</Typography.Text>}
      </Flex>
      {order.isLoading && <Skeleton active paragraph={{ rows: 2 }} title={false} />}
      {o && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'rate',
              label: t('operator.rate'),
              children: (
                <span data-testid="offer-rate">
                  ¥{centifenToYuan(o.workshopRateCentifen)}/{o.unit}
                </span>
              ),
            },
            { key: 'qty', label: t('operator.quantity'), children: `${a.quantity.toLocaleString()} ${o.unit}` },
            {
              key: 'total',
              label: t('operator.totalPay'),
              children: <b data-testid="offer-total">{formatFen(pieceTotalFen(a.quantity, o.workshopRateCentifen))}</b>,
            },
            { key: 'due', label: t('operator.dueOn'), children: <span data-testid="offer-due">{o.dueOn}</span> },
            {
              key: 'distance',
              label: t('operator.distance'),
              children: a.distanceKm === null ? '—' : `${a.distanceKm} km`,
            },
            {
              key: 'materials',
              label: t('operator.materials'),
              children: t(`orders:logistics.${o.logistics}`, { defaultValue: o.logistics }),
            },
          ]}
        />
      )}
      <Flex gap={8} style={{ marginTop: 8 }}>
        <Button type="primary" block style={BUTTON} loading={accept.isPending} onClick={() => accept.mutate(undefined)}>
          {t('orders:operator.accept')}
        </Button>
        <Button danger block style={BUTTON} loading={decline.isPending} onClick={() => decline.mutate(undefined)}>
          {t('orders:operator.decline')}
        </Button>
      </Flex>
      {(accept.isError || decline.isError) && <ProblemAlert error={accept.error ?? decline.error} />}
    </Card>
  )
}

function OffersCard() {
  const { t } = useTranslation('home')
  const mine = useAllocations({})
  const offers = (mine.data?.items ?? []).filter((a) => a.status === 'offered')
  return (
    <Card
      title={t('operator.offers')}
      extra={<Link to="/my-orders">{t('operator.allOrders')}</Link>}
      data-testid="offers"
    >
      {mine.isError && <ProblemAlert error={mine.error} />}
      {/* Plain markup, not antd's List: List brings Pagination, and Pagination the whole Select, to the phone's
          first screen. */}
      {mine.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
      {mine.isSuccess && offers.length === 0 && <EmptyState description={t('operator.noOffers')} />}
      {offers.map((a) => (
        <OfferCard key={a.id} a={a} />
      ))}
    </Card>
  )
}

function PaysheetCard() {
  const { t } = useTranslation('home')
  const month = todayCn().slice(0, 7)
  const q = useQuery({
    queryKey: wagesKeys.paysheets({ month, home: true }),
    queryFn: () => fetchPaysheets({ month, pageSize: 10 }),
  })
  const sheets = q.data?.items ?? []
  return (
    <Card
      title={t('operator.paysheet', { month })}
      extra={<Link to="/paysheets">{t('operator.allPaysheets')}</Link>}
      data-testid="home-paysheet"
    >
      {q.isError && <ProblemAlert error={q.error} />}
      {q.isLoading && <Skeleton active paragraph={{ rows: 1 }} />}
      {q.isSuccess && sheets.length === 0 && <Typography.Text>{t('operator.noPaysheet')}</Typography.Text>}
      {sheets.map((s) => (
        <Link key={s.id} to={`/paysheets/${s.id}`}>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ padding: '8px 0', minHeight: 48 }}>
            <span>{s.workshopName}</span>
            <Tag color={PAYSHEET_COLOR[s.status]}>{t(`wages:paysheets.states.${s.status}`)}</Tag>
            <span>{t('operator.workers', { n: s.workerCount })}</span>
            <b>
              <Money fen={s.totalFen} />
            </b>
          </Flex>
        </Link>
      ))}
    </Card>
  )
}

/** What enterprises owe the workshop: accepted deliveries not yet paid, and the part past the payment term. */
export function OwedCard({ title, byWorkshop = false }: { title: string; byWorkshop?: boolean }) {
  const { t } = useTranslation('home')
  const q = useArrears({})
  const lines = q.data?.items ?? []
  const owed = lines.reduce((s, l) => s + Math.max(0, l.owedFen - l.paidFen), 0)
  const overdue = lines.reduce((s, l) => s + l.overdueFen, 0)
  const open = lines.filter((l) => l.owedFen > l.paidFen)
  return (
    <Card title={title} data-testid="owed">
      {q.isError && <ProblemAlert error={q.error} />}
      {q.isLoading && <Skeleton active paragraph={{ rows: 1 }} />}
      {q.isSuccess && (
        <Flex vertical gap={8}>
          <Flex gap={24} wrap align="baseline">
            <span>
              {t('owed.unpaid')}{' '}
              <b style={{ fontSize: 20 }} data-testid="owed-total">
                <Money fen={owed} />
              </b>
            </span>
            <span>
              {t('owed.overdue')}{' '}
              <b style={{ fontSize: 20, color: overdue > 0 ? '#cf1322' : undefined }}>
                <Money fen={overdue} />
              </b>
            </span>
          </Flex>
          {open.slice(0, 5).map((l) => (
            <Link key={`${l.orderId}-${l.workshopId}`} to={`/orders/${l.orderId}`}>
              <Flex justify="space-between" gap={8} style={{ minHeight: 40, alignItems: 'center' }}>
                <span>
                  {byWorkshop ? l.workshopName : l.enterpriseName} · {l.product}
                </span>
                <Money fen={l.owedFen - l.paidFen} style={l.overdueFen > 0 ? { color: '#cf1322' } : undefined} />
              </Flex>
            </Link>
          ))}
          {open.length === 0 && <Typography.Text type="secondary">{t('owed.none')}</Typography.Text>}
        </Flex>
      )}
    </Card>
  )
}

/** The operator's phone home: today's day sheet, offers to decide, this month's pay sheet, money owed. */
export function OperatorHome({ user }: { user: User }) {
  const { t } = useTranslation('home')
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }} data-testid="operator-home">
      <PageHeader title={t('greeting', { name: user.displayName })} />
      <TodayCard />
      <OffersCard />
      <PaysheetCard />
      <OwedCard title={t('operator.owed')} />
    </Flex>
  )
}
