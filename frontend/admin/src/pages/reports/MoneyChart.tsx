import { Empty } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One series of a report chart: yuan per period (display values, never summed). */
export interface ReportSeries {
  name: string;
  fen: number[];
  line?: boolean;
  colour?: string;
}

/**
 * Money per period as stacked bars (and lines), in yuan. Tooltips are canvas text: HTML
 * tooltips carry style attributes the page's CSP refuses.
 */
export default function MoneyChart({ periods, series, height = 300 }: { periods: string[]; series: ReportSeries[]; height?: number }) {
  const { t } = useTranslation();
  if (periods.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.empty')} />;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      option={{
        tooltip: { renderMode: 'richText', trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 72, right: 24, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: periods },
        yAxis: { type: 'value', name: t('reports.yuan') },
        series: series.map((s) => ({
          name: s.name,
          type: s.line ? 'line' : 'bar',
          stack: s.line ? undefined : 'money',
          color: s.colour,
          data: s.fen.map((f) => f / 100),
        })),
      }}
    />
  );
}
