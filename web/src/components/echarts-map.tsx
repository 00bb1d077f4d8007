import ReactEChartsCore from 'echarts-for-react/esm/core'
import type { EChartsReactProps } from 'echarts-for-react/esm/types'
import * as echarts from 'echarts/core'
import { MapChart as EChartsMap } from 'echarts/charts'
import { TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

// What a coloured region map needs and nothing else: the public page loads this, not the cockpit's line, bar,
// scatter and lines charts with their grid and legend (echarts.tsx registers those on the same instance).
echarts.use([EChartsMap, TooltipComponent, VisualMapComponent, CanvasRenderer])

export { echarts }

/** An ECharts map as a React component (map series, tooltip, visual map). */
export function MapChart(props: Omit<EChartsReactProps, 'echarts'>) {
  return <ReactEChartsCore echarts={echarts} {...props} />
}
