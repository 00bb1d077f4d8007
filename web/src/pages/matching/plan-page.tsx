import { useMemo, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Row,
  Tabs,
  Typography,
} from 'antd'
import { Chart, echarts } from '../../components/echarts'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ListTable } from '../../components/card-table'
import { api, ok } from '../../api/client'
import { formatFen, Money } from '../../components/money'
import { ProblemAlert } from '../../components/problem-alert'
import { useIsMobile } from '../../components/use-is-mobile'
import { useOrder, useOrderAction, type Plan } from '../orders/api'
import { useCodeLabels } from '../../components/code-labels'
import { frame } from '../../components/geo'
import { useCountyGeo } from '../../components/region-maps'
import { PageHeader } from '../../components/page-header'
import { StatCards } from '../../components/stat-cards'

type OrderPlan = Plan['orders'][number]

// Solver objectives are fractional fen: rounded to whole fen for display only.
const fenText = (fen: number) => formatFen(Math.round(fen))

/** The plan on the map: the pick-up county outlined among its neighbours, the chosen workshops (sized by quantity) and the nearest-first picks, each joined to the pick-up. */
function PlanMap({ plan, pickup, region }: { plan: OrderPlan; pickup: [number, number]; region: string | null }) {
  const { t } = useTranslation('orders')
  const mobile = useIsMobile()
  const county = useCountyGeo(region)
  const geo = county.data
  const option = useMemo(() => {
    if (!geo) return null
    const chosen = new Set(plan.lines.map((l) => l.workshopId))
    const greedyOnly = plan.greedy.lines.filter((g) => !chosen.has(g.workshopId))
    const maxQ = Math.max(1, ...plan.lines.map((l) => l.quantity))
    const at = (w: { lng: number; lat: number }): [number, number] => [w.lng, w.lat]
    // Framed on the plan's own points (at least ~15 km across, so workshops a kilometre apart stay apart); the
    // county boundaries around them stay drawn, and the map pans and zooms out to the whole city.
    const { center, zoom } = frame(geo.cityBox, [pickup, ...plan.lines.map(at), ...greedyOnly.map(at)], { minSpan: 0.15 })
    const line = (color: string, type: 'solid' | 'dashed') => ({ type: 'lines', coordinateSystem: 'geo', silent: true, lineStyle: { color, width: 1.5, opacity: 0.7, type } })
    return {
      tooltip: {
        trigger: 'item',
        // ECharts renders tooltips as HTML: workshop names are user text, so they are escaped.
        formatter: (p: { seriesName: string; data?: { name?: string } }) =>
          p.data?.name ? `${echarts.format.encodeHTML(p.seriesName)}<br/>${echarts.format.encodeHTML(p.data.name)}` : '',
      },
      legend: { bottom: 0, data: [t('plan.pickup'), t('plan.chosen'), t('plan.greedyChosen')] },
      geo: {
        map: geo.cityMap,
        roam: true,
        center,
        zoom,
        silent: true,
        top: 10,
        bottom: 40,
        label: { show: true, color: '#8c8c8c', fontSize: 11 },
        itemStyle: { areaColor: '#fafafa', borderColor: '#bfbfbf' },
        regions: [{ name: geo.countyName, itemStyle: { areaColor: '#fdf1ef', borderColor: '#b7312c', borderWidth: 2 }, label: { color: '#b7312c' } }],
      },
      series: [
        { ...line('#fa8c16', 'dashed'), name: t('plan.greedyChosen'), data: greedyOnly.map((g) => ({ coords: [pickup, at(g)] })) },
        { ...line('#1677ff', 'solid'), name: t('plan.chosen'), data: plan.lines.map((l) => ({ coords: [pickup, at(l)] })) },
        {
          name: t('plan.pickup'),
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'pin',
          symbolSize: 30,
          itemStyle: { color: '#b7312c' },
          data: [{ name: t('plan.pickup'), value: pickup }],
        },
        {
          name: t('plan.greedyChosen'),
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'emptyCircle',
          symbolSize: 12,
          itemStyle: { color: '#fa8c16' },
          data: greedyOnly.map((g) => ({ name: `${g.workshopName}: ${g.quantity} · ${g.distanceKm} km`, value: at(g) })),
        },
        {
          // Drawn last, on top: a chosen workshop next to the pick-up still shows its tooltip.
          name: t('plan.chosen'),
          type: 'scatter',
          coordinateSystem: 'geo',
          itemStyle: { color: '#1677ff', opacity: 0.8 },
          symbolSize: (v: number[]) => 8 + 16 * Math.sqrt((v[2] ?? 0) / maxQ),
          data: plan.lines.map((l) => ({ name: `${l.workshopName}: ${l.quantity} · ${l.distanceKm} km`, value: [l.lng, l.lat, l.quantity] })),
        },
      ],
    }
  }, [geo, plan, pickup, t])
  const height = mobile ? 320 : 400
  if (!option && !county.isLoading) return <Typography.Text type="secondary">{t('plan.noMap')}</Typography.Text>
  if (!option) return <div style={{ height }} />
  return (
    <div data-testid="plan-map" data-map={geo!.cityMap} data-county={geo!.countyName}>
      <Chart option={option} style={{ height }} notMerge />
    </div>
  )
}

