import { useEffect, useMemo, useRef } from 'react'
import { App, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { EChartsType } from 'echarts/core'
import { Chart } from '../../components/echarts'
import { pointInGeometry } from '../../components/geo'
import { countyGeoLayer, useCountyGeo } from '../../components/region-maps'
import { useIsMobile } from '../../components/use-is-mobile'

// Four decimals of a degree ≈ 10 m: as precise as a click on a county map can be.
const round4 = (v: number) => Math.round(v * 10_000) / 10_000

/** The county's outline; a click inside it sets the pick-up point (lng, lat), a click outside is refused. */
export function PickupMap({ region, value, onPick }: { region: string | null; value?: [number, number]; onPick: (p: [number, number]) => void }) {
  const { t } = useTranslation('orders')
  const { message } = App.useApp()
  const mobile = useIsMobile()
  const geo = useCountyGeo(region).data
  // The click handler is bound once per chart: it reads the newest geometry and callback through refs.
  const outside = () => void message.warning(t('pickupOutside', { county: geo?.countyName ?? '' }))
  const latest = useRef({ geo, onPick, outside })
  useEffect(() => {
    latest.current = { geo, onPick, outside }
  })
  const inside = !!geo && !!value && pointInGeometry(geo.geometry, value)
  const option = useMemo(() => {
    if (!geo) return null
    return {
      geo: { ...countyGeoLayer(geo, { roam: false, size: '95%' }), label: { show: false } },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'pin',
          symbolSize: 34,
          silent: true,
          itemStyle: { color: '#b7312c' },
          data: inside && value ? [{ value }] : [],
        },
      ],
    }
  }, [geo, value, inside])

  if (!region) return <Typography.Text type="secondary">{t('pickupNoCounty')}</Typography.Text>
  if (!option) return <div style={{ height: mobile ? 260 : 360 }} />
  return (
    <div data-testid="pickup-map" data-map={geo!.countyMap}>
      <Chart
        option={option}
        notMerge
        style={{ height: mobile ? 260 : 360, width: '100%', cursor: 'crosshair' }}
        onChartReady={(chart: EChartsType) => {
          chart.getZr().on('click', (e) => {
            const { geo: g, onPick: pick, outside } = latest.current
            if (!g) return
            const p = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined
            if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return
            const at: [number, number] = [round4(p[0]!), round4(p[1]!)]
            if (pointInGeometry(g.geometry, at)) pick(at)
            else outside()
          })
        }}
      />
      {/* i18next takes an option named `lng` for the language: the coordinates go in as x and y. */}
      <Typography.Text type="secondary" data-testid="pickup-at">
        {inside && value ? t('pickupAt', { county: geo!.countyName, x: value[0].toFixed(4), y: value[1].toFixed(4) }) : t('pickupHint', { county: geo!.countyName })}
      </Typography.Text>
    </div>
  )
}
