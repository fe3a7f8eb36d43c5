import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Empty, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import { ArrearsLevel, type ArrearsReportPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { compactFilter } from '../../lib/listFilter';
import { formatFen } from '../../lib/money';
import { formatTime } from '../../lib/time';
import { ExportButton, useSiteFilter } from './common';

const ReportChart = lazy(() => import('./ReportChart'));

const arrearsQuery = graphql(`
  query ArrearsReportPage($filter: ArrearsFilter) {
    arrearsReport(filter: $filter) {
      count
      debtFen
      balanceFen
      byBuilding {
        buildingId
        buildingName
        count
        debtFen
      }
      rows {
        accountId
        accountNo
        tenantName
        shopNo
        phone
        balanceFen
        debtFen
        level
        since
        buildingName
        lastPaymentAt
        lastPaymentFen
        meters {
          meterId
          address
          room
          relay
          online
        }
      }
    }
  }
`);

type Row = ArrearsReportPageQuery['arrearsReport']['rows'][number];

const levelColour: Record<ArrearsLevel, string> = { arrears: 'red', alarm2: 'orange', alarm1: 'gold' };

/** 欠费: the open accounts at or below zero (or alarm 2 / alarm 1), most debt first, with totals by building. */
export default function ArrearsPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const site = useSiteFilter(f);
  const level = (Object.values(ArrearsLevel) as string[]).includes(f.get('level') ?? '') ? (f.get('level') as ArrearsLevel) : ArrearsLevel.Arrears;
  const filter = compactFilter({ siteId: site.siteId, buildingId: site.buildingId, level });
  const q = useQuery({
    queryKey: ['arrears', filter],
    enabled: site.ready,
    queryFn: ({ signal }) => request(arrearsQuery, { filter }, signal).then((d) => d.arrearsReport),
  });
  const rep = q.data;
  const noBuilding = t('reports.noBuilding');

  const toolbar = (
    <Space wrap>
      {site.pickers}
      <Select<ArrearsLevel>
        value={level}
        style={{ width: 190 }}
        data-testid="arrears-level"
        onChange={(v) => f.set({ level: v === ArrearsLevel.Arrears ? undefined : v })}
        options={Object.values(ArrearsLevel).map((l) => ({ value: l, label: t(`reports.arrears.level.${l}`) }))}
      />
      <ExportButton list="arrearsAccounts" filter={filter} disabled={!site.ready} />
    </Space>
  );

  return (
    <PageContainer title={t('reports.arrears.title')} subTitle={t('reports.arrears.subtitle')} extra={toolbar}>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !rep ? (
        site.noSite ? <Empty description={t('reports.noSite')} /> : <PageLoading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ProCard gutter={16} ghost>
            <ProCard>
              <Statistic title={t('reports.arrears.count')} value={rep.count} suffix={t('reports.accountsUnit')} data-testid="arrears-count" />
            </ProCard>
            <ProCard>
              <Statistic title={t('reports.arrears.debt')} value={formatFen(rep.debtFen)} valueStyle={{ color: '#cf1322' }} data-testid="arrears-debt" />
            </ProCard>
            <ProCard>
              <Statistic title={t('reports.arrears.balance')} value={formatFen(rep.balanceFen)} />
            </ProCard>
          </ProCard>
          {rep.byBuilding.length > 0 && (
            <ProCard title={t('reports.arrears.byBuilding')}>
              <Suspense fallback={<PageLoading />}>
                <ReportChart
                  testId="arrears-chart"
                  kind="bar"
                  unit={t('reports.yuan')}
                  categories={rep.byBuilding.map((b) => b.buildingName || noBuilding)}
                  series={[{ name: t('reports.arrears.debt'), color: '#cf1322', data: rep.byBuilding.map((b) => b.debtFen / 100) }]}
                />
              </Suspense>
            </ProCard>
          )}
          <ProCard>
            <Table<Row>
              data-testid="arrears-table"
              rowKey="accountId"
              size="middle"
              dataSource={rep.rows}
              pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
              scroll={{ x: 1200 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`reports.arrears.none.${level}`)} /> }}
              columns={[
                {
                  title: t('reports.arrears.account'),
                  key: 'account',
                  fixed: 'left',
                  width: 200,
                  render: (_, r) => (
                    <Link to={`/accounts/${r.accountId}`}>
                      {[r.shopNo, r.tenantName].filter(Boolean).join(' ')}
                      <Typography.Text type="secondary"> {r.accountNo}</Typography.Text>
                    </Link>
                  ),
                },
                { title: t('reports.arrears.phone'), dataIndex: 'phone', width: 130 },
                { title: t('reports.building'), dataIndex: 'buildingName', width: 110, render: (_, r) => r.buildingName || '—' },
                {
                  title: t('reports.arrears.balanceCol'),
                  dataIndex: 'balanceFen',
                  width: 120,
                  align: 'right',
                  render: (_, r) => <Typography.Text type={r.balanceFen < 0 ? 'danger' : undefined}>{formatFen(r.balanceFen)}</Typography.Text>,
                },
                { title: t('reports.arrears.debtCol'), dataIndex: 'debtFen', width: 110, align: 'right', render: (_, r) => formatFen(r.debtFen) },
                {
                  title: t('reports.arrears.levelCol'),
                  dataIndex: 'level',
                  width: 100,
                  render: (_, r) => <Tag color={levelColour[r.level]}>{t(`reports.arrears.level.${r.level}`)}</Tag>,
                },
                { title: t('reports.arrears.since'), dataIndex: 'since', width: 150, render: (_, r) => (r.since ? formatTime(r.since, 'minute') : '—') },
                {
                  title: t('reports.arrears.meters'),
                  key: 'meters',
                  width: 260,
                  render: (_, r) => (
                    <Space size={[4, 4]} wrap>
                      {r.meters.map((m) => (
                        <Tag key={m.meterId} color={m.relay === 'open' ? 'red' : m.online ? 'green' : 'default'}>
                          {[m.address, m.room].filter(Boolean).join(' ')} · {t(`meters.relay.${m.relay}`)}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
                {
                  title: t('reports.arrears.lastPayment'),
                  key: 'last',
                  width: 200,
                  render: (_, r) => (r.lastPaymentAt ? `${formatTime(r.lastPaymentAt, 'minute')} ${formatFen(r.lastPaymentFen ?? 0)}` : t('reports.arrears.never')),
                },
              ]}
            />
          </ProCard>
        </Space>
      )}
    </PageContainer>
  );
}
