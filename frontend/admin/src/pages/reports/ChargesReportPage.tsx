import { PageContainer, ProCard, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Select, Space } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { ChargesReportFilter, ChargesReportQuery, ReportPeriod } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { formatFen } from '../../lib/money';
import { ExportButton, RangePicker, SitePicker, useReportRange } from './reportParts';

const MoneyChart = lazy(() => import('./MoneyChart'));

const chargesReportQuery = graphql(`
  query ChargesReport($filter: ChargesReportFilter!) {
    chargesReport(filter: $filter) {
      periods {
        start
        chargesFen
        chargeCount
        feesFen
        feeCount
        correctionsFen
        correctionCount
        reversalsFen
        reversalCount
        netFen
      }
      total {
        chargesFen
        chargeCount
        feesFen
        feeCount
        correctionsFen
        correctionCount
        reversalsFen
        reversalCount
        netFen
      }
      topAccounts {
        accountId
        accountNo
        tenantName
        chargesFen
        chargeCount
        feesFen
        feeCount
        correctionsFen
        correctionCount
        reversalsFen
        reversalCount
        netFen
      }
    }
    buildings(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

type Figures = ChargesReportQuery['chargesReport']['total'];
const periods = ['day', 'month'] as const;

/** Charges, fees, what corrections and reversals gave back, and net: the columns. */
function chargeColumns<T extends Figures>(t: (k: string) => string): ProColumns<T>[] {
  const cell = (fen: number, n: number) => (n === 0 ? '—' : `${formatFen(fen)} (${n})`);
  return [
    { title: t('reports.charges.charges'), key: 'charges', align: 'right', render: (_, r) => cell(r.chargesFen, r.chargeCount) },
    { title: t('reports.charges.fees'), key: 'fees', align: 'right', render: (_, r) => cell(r.feesFen, r.feeCount) },
    { title: t('reports.charges.corrections'), key: 'corrections', align: 'right', render: (_, r) => cell(r.correctionsFen, r.correctionCount) },
    { title: t('reports.charges.reversals'), key: 'reversals', align: 'right', render: (_, r) => cell(r.reversalsFen, r.reversalCount) },
    { title: t('reports.charges.net'), key: 'net', align: 'right', render: (_, r) => <strong>{formatFen(r.netFen)}</strong> },
  ];
}

/**
 * 费用统计: what charging took per day or month, for a site or a building, charted, with the
 * total and the accounts charged most.
 */
export default function ChargesReportPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const { from, to, period } = useReportRange(f, periods);
  const filter: ChargesReportFilter = { ...compactFilter({ siteId: f.get('siteId'), buildingId: f.get('buildingId') }), from, to, period: period as ReportPeriod, top: 20 };
  const q = useQuery({ queryKey: ['reports', 'charges', filter], queryFn: ({ signal }) => request(chargesReportQuery, { filter }, signal) });
  const r = q.data?.chargesReport;
  const tt = t as unknown as (k: string) => string;
  const periodRows = r ? [...r.periods, { start: t('reports.total'), ...r.total }] : [];
  return (
    <PageContainer title={t('reports.charges.title')} subTitle={t('reports.charges.subtitle')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <SitePicker filter={f} />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('reports.allBuildings')}
          value={f.get('buildingId') ?? undefined}
          onChange={(v) => f.set({ buildingId: v })}
          options={(q.data?.buildings.nodes ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <RangePicker filter={f} from={from} to={to} period={period} periods={periods} />
        <ExportButton report="chargesReport" filter={filter} />
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !r ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ProCard title={t('reports.charges.chart')} bordered>
            <Suspense fallback={<PageLoading />}>
              <MoneyChart
                periods={r.periods.map((p) => p.start)}
                series={[
                  { name: t('reports.charges.chargeLegend'), colour: '#1677ff', fen: r.periods.map((p) => p.chargesFen) },
                  { name: t('reports.charges.feeLegend'), colour: '#faad14', fen: r.periods.map((p) => p.feesFen) },
                  { name: t('reports.charges.net'), colour: '#722ed1', line: true, fen: r.periods.map((p) => p.netFen) },
                ]}
              />
            </Suspense>
          </ProCard>
          <ProCard title={t('reports.byPeriod')} bordered>
            <ProTable
              rowKey="start"
              search={false}
              options={false}
              pagination={false}
              columns={[{ title: t('reports.periodStart'), dataIndex: 'start' }, ...chargeColumns<(typeof periodRows)[number]>(tt)]}
              dataSource={periodRows}
              data-testid="charges-by-period"
              locale={{ emptyText: t('reports.empty') }}
            />
          </ProCard>
          <ProCard title={t('reports.charges.top')} bordered>
            <ProTable
              rowKey="accountId"
              search={false}
              options={false}
              pagination={false}
              columns={[
                { title: t('reports.charges.account'), dataIndex: 'accountNo' },
                { title: t('reports.charges.tenant'), dataIndex: 'tenantName' },
                ...chargeColumns<ChargesReportQuery['chargesReport']['topAccounts'][number]>(tt),
              ]}
              dataSource={r.topAccounts}
              data-testid="charges-top"
              locale={{ emptyText: t('reports.empty') }}
            />
          </ProCard>
        </Space>
      )}
    </PageContainer>
  );
}
