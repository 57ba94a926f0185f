import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws is bundled (bars, axes, tooltip, legend), and only in this lazy chunk. The canvas
// renderer draws pixels: no inline script or style the Content-Security-Policy would refuse.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** A chart in `el`, drawn on canvas. */
export function createChart(el: HTMLElement): ECharts {
  return init(el, undefined, { renderer: 'canvas' });
}

/**
 * Tooltips drawn on the canvas too: the HTML tooltip writes markup with style attributes (refused by the CSP) and
 * would put names into innerHTML.
 */
export const TOOLTIP: TooltipComponentOption = { trigger: 'axis', renderMode: 'richText' };
