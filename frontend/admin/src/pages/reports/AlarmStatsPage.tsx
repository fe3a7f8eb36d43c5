import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Col, Empty, Row, Space, Table, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { DayRangeFilter } from '../../components/DayRangeFilter';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { AlarmKind, AlarmStatsPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { alarmColour } from '../../lib/meterStatus';
import { formatShanghai } from '../../lib/shanghai';
import { dayEnd, dayStart } from '../../lib/time';
import { countsByKind, daysBetween } from './alarmDays';
import { duration, ExportButton, useSiteFilter } from './common';

const ReportChart = lazy(() => import('./ReportChart'));

const statsQuery = graphql(`
  query AlarmStatsPage($filter: AlarmStatsFilter!) {
    alarmStats(filter: $filter) {
      byKind {
        kind
        raised
        stillOpen
        meanSeconds
        longestSeconds
        openNow
      }
      days {
        day
        kind
        raised
      }
      topMeters {
        id
        label
        count
        totalSeconds
      }
      topAccounts {
        id
        label
        count
        totalSeconds
      }
    }
  }
`);

type Top = AlarmStatsPageQuery['alarmStats']['topMeters'][number];

// ECharts colours for the kinds' tag colours.
const chartColour: Record<AlarmKind, string> = {
  alarm1: '#faad14',
  alarm2: '#fa8c16',
  arrears: '#f5222d',
  overload: '#fa541c',
  offline: '#8c8c8c',
  gateway_offline: '#595959',
  reading_fault: '#eb2f96',
  balance_mismatch: '#722ed1',
};

/** 告警统计: alarms raised over a range (this month by default) by day and kind, durations, live counts and the top meters and accounts. */
export default function AlarmStatsPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const site = useSiteFilter(f, { building: false });
  const today = formatShanghai(new Date()).slice(0, 10);
  const from = f.get('from') ?? `${today.slice(0, 8)}01`;
  const to = f.get('to') ?? today;
  const filter = { siteId: site.siteId, from: dayStart(from), to: dayEnd(to) };
  const q = useQuery({
    queryKey: ['alarmStats', filter],
    enabled: site.ready,
    retry: false,
    queryFn: ({ signal }) => request(statsQuery, { filter }, signal).then((d) => d.alarmStats),
  });
  const st = q.data;
  const days = daysBetween(from, to);
  const counts = st ? countsByKind(days, st.days) : new Map<string, number[]>();
  const topColumns = (label: string) => [
    { title: label, dataIndex: 'label', ellipsis: true },
    { title: t('reports.alarms.count'), dataIndex: 'count', width: 80, align: 'right' as const },
    { title: t('reports.alarms.total'), dataIndex: 'totalSeconds', width: 130, render: (_: unknown, r: Top) => duration(t, r.totalSeconds) },
  ];
  const toolbar = (
    <Space wrap>
      {site.pickers}
      <DayRangeFilter filter={f} />
      <ExportButton list="alarmDailyCounts" filter={filter} disabled={!site.ready} />
    </Space>
  );
  return (
    <PageContainer title={t('reports.alarms.title')} subTitle={t('reports.alarms.subtitle')} extra={toolbar}>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !st ? (
        site.noSite ? <Empty description={t('reports.noSite')} /> : <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ProCard title={t('reports.alarms.perDay', { from, to })}>
            {st.days.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.alarms.none')} data-testid="alarms-empty" />
            ) : (
              <Suspense fallback={<PageLoading />}>
                <ReportChart
                  testId="alarms-chart"
                  kind="bar"
                  stacked
                  unit={t('reports.alarms.times')}
                  categories={days.map((d) => d.slice(5))}
                  series={[...counts.entries()].map(([kind, data]) => ({ name: t(`alarmKind.${kind as AlarmKind}`), color: chartColour[kind as AlarmKind], data }))}
                />
              </Suspense>
            )}
          </ProCard>
          <ProCard title={t('reports.alarms.byKind')}>
            <Table
              data-testid="alarms-by-kind"
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={st.byKind}
              columns={[
                { title: t('alarms.kind'), dataIndex: 'kind', render: (_, k) => <Tag color={alarmColour[k.kind]}>{t(`alarmKind.${k.kind}`)}</Tag> },
                { title: t('reports.alarms.raised'), dataIndex: 'raised', align: 'right' },
                { title: t('reports.alarms.stillOpen'), dataIndex: 'stillOpen', align: 'right' },
                { title: t('reports.alarms.mean'), dataIndex: 'meanSeconds', render: (_, k) => (k.raised ? duration(t, k.meanSeconds) : '—') },
                { title: t('reports.alarms.longest'), dataIndex: 'longestSeconds', render: (_, k) => (k.raised ? duration(t, k.longestSeconds) : '—') },
                { title: t('reports.alarms.openNow'), dataIndex: 'openNow', align: 'right' },
              ]}
            />
          </ProCard>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <ProCard title={t('reports.alarms.topMeters')}>
                <Table<Top> rowKey="id" size="small" pagination={false} dataSource={st.topMeters} columns={topColumns(t('reports.snapshot.meter'))} />
              </ProCard>
            </Col>
            <Col xs={24} lg={12}>
              <ProCard title={t('reports.alarms.topAccounts')}>
                <Table<Top> rowKey="id" size="small" pagination={false} dataSource={st.topAccounts} columns={topColumns(t('reports.arrears.account'))} />
              </ProCard>
            </Col>
          </Row>
        </Space>
      )}
    </PageContainer>
  );
}
