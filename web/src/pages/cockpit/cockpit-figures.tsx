import { useMemo } from 'react'
import { Button, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TrendFigure } from '@gongfang/shared/cockpit'
import { useIsMobile } from '../../components/use-is-mobile'
import { echarts, MapChart } from '../../components/echarts-map'
import { mapFileFor, useGeoJson } from './api'
import { registerRegionMap } from '../../components/region-maps'
import { formatFigure, suppressedOf, TABLE_FIGURES, type AnyFigures } from './figure-format'

// The children's table and the ECharts region map of the cockpit, apart from its trend and county charts
// (cockpit-parts.tsx). The public page draws its own light map and table (pages/public/public-parts.tsx).

export { CARD_FIGURES } from './figure-format'
export { FigureCards } from './figure-cards'

export interface ChildRow {
  code: string
  name: string
  level: string
  figures: AnyFigures
}

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
