// ECharts, loaded piece by piece (bar, line, pie, graph, heat map and map on canvas) to keep the bundle small. Every
// chart is registered on window.__xinzhi.charts so end-to-end tests can read what it shows.
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, HeatmapChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GeoComponent, GridComponent, MarkAreaComponent, TooltipComponent, LegendComponent, TitleComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GraphChart, HeatmapChart, LineChart, MapChart, PieChart, GeoComponent, GridComponent, TooltipComponent, LegendComponent, TitleComponent,
  VisualMapComponent, DataZoomComponent, MarkAreaComponent, CanvasRenderer]);

declare global {
  interface Window {
    __xinzhi: { charts: Record<string, echarts.ECharts> };
  }
}
window.__xinzhi = window.__xinzhi ?? { charts: {} };

export function mountChart(name: string, el: HTMLElement, option: echarts.EChartsCoreOption): echarts.ECharts {
  window.__xinzhi.charts[name]?.dispose();
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption(option);
  window.__xinzhi.charts[name] = chart;
  return chart;
}

// Boundaries for map series, registered once per name: the GeoJSON is fetched by the page that
// draws the map (it is not in the bundle), and ECharts keeps a registered map for the session.
export function registerMapOnce(name: string, geoJson: object): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

export function disposeCharts(): void {
  for (const chart of Object.values(window.__xinzhi.charts)) chart.dispose();
  window.__xinzhi.charts = {};
}

window.addEventListener('resize', () => {
  for (const chart of Object.values(window.__xinzhi.charts)) chart.resize();
});