function CostChart({ plan }: { plan: OrderPlan }) {
  const { t } = useTranslation('orders')
  const parts = ['transportFen', 'tripsFen', 'handlingFen'] as const
  const names = { transportFen: t('plan.transport'), tripsFen: t('plan.trips'), handlingFen: t('plan.handling') }
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 70, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${Math.round(v / 100)}` } },
    yAxis: { type: 'category', data: [t('plan.greedy'), t('plan.optimised')] },
    series: [
      ...parts.map((p) => ({
        name: names[p],
        type: 'bar',
        stack: 'cost',
        data: [plan.greedy.objective[p], plan.objective[p]],
      })),
      {
        name: t('plan.bonus'),
        type: 'bar',
        data: [-plan.greedy.objective.priorityBonusFen, -plan.objective.priorityBonusFen],
      },
    ],
  }
  return <Chart option={option} style={{ height: 220 }} notMerge />
}

function OrderPlanView({ op, pickup, region }: { op: OrderPlan; pickup: [number, number]; region: string | null }) {
  const { t, i18n } = useTranslation('orders')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  return (
    <Flex vertical gap={16}>
      {op.shortfall > 0 && op.shortfallReason && (
        <Alert
          type="warning"
          showIcon
          title={`${t('plan.shortfall')} ${op.shortfall.toLocaleString()}`}
          description={op.shortfallReason[lang]}
        />
      )}
      <Card size="small" title={t('plan.title')}>
        <Descriptions
          size="small"
          column={{ xs: 2, md: 4 }}
          items={[
            { key: 'c', label: t('plan.candidates'), children: op.candidates },
            {
              key: 'w',
              label: t('plan.workshopsUsed'),
              children: `${op.objective.workshopsUsed} / ${op.greedy.objective.workshopsUsed}`,
            },
            {
              key: 'v',
              label: t('plan.covered'),
              children: `${op.covered.toLocaleString()} / ${op.quantity.toLocaleString()}`,
            },
            {
              key: 'o',
              label: t('plan.objective'),
              children: `${fenText(op.objective.totalFen)} / ${fenText(op.greedy.objective.totalFen)}`,
            },
          ]}
        />
        <ListTable
          rowKey="workshopId"
          scroll={{ x: true }}
          dataSource={op.lines}
          data-testid="plan-table"
          columns={[
            { key: 'w', title: t('fields.workshop'), dataIndex: 'workshopName' },
            { key: 'q', title: t('plan.quantity'), dataIndex: 'quantity', align: 'right' },
            { key: 'd', title: t('fields.distance'), render: (l) => `${l.distanceKm} km` },
            { key: 'e', title: t('plan.days'), dataIndex: 'expectedDays', align: 'right' },
            { key: 'y', title: t('plan.why'), render: (l) => l.why[lang] },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('plan.map')}>
            <PlanMap plan={op} pickup={pickup} region={region} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('plan.parts')}>
            <CostChart plan={op} />
            <Typography.Text type="secondary">
              {t('plan.optimised')} <Money fen={Math.round(op.objective.totalFen)} /> · {t('plan.greedy')}{' '}
              <Money fen={Math.round(op.greedy.objective.totalFen)} />
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </Flex>
  )
}

/** One order (/orders/:id/plan) or several planned together (/plans/new?orders=a,b,c), sharing capacity. */
export default function PlanPage() {
  const codes = useCodeLabels()
  const { t } = useTranslation('orders')
  const { id } = useParams()
  const [search] = useSearchParams()
  const ids = id ? [id] : (search.get('orders') ?? '').split(',').filter(Boolean)
  const navigate = useNavigate()
  const mobile = useIsMobile()
  const { message } = App.useApp()
  const order = useOrder(id)
  const [plan, setPlan] = useState<Plan | null>(null)
  const [accepted, setAccepted] = useState(false)
  const run = useOrderAction((opts: { maxDistanceKm: number; maxWorkshops?: number }) =>
    ids.length === 1
      ? api.POST('/orders/{id}/plan', { params: { path: { id: ids[0]! } }, body: opts }).then(ok)
      : api.POST('/plans', { body: { ...opts, orderIds: ids } }).then(ok),
  )
  const accept = useOrderAction((planId: string) => api.POST('/plans/{id}/accept', { params: { path: { id: planId } } }).then(ok))
  // Pick-up points for the maps come from the orders list (multi) or the order itself.
  const [pickups, setPickups] = useState<Record<string, { at: [number, number]; region: string }>>({})
  const pickupOf = (orderId: string): [number, number] =>
    pickups[orderId]?.at ??
    (order.data && order.data.id === orderId ? [order.data.pickupLng, order.data.pickupLat] : [0, 0])
  const regionOf = (orderId: string): string | null =>
    pickups[orderId]?.region ?? (order.data && order.data.id === orderId ? order.data.regionCode : null)

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={`${t('plan.title')} · ${ids.length === 1 ? (order.data?.product ?? '') : `${ids.length} ${t('menu.orders')}`}`}
        parents={ids.length === 1 && order.data ? [{ title: order.data.product, path: `/orders/${order.data.id}` }] : []}
      />
      <Card>
        <Form
          layout={mobile ? 'vertical' : 'inline'}
          initialValues={{ maxDistanceKm: 80 }}
          onFinish={async (v) => {
            setAccepted(false)
            const result = await run.mutateAsync({
              maxDistanceKm: v.maxDistanceKm,
              maxWorkshops: v.maxWorkshops ?? undefined,
            })
            if (ids.length > 1) {
              const list = await Promise.all(ids.map((oid) => api.GET('/orders/{id}', { params: { path: { id: oid } } }).then(ok).catch(() => null)))
              setPickups(
                Object.fromEntries(
                  list.filter(Boolean).map((o) => [o!.id, { at: [o!.pickupLng, o!.pickupLat] as [number, number], region: o!.regionCode }]),
                ),
              )
            }
            setPlan(result)
          }}
        >
          <Form.Item name="maxDistanceKm" label={t('plan.maxDistanceKm')}>
            <InputNumber min={1} max={1000} />
          </Form.Item>
          <Form.Item name="maxWorkshops" label={t('plan.maxWorkshops')}>
            <InputNumber min={1} max={1000} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="run-plan">
              {plan ? t('plan.rerun') : t('plan.run')}
            </Button>
          </Form.Item>
        </Form>
        {run.isError && (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert error={run.error} />
          </div>
        )}
      </Card>
      {plan && (
        <>
          <StatCards md={6} items={[
            { title: t('plan.objective'), value: fenText(plan.solver.objectiveFen) },
            { title: t('plan.greedy'), value: fenText(plan.solver.greedyObjectiveFen) },
            {
              title: t('plan.saving'),
              value: plan.solver.ratio === null ? '—' : `${Math.round((1 - plan.solver.ratio) * 1000) / 10}%`,
              color: '#389e0d',
            },
            {
              title: t('plan.covered'),
              value: plan.orders.reduce((s, o) => s + o.covered, 0),
              suffix: `/ ${plan.orders.reduce((s, o) => s + o.quantity, 0).toLocaleString()}`,
            },
          ]} />
          {/* The plan in one sentence; the solver's own figures stay behind 详情. */}
          <Alert
            type={plan.solver.status.startsWith('optimal') ? 'success' : 'info'}
            showIcon
            data-testid="plan-summary"
            title={t('plan.summary', {
              status: codes.solverStatus(plan.solver.status),
              n: new Set(plan.orders.flatMap((o) => o.lines.map((l) => l.workshopId))).size,
              saving: formatFen(Math.max(0, Math.round(plan.solver.greedyObjectiveFen - plan.solver.objectiveFen))),
            })}
          />
          <Collapse
            size="small"
            items={[
              {
                key: 'solver',
                label: t('plan.details'),
                children: (
                  <Descriptions
                    size="small"
                    column={{ xs: 2, md: 4 }}
                    items={[
                      { key: 's', label: t('plan.status'), children: codes.solverStatus(plan.solver.status) },
                      {
                        key: 'g',
                        label: t('plan.gap'),
                        children: plan.solver.mipGap === null ? '—' : `${(plan.solver.mipGap * 100).toFixed(2)}%`,
                      },
                      { key: 't', label: t('plan.time'), children: `${plan.solver.solveMs} ms` },
                      {
                        key: 'v',
                        label: t('plan.size'),
                        children: `${plan.solver.variables} / ${plan.solver.constraints}`,
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
          {plan.orders.length === 1 ? (
            <OrderPlanView op={plan.orders[0]!} pickup={pickupOf(plan.orders[0]!.orderId)} region={regionOf(plan.orders[0]!.orderId)} />
          ) : (
            <Tabs
              items={plan.orders.map((op) => ({
                key: op.orderId,
                label: op.product,
                children: <OrderPlanView op={op} pickup={pickupOf(op.orderId)} region={regionOf(op.orderId)} />,
              }))}
            />
          )}
          <Flex gap={8}>
            <Button
              type="primary"
              size="large"
              disabled={accepted || plan.orders.every((o) => o.lines.length === 0)}
              loading={accept.isPending}
              data-testid="accept-plan"
              onClick={async () => {
                await accept.mutateAsync(plan.id)
                setAccepted(true)
                message.success(t('plan.accepted'))
              }}
            >
              {t('plan.accept')}
            </Button>
            {accepted && (
              <Button onClick={() => navigate(ids.length === 1 ? `/orders/${ids[0]}` : '/orders')}>
                {t('menu.orders')}
              </Button>
            )}
          </Flex>
          {accepted && <Alert type="success" showIcon title={t('plan.accepted')} data-testid="plan-accepted" />}
          {accept.isError && <ProblemAlert error={accept.error} />}
        </>
      )}
    </Flex>
  )
}
