import { getInstanceByDom, init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// Only what the option builders use: keeps the bundle to a fraction of the full ECharts build.
// Charts draw on canvas; the SVG renderer is there for exporting a chart as an SVG file.
use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export { getInstanceByDom, init };
