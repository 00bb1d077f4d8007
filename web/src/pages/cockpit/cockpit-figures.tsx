import { useMemo } from 'react'
import { Button, Card, Col, Progress, Row, Statistic, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CockpitFigures, CockpitSummary, PublicFigures, TrendFigure } from '@gongfang/shared/cockpit'
import { WORKSHOP_TYPES } from '@gongfang/shared/workshop-types'
import { formatFen } from '../../components/money'
import { useIsMobile } from '../../components/use-is-mobile'
import { echarts, MapChart } from '../../components/echarts-map'
import { formatFigure, MONEY_FIGURES } from './figure-format'
import { mapFileFor, useGeoJson } from './api'
import { registerRegionMap } from '../../components/region-maps'

// The figures, the children's table and the region map: what the public page shows, apart from the cockpit's
// trend and county charts (cockpit-parts.tsx), so that it loads ECharts' map alone, not every chart type.
type AnyFigures = CockpitFigures | PublicFigures
const suppressedOf = (f: AnyFigures) => ('suppressed' in f ? (f.suppressed as string[]) : [])

export const CARD_FIGURES = [
  'workshopsOperating',
  'enterprisesLinked',
  'workersEmployed',
  'lowIncomeEmployed',
  'disabledEmployed',
  'wagesFen',
  'avgMonthlyIncreaseFen',
  'collectiveIncomeFen',
  'deliveredQty',
  'salesFen',
] as const

/** The big-number cards; the workshop card carries its target and the split by type. */
export function FigureCards({ figures, targets = [] }: { figures: AnyFigures; targets?: CockpitSummary['targets'] }) {
  const { t, i18n } = useTranslation('cockpit')
  const suppressed = suppressedOf(figures)
  const wsTarget = targets.find((x) => ['workshops', 'workshops_operating'].includes(x.figure))
  return (
    <Row gutter={[12, 12]} data-testid="cockpit-cards">
      {CARD_FIGURES.map((key) => {
        const value = figures[key] as number | null
        const text = formatFigure(key, value, i18n.language, suppressed.includes(key))
        return (
          <Col key={key} xs={12} sm={8} lg={6} xl={4}>
            <Card size="small" styles={{ body: { padding: 12 } }} data-figure={key}>
              <Statistic
                title={t(`figures.${key}`)}
                valueRender={() => (
                  <Tooltip title={value != null && MONEY_FIGURES.has(key) ? formatFen(value) : undefined}>
                    <span style={{ fontSize: 22, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{text}</span>
                  </Tooltip>
                )}
              />
              {key === 'workshopsOperating' && wsTarget && (
                <Tooltip title={t('target', { value: wsTarget.value.toLocaleString(), year: wsTarget.year })}>
                  <Progress percent={Math.min(100, Math.round(((wsTarget.actual ?? 0) * 100) / wsTarget.value))} size="small" />
                </Tooltip>
              )}
              {key === 'workshopsOperating' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {WORKSHOP_TYPES.filter((ty) => figures.workshopsByType[ty] > 0)
                    .map((ty) => `${t(`types.${ty}`)} ${figures.workshopsByType[ty]}`)
                    .join(' · ') || ' '}
                </Typography.Text>
              )}
            </Card>
          </Col>
        )
      })}
    </Row>
  )
}

export interface ChildRow {
  code: string
  name: string
  level: string
  figures: AnyFigures
}

const TABLE_FIGURES = ['workshopsOperating', 'enterprisesLinked', 'workersEmployed', 'lowIncomeEmployed', 'disabledEmployed', 'wagesFen', 'avgMonthlyIncreaseFen', 'deliveredQty', 'collectiveIncomeFen', 'salesFen'] as const

export function ChildrenTable({ items, onDrill, loading, linkWorkshops = false }: { items: ChildRow[]; onDrill?: (code: string) => void; loading?: boolean; linkWorkshops?: boolean }) {
  const { t, i18n } = useTranslation('cockpit')
  const columns: ColumnsType<ChildRow> = [
    {
      title: t('name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 140,
      render: (name: string, row) =>
        row.level === 'workshop' && linkWorkshops ? (
          <Link to={`/workshops/${row.code}`}>{name}</Link>
        ) : onDrill && row.level !== 'workshop' ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(row.code)}>
            {name}
          </Button>
        ) : (
          name
        ),
    },
    ...TABLE_FIGURES.map((key) => ({
      title: t(`figures.${key}`),
      key,
      align: 'right' as const,
      width: 120,
      sorter: (a: ChildRow, b: ChildRow) => ((a.figures[key] as number | null) ?? -1) - ((b.figures[key] as number | null) ?? -1),
      render: (_: unknown, row: ChildRow) => formatFigure(key, row.figures[key] as number | null, i18n.language, suppressedOf(row.figures).includes(key)),
    })),
  ]
  return (
    <Table<ChildRow>
      data-testid="cockpit-children"
      rowKey="code"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 140 + TABLE_FIGURES.length * 120 }}
    />
  )
}

/** The map of a province (by city) or city (by county), coloured by one figure; click a place to drill in. */
export function RegionMap({ region, items, figure, onPick }: { region: string; items: ChildRow[]; figure: TrendFigure; onPick: (code: string) => void }) {
  const { t, i18n } = useTranslation('cockpit')
  const mobile = useIsMobile()
  const file = mapFileFor(region)
  const geo = useGeoJson(file)
  const option = useMemo(() => {
    if (!file || !geo.data) return null
    const mapName = registerRegionMap(file, geo.data)
    const names = new Map(items.map((c) => [c.code, c.name]))
    const values = items.map((c) => ({ name: c.code, value: (c.figures[figure] as number | null) ?? 0 }))
    const max = Math.max(1, ...values.map((v) => v.value))
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          // Rendered as HTML by ECharts: names are escaped.
          `${echarts.format.encodeHTML(names.get(p.name) ?? p.name)}<br/>${echarts.format.encodeHTML(t(`figures.${figure}`))}: ${formatFigure(figure, Number.isFinite(p.value) ? p.value : 0, i18n.language)}`,
      },
      visualMap: {
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        itemHeight: mobile ? 80 : 120,
        inRange: { color: ['#fdf1ef', '#f2a397', '#b7312c'] },
        formatter: (v: number) => formatFigure(figure, Math.round(v), i18n.language),
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: false,
          selectedMode: false,
          label: { show: true, fontSize: mobile ? 9 : 11, formatter: (p: { name: string }) => names.get(p.name) ?? '' },
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd666' } },
          data: values,
        },
      ],
    }
  }, [file, geo.data, items, figure, mobile, t, i18n.language])
  if (!file) return <Typography.Text type="secondary">{t('mapNone')}</Typography.Text>
  if (!option) return <div style={{ height: mobile ? 300 : 440 }} />
  return (
    <div data-testid="cockpit-map" data-map={file}>
      <MapChart
        option={option}
        notMerge
        style={{ height: mobile ? 300 : 440, width: '100%' }}
        onEvents={{ click: (p: { name?: string }) => p.name && onPick(p.name) }}
      />
    </div>
  )
}
