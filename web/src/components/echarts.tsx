import ReactEChartsCore from 'echarts-for-react/esm/core'
import type { EChartsReactProps } from 'echarts-for-react/esm/types'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, LinesChart, MapChart, ScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

// Only the charts the pages draw are registered: the whole `echarts` package is ≈ 360 KB gzip, this set a third
// of it. A page that needs another chart type or component registers it here, or ECharts warns and draws nothing.
echarts.use([BarChart, LineChart, LinesChart, MapChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer])

export { echarts }

/** ECharts as a React component, bound to the registered subset. */
export function Chart(props: Omit<EChartsReactProps, 'echarts'>) {
  return <ReactEChartsCore echarts={echarts} {...props} />
}
