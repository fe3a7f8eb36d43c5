import { Col, Empty, Row } from 'antd';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { kwhValue, touColour, touPeriods, touTotals, type TouPeriod } from './tou';

// Only the charts this page draws are registered, so the chunk carries nothing else.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// Tooltips as canvas text, not HTML: HTML tooltips carry style attributes the page's CSP refuses.
const tooltip = { renderMode: 'richText' as const };

export default function TouCharts({ meters }: { meters: { name: string; split: Record<TouPeriod, number> }[] }) {
  const { t } = useTranslation();
  const totals = touTotals(meters.map((m) => m.split));
  // Meters never read (or without TOU registers) have nothing to chart.
  if (touPeriods.every((p) => totals[p] === 0)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('energy.noReadings')} />;
  const label = (p: TouPeriod) => t(`energy.period.${p}`);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <ReactEChartsCore
          echarts={echarts}
          style={{ height: 320 }}
          notMerge
          option={{
            tooltip: { ...tooltip, trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(2)} kWh` },
            legend: { top: 0 },
            grid: { left: 56, right: 16, top: 40, bottom: 56 },
            xAxis: { type: 'category', data: meters.map((m) => m.name), axisLabel: { rotate: meters.length > 8 ? 30 : 0 } },
            yAxis: { type: 'value', name: 'kWh' },
            series: touPeriods.map((p) => ({
              name: label(p),
              type: 'bar',
              stack: 'tou',
              color: touColour[p],
              data: meters.map((m) => kwhValue(m.split[p])),
            })),
          }}
        />
      </Col>
      <Col xs={24} lg={8}>
        <ReactEChartsCore
          echarts={echarts}
          style={{ height: 320 }}
          notMerge
          option={{
            tooltip: { ...tooltip, trigger: 'item', valueFormatter: (v: number) => `${v.toFixed(2)} kWh` },
            legend: { bottom: 0 },
            series: [
              {
                type: 'pie',
                radius: ['40%', '68%'],
                label: { formatter: '{b}\n{d}%' },
                data: touPeriods.map((p) => ({ name: label(p), value: kwhValue(totals[p]), itemStyle: { color: touColour[p] } })),
              },
            ],
          }}
        />
      </Col>
    </Row>
  );
}
