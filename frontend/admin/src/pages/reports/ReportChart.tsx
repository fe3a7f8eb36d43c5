import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// The report pages' charts: bars (stacked or side by side) over categories, or a pie. Only
// these are registered, so the chunk carries nothing else; loaded when a page draws one.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// Tooltips as canvas text, not HTML: HTML tooltips carry style attributes the page's CSP refuses.
const tooltip = { renderMode: 'richText' as const };

export interface BarSeries {
  name: string;
  data: number[];
  color?: string;
}

export interface ReportChartProps {
  kind: 'bar' | 'pie';
  categories: string[];
  series: BarSeries[];
  stacked?: boolean;
  unit?: string;
  height?: number;
  testId?: string;
}

export default function ReportChart({ kind, categories, series, stacked, unit = '', height = 280, testId }: ReportChartProps) {
  const format = (v: number) => `${v}${unit ? ` ${unit}` : ''}`;
  const option =
    kind === 'pie'
      ? {
          tooltip: { ...tooltip, trigger: 'item', valueFormatter: format },
          legend: { bottom: 0, type: 'scroll' },
          series: [
            {
              type: 'pie',
              radius: ['38%', '65%'],
              label: { formatter: '{b}\n{d}%' },
              data: categories.map((c, i) => ({ name: c, value: series[0]?.data[i] ?? 0 })),
            },
          ],
        }
      : {
          tooltip: { ...tooltip, trigger: 'axis', valueFormatter: format },
          legend: { top: 0, type: 'scroll' },
          grid: { left: 56, right: 16, top: 40, bottom: 48 },
          xAxis: { type: 'category', data: categories, axisLabel: { rotate: categories.length > 10 ? 30 : 0 } },
          yAxis: { type: 'value', name: unit, minInterval: 1 },
          series: series.map((s) => ({ name: s.name, type: 'bar', stack: stacked ? 'all' : undefined, color: s.color, data: s.data })),
        };
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} style={{ height }} notMerge option={option} />
    </div>
  );
}
