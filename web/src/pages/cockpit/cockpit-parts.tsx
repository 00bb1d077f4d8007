import { useMemo } from 'react'
import { Typography } from 'antd'
import { Chart, echarts } from '../../components/echarts'
import { useTranslation } from 'react-i18next'
import { type TrendFigure } from '@gongfang/shared/cockpit'
import { formatAxisYuan } from '../../components/money'
import { useIsMobile } from '../../components/use-is-mobile'
import { formatFigure, MONEY_FIGURES } from './figure-format'
import { countyGeoLayer, useCountyGeo } from '../../components/region-maps'
import { useQuery } from '@tanstack/react-query'
import { api, ok } from '../../api/client'

export { CARD_FIGURES, ChildrenTable, FigureCards, RegionMap, type ChildRow } from './cockpit-figures'

export function TrendChart({ series, figure }: { series: { month: string; value: number | null }[]; figure: TrendFigure }) {
  const { t, i18n } = useTranslation('cockpit')
  const mobile = useIsMobile()
  const money = MONEY_FIGURES.has(figure)
  const option = {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatFigure(figure, v, i18n.language) },
    xAxis: { type: 'category', data: series.map((s) => s.month) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (money ? formatAxisYuan(v / 100, i18n.language) : String(v)) } },
    series: [{ name: t(`figures.${figure}`), type: figure === 'workshopsOperating' ? 'line' : 'bar', data: series.map((s) => s.value), itemStyle: { color: '#b7312c' } }],
  }
  return <Chart option={option} notMerge style={{ height: mobile ? 220 : 280 }} />
}

/**
 * A county (or a township within it) has no boundaries below the county in the map files: the county's outline
 * with its workshops as points sized by their members; a click opens the workshop.
 */
export function CountyMap({ region, onOpen }: { region: string; onOpen: (workshopId: string) => void }) {
  const { t } = useTranslation('cockpit')
  const mobile = useIsMobile()
  const county = useCountyGeo(region)
  const geo = county.data
  const workshops = useQuery({
    queryKey: ['workshops', 'map', region],
    queryFn: ({ signal }) => api.GET('/workshops', { params: { query: { region, status: 'operating', pageSize: 200 } }, signal }).then(ok),
  })
  const items = useMemo(() => workshops.data?.items ?? [], [workshops.data])
  const placed = items.filter((w) => w.lng != null && w.lat != null)
  const option = useMemo(() => {
    if (!geo) return null
    const max = Math.max(1, ...items.map((w) => w.memberCount))
    return {
      tooltip: {
        trigger: 'item',
        // Rendered as HTML by ECharts: workshop and place names are user text, escaped.
        formatter: (p: { data?: { name?: string; place?: string; members?: number } }) =>
          p.data?.name
            ? `${echarts.format.encodeHTML(p.data.name)}<br/>${echarts.format.encodeHTML(p.data.place ?? '')}<br/>${echarts.format.encodeHTML(t('mapMembers', { n: p.data.members ?? 0 }))}`
            : '',
      },
      geo: countyGeoLayer(geo, { roam: true, size: '92%' }),
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          itemStyle: { color: '#b7312c', opacity: 0.75, borderColor: '#fff', borderWidth: 1 },
          symbolSize: (v: number[]) => 8 + 22 * Math.sqrt((v[2] ?? 0) / max),
          data: items
            .filter((w) => w.lng != null && w.lat != null)
            .map((w) => ({ id: w.id, name: w.name, place: w.regionName ?? '', members: w.memberCount, value: [w.lng, w.lat, w.memberCount] })),
        },
      ],
    }
  }, [geo, items, t])
  const height = mobile ? 300 : 440
  if (!geo && !county.isLoading) return <Typography.Text type="secondary">{t('mapNoCounty')}</Typography.Text>
  if (!option) return <div style={{ height }} />
  return (
    <div data-testid="cockpit-county-map" data-map={geo!.countyMap} data-points={placed.length}>
      <Chart
        option={option}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={{ click: (p: { data?: { id?: string } }) => p.data?.id && onOpen(p.data.id) }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('mapWorkshops', { n: placed.length, county: geo!.countyName })}
        {items.length > placed.length ? ` · ${t('mapUnplaced', { n: items.length - placed.length })}` : ''}
      </Typography.Text>
    </div>
  )
}
