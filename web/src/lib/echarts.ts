// ECharts with only what the chart builder uses (tree-shaken), plus the China map from the
// GeoJSON of echarts 4 (npm alias echarts-china-map; province names are short forms: 广东).
import * as echarts from 'echarts/core'
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  AriaComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import chinaGeoJson from 'echarts-china-map/map/json/china.json'

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
])

let mapRegistered = false
export function ensureChinaMap(): void {
  if (mapRegistered) return
  echarts.registerMap('china', chinaGeoJson as unknown as Parameters<typeof echarts.registerMap>[1])
  mapRegistered = true
}

export { echarts }
