import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { graphql } from '../../gql';
import type { DashboardSalesQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { useSubscription } from '../../graphql/ws';
import { formatFen } from '../../lib/money';
import { shanghaiDayStart } from '../../lib/shanghai';
import { EnergyTrendCard } from '../energy/EnergyTrendCard';

const salesQuery = graphql(`
  query DashboardSales($from: Time!, $to: Time!) {
    sites {
      id
      name
    }
    salesSummary(from: $from, to: $to) {
      totalFen
      count
      byChannel {
        channel
        amountFen
        count
      }
      byOperator {
        operatorId
        name
        amountFen
        count
      }
    }
  }
`);

const salesLive = graphql(`
  subscription DashboardSalesLive {
    balanceChanged {
      entry {
        id
      }
    }
  }
`);

type Summary = DashboardSalesQuery['salesSummary'];

/**
 * Today's takings (Beijing day) by channel and by operator, moved by every entry as it is
 * written, beside the site's energy trend. A cashier's summary covers their own entries only.
 */
export function DashboardToday() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const q = useQuery({
    queryKey: ['dashboard', 'sales'],
    // "to" is now at each fetch, so a refetch counts what happened since.
    queryFn: ({ signal }) => request(salesQuery, { from: shanghaiDayStart().toISOString(), to: new Date().toISOString() }, signal),
    refetchInterval: 60_000,
  });
  useSubscription(salesLive, {}, (d) => {
    if (d.balanceChanged.entry) void queries.invalidateQueries({ queryKey: ['dashboard', 'sales'] });
  });
  const site = q.data?.sites[0];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card title={t('dashboardToday.sales')} loading={q.isLoading} data-testid="today-sales" style={{ height: '100%' }}>
          {q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data && <Sales s={q.data.salesSummary} />}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        {site && <EnergyTrendCard scope="site" id={site.id} interval="day" title={t('dashboardToday.energy', { name: site.name })} />}
      </Col>
    </Row>
  );
}

function Sales({ s }: { s: Summary }) {
  const { t } = useTranslation();
  if (s.count === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboardToday.noSales')} />;
  return (
    <>
      <Statistic title={t('dashboardToday.total', { count: s.count })} value={formatFen(s.totalFen)} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('dashboardToday.byChannel')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="channel"
        pagination={false}
        dataSource={s.byChannel}
        columns={[
          { title: t('dashboardToday.channel'), dataIndex: 'channel', render: (c: string) => t(`channel.${c as 'cash'}`) },
          { title: t('dashboardToday.count'), dataIndex: 'count', align: 'right' },
          { title: t('dashboardToday.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('dashboardToday.byOperator')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => r.operatorId ?? r.name}
        pagination={false}
        dataSource={s.byOperator}
        columns={[
          { title: t('dashboardToday.operator'), dataIndex: 'name' },
          { title: t('dashboardToday.count'), dataIndex: 'count', align: 'right' },
          { title: t('dashboardToday.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
        ]}
      />
    </>
  );
}
