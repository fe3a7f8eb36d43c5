import { Empty } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/time';
import { kwhValue, touColour, touPeriods } from './tou';

// Only the charts drawn here are registered, so the chunk carries nothing else.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One point of energyUsage. */
export interface TrendPoint {
  start: string;
  energyWh: number | string;
  amountFen: number | string;
  sharpWh?: number | string | null;
  peakWh?: number | string | null;
  flatWh?: number | string | null;
  valleyWh?: number | string | null;
}

// The part of "2026-12-07 20:15:04" each interval's axis shows.
const label = { hour: (s: string) => s.slice(11, 16), day: (s: string) => s.slice(5, 10), month: (s: string) => s.slice(0, 7) } as const;

/**
 * Energy per interval as bars, split by time-of-use period when the meters keep rate registers,
 * and what charging took as a line on its own axis. Tooltips are canvas text: HTML tooltips
 * carry style attributes the page's CSP refuses.
 */
export default function EnergyTrendChart({ points, interval, height = 320 }: { points: TrendPoint[]; interval: keyof typeof label; height?: number }) {
  const { t } = useTranslation();
  if (points.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('energy.noPoints')} />;
  const tou = points.some((p) => touPeriods.some((k) => p[`${k}Wh`] != null));
  const bars = tou
    ? touPeriods.map((k) => ({
        name: t(`energy.period.${k}`),
        type: 'bar' as const,
        stack: 'energy',
        color: touColour[k],
        data: points.map((p) => kwhValue(p[`${k}Wh`] ?? 0)),
      }))
    : [{ name: t('energy.energy'), type: 'bar' as const, color: '#1677ff', data: points.map((p) => kwhValue(p.energyWh)) }];
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      option={{
        tooltip: { renderMode: 'richText', trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 56, right: 64, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: points.map((p) => label[interval](formatTime(p.start))) },
        yAxis: [
          { type: 'value', name: 'kWh' },
          { type: 'value', name: t('energy.yuan'), splitLine: { show: false } },
        ],
        series: [
          ...bars,
          {
            name: t('energy.amount'),
            type: 'line',
            yAxisIndex: 1,
            color: '#722ed1',
            smooth: true,
            // Yuan for the axis only: a display value, never summed.
            data: points.map((p) => Number(p.amountFen) / 100),
          },
        ],
      }}
    />
  );
}
