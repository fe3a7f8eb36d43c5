import { PageContainer, ProCard, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Badge, Empty, Space, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CursorTable } from '../../components/CursorTable';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { OfflineMetersPageQuery, OfflineSummaryPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { formatTime } from '../../lib/time';
import { duration, useSiteFilter } from './common';

const ReportChart = lazy(() => import('./ReportChart'));

const summaryQuery = graphql(`
  query OfflineSummaryPage($filter: OfflineFilter!) {
    offlineSummary(filter: $filter) {
      meters
      offline
      gateways
      byBuilding {
        buildingId
        buildingName
        meters
        offline
      }
      offlineGateways {
        gatewayId
        name
        buildingName
        host
        port
        since
        lastSeenAt
        offlineSeconds
        meters
      }
    }
  }
`);

const metersQuery = graphql(`
  query OfflineMetersPage($filter: OfflineFilter!, $first: Int, $after: String, $last: Int, $before: String) {
    offlineMeters(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        meterId
        address
        channel
        buildingName
        floor
        room
        gatewayId
        gatewayName
        gatewayOnline
        since
        lastReadAt
        offlineSeconds
      }
    }
  }
`);

type Gateway = OfflineSummaryPageQuery['offlineSummary']['offlineGateways'][number];
type Row = OfflineMetersPageQuery['offlineMeters']['nodes'][number];

/** 失联: the meters and gateways (通讯管理机) not answering now, since when, by building. */
export default function OfflinePage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const site = useSiteFilter(f);
  const filter = compactFilter({ siteId: site.siteId, buildingId: site.buildingId });
  const vars = { siteId: site.siteId!, buildingId: site.buildingId };
  const sum = useQuery({
    queryKey: ['offlineSummary', filter],
    enabled: site.ready,
    queryFn: ({ signal }) => request(summaryQuery, { filter: vars }, signal).then((d) => d.offlineSummary),
  });
  const s = sum.data;
  const noBuilding = t('reports.noBuilding');
  const columns: ProColumns<Row>[] = [
    { title: t('reports.snapshot.meter'), key: 'meter', width: 150, render: (_, m) => <Link to={`/meters?search=${m.address}`}>{m.address}</Link> },
    { title: t('reports.building'), key: 'where', width: 160, render: (_, m) => [m.buildingName, m.floor, m.room].filter(Boolean).join(' · ') || '—' },
    {
      title: t('reports.offline.gateway'),
      key: 'gateway',
      width: 180,
      render: (_, m) =>
        m.gatewayId ? <Badge status={m.gatewayOnline ? 'success' : 'error'} text={m.gatewayName} /> : <Typography.Text type="secondary">{t('reports.offline.direct')}</Typography.Text>,
    },
    { title: t('reports.offline.since'), dataIndex: 'since', width: 150, render: (_, m) => (m.since ? formatTime(m.since, 'minute') : '—') },
    { title: t('reports.offline.lastSeen'), dataIndex: 'lastReadAt', width: 150, render: (_, m) => (m.lastReadAt ? formatTime(m.lastReadAt, 'minute') : t('reports.snapshot.neverRead')) },
    { title: t('reports.offline.howLong'), dataIndex: 'offlineSeconds', width: 130, render: (_, m) => duration(t, m.offlineSeconds) },
  ];
  if (site.noSite) return <PageContainer title={t('reports.offline.title')}><Empty description={t('reports.noSite')} /></PageContainer>;
  return (
    <PageContainer title={t('reports.offline.title')} subTitle={t('reports.offline.subtitle')} extra={site.pickers}>
      {sum.isError ? (
        <ErrorState error={sum.error} onRetry={() => void sum.refetch()} />
      ) : !s ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ProCard gutter={16} ghost>
            <ProCard>
              <Statistic title={t('reports.offline.metersOffline')} value={s.offline} suffix={`/ ${s.meters}`} data-testid="offline-count" />
            </ProCard>
            <ProCard>
              <Statistic title={t('reports.offline.gatewaysOffline')} value={s.offlineGateways.length} suffix={`/ ${s.gateways}`} />
            </ProCard>
            <ProCard>
              <Statistic title={t('reports.offline.rate')} value={s.meters ? (((s.meters - s.offline) / s.meters) * 100).toFixed(1) : '—'} suffix="%" />
            </ProCard>
          </ProCard>
          {s.byBuilding.length > 0 && (
            <ProCard title={t('reports.offline.byBuilding')}>
              <Suspense fallback={<PageLoading />}>
                <ReportChart
                  testId="offline-chart"
                  kind="bar"
                  stacked
                  unit={t('reports.metersUnit')}
                  categories={s.byBuilding.map((b) => b.buildingName || noBuilding)}
                  series={[
                    { name: t('reports.offline.online'), color: '#52c41a', data: s.byBuilding.map((b) => b.meters - b.offline) },
                    { name: t('reports.offline.offline'), color: '#bfbfbf', data: s.byBuilding.map((b) => b.offline) },
                  ]}
                />
              </Suspense>
            </ProCard>
          )}
          <ProCard title={t('reports.offline.gateways')}>
            <Table<Gateway>
              data-testid="offline-gateways"
              rowKey="gatewayId"
              size="small"
              pagination={false}
              dataSource={s.offlineGateways}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.offline.noGateways')} /> }}
              columns={[
                { title: t('reports.offline.gateway'), dataIndex: 'name', render: (_, g) => <Badge status="error" text={g.name} /> },
                { title: t('reports.building'), dataIndex: 'buildingName', render: (_, g) => g.buildingName || '—' },
                { title: t('reports.offline.address'), key: 'host', render: (_, g) => `${g.host}:${g.port}` },
                { title: t('reports.offline.metersBehind'), dataIndex: 'meters', align: 'right' },
                { title: t('reports.offline.since'), dataIndex: 'since', render: (_, g) => (g.since ? formatTime(g.since, 'minute') : '—') },
                { title: t('reports.offline.howLong'), dataIndex: 'offlineSeconds', render: (_, g) => duration(t, g.offlineSeconds) },
              ]}
            />
          </ProCard>
          <CursorTable<Row>
            testId="offline-table"
            queryKey={['offlineMeters', filter]}
            load={(page, signal) => request(metersQuery, { filter: vars, ...page }, signal).then((d) => d.offlineMeters)}
            rowKey="meterId"
            columns={columns}
            title={<Typography.Text strong>{t('reports.offline.meters')}</Typography.Text>}
            exportList="offlineMeters"
            exportFilter={filter}
            emptyText={t('reports.offline.none')}
            scrollX={950}
          />
        </Space>
      )}
    </PageContainer>
  );
}
