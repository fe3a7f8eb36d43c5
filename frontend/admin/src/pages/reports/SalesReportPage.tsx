import { PageContainer, ProCard, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Space } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { ReportPeriod, SalesReportFilter, SalesReportQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { ExportButton, figureColumns, RangePicker, SitePicker, useReportRange } from './reportParts';

// ECharts is loaded only when the chart draws (its own chunk).
const MoneyChart = lazy(() => import('./MoneyChart'));

const salesReportQuery = graphql(`
  query SalesReport($filter: SalesReportFilter!) {
    salesReport(filter: $filter) {
      periods {
        start
        byChannel {
          channel
          netFen
        }
        total {
          salesFen
          salesCount
          refundsFen
          refundCount
          reversalsFen
          reversalCount
          netFen
        }
      }
      byChannel {
        channel
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
      byOperator {
        operatorId
        name
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
      total {
        salesFen
        salesCount
        refundsFen
        refundCount
        reversalsFen
        reversalCount
        netFen
      }
    }
  }
`);

type Report = SalesReportQuery['salesReport'];
/** A channel's row, or the total row (channel "total"). */
type ChannelRow = Omit<Report['byChannel'][number], 'channel'> & { channel: string };
const periods = ['day', 'month', 'year'] as const;
const channelColour: Record<string, string> = { cash: '#52c41a', bank: '#1677ff', wechat: '#13c2c2', alipay: '#722ed1' };

/**
 * 销售统计: sales, refunds and reversals by day, month or year, charted by channel, with the
 * totals by channel and by operator. A cashier sees their own takings (the server confines it).
 */
export default function SalesReportPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const { from, to, period } = useReportRange(f, periods);
  const filter: SalesReportFilter = { ...compactFilter({ siteId: f.get('siteId') }), from, to, period: period as ReportPeriod };
  const q = useQuery({ queryKey: ['reports', 'sales', filter], queryFn: ({ signal }) => request(salesReportQuery, { filter }, signal) });
  const r = q.data?.salesReport;
  const channelName = (c: string) => t(`channel.${c}` as 'channel.cash');
  const channelColumns: ProColumns<ChannelRow>[] = [
    { title: t('reports.channel'), dataIndex: 'channel', render: (_, c) => (c.channel === 'total' ? <strong>{t('reports.total')}</strong> : channelName(c.channel)) },
    ...figureColumns<ChannelRow>(t, (c) => c),
  ];
  const operatorColumns: ProColumns<Report['byOperator'][number]>[] = [
    { title: t('reports.operator'), dataIndex: 'name' },
    ...figureColumns<Report['byOperator'][number]>(t, (o) => o),
  ];
  const periodColumns: ProColumns<Report['periods'][number]>[] = [
    { title: t('reports.periodStart'), dataIndex: 'start' },
    ...figureColumns<Report['periods'][number]>(t, (p) => p.total),
  ];
  const channelRows: ChannelRow[] = r ? [...r.byChannel, { ...r.total, channel: 'total' }] : [];
  return (
    <PageContainer title={t('reports.sales.title')} subTitle={t('reports.sales.subtitle')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <SitePicker filter={f} />
        <RangePicker filter={f} from={from} to={to} period={period} periods={periods} />
        <ExportButton report="salesReport" filter={filter} />
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !r ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ProCard title={t('reports.sales.chart')} bordered>
            <Suspense fallback={<PageLoading />}>
              <MoneyChart
                periods={r.periods.map((p) => p.start)}
                series={['cash', 'bank', 'wechat', 'alipay'].map((c) => ({
                  name: channelName(c),
                  colour: channelColour[c],
                  fen: r.periods.map((p) => p.byChannel.find((x) => x.channel === c)?.netFen ?? 0),
                }))}
              />
            </Suspense>
          </ProCard>
          <ProCard title={t('reports.byChannel')} bordered>
            <ProTable
              rowKey="channel"
              search={false}
              options={false}
              pagination={false}
              columns={channelColumns}
              dataSource={channelRows}
              data-testid="sales-by-channel"
              locale={{ emptyText: t('reports.empty') }}
            />
          </ProCard>
          <ProCard title={t('reports.byOperator')} bordered>
            <ProTable rowKey={(o) => `${o.operatorId ?? ''}:${o.name}`} search={false} options={false} pagination={false} columns={operatorColumns} dataSource={r.byOperator} data-testid="sales-by-operator" locale={{ emptyText: t('reports.empty') }} />
          </ProCard>
          <ProCard title={t('reports.byPeriod')} bordered>
            <ProTable rowKey="start" search={false} options={false} pagination={false} columns={periodColumns} dataSource={r.periods} data-testid="sales-by-period" locale={{ emptyText: t('reports.empty') }} />
          </ProCard>
        </Space>
      )}
    </PageContainer>
  );
}
