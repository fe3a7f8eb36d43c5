import { ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { graphql } from '../../gql';
import type { AlarmKind, DashboardQuery } from '../../gql/graphql';
import { alarmColour, meterStatusColour, meterStatusLabel } from '../../lib/meterStatus';
import { request } from '../../graphql/client';
import { useSubscription } from '../../graphql/ws';
import { DashboardToday } from './DashboardToday';
import { StatusTiles } from './StatusTiles';

// The meters by display status are one aggregate (every status, zeros included); the gateway
// counts come from totalCount with first: 0: the server counts and sends no items.
const dashboardQuery = graphql(`
  query Dashboard {
    meterStatusCounts {
      status
      count
      online
    }
    gateways(first: 0) {
      totalCount
    }
    gatewaysOffline: gateways(filter: { online: false }, first: 0) {
      totalCount
    }
    alarms(filter: { active: true }, first: 8) {
      totalCount
      nodes {
        id
        kind
        message
        raisedAt
        meter {
          id
          address
          room
        }
        gateway {
          id
          name
        }
        account {
          id
          tenantName
          shopNo
        }
      }
    }
  }
`);

const alarmSubscription = graphql(`
  subscription DashboardAlarms {
    alarmRaised {
      id
    }
  }
`);

type AlarmRow = DashboardQuery['alarms']['nodes'][number];

const dashboardKey = ['dashboard'] as const;

/** The landing page: meters, gateways and alarms as they are now, refreshed as alarms change. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const q = useQuery({
    queryKey: dashboardKey,
    queryFn: ({ signal }) => request(dashboardQuery, {}, signal),
    refetchInterval: 60_000,
  });
  // An alarm raised or cleared anywhere changes the counts.
  useSubscription(alarmSubscription, {}, () => void queries.invalidateQueries({ queryKey: dashboardKey }));

  const refresh = (
    <Space key="refresh">
      {q.dataUpdatedAt > 0 && (
        <Typography.Text type="secondary">{t('dashboard.updatedAt', { time: dayjs(q.dataUpdatedAt).format('HH:mm:ss') })}</Typography.Text>
      )}
      <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
        {t('dashboard.refresh')}
      </Button>
    </Space>
  );

  return (
    <PageContainer title={t('dashboard.title')} subTitle={t('dashboard.subtitle')} extra={[refresh]}>
      {q.isError && !q.data ? (
        <Card>
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        </Card>
      ) : (
        <DashboardBody data={q.data} />
      )}
    </PageContainer>
  );
}

function DashboardBody({ data }: { data?: DashboardQuery }) {
  const { t } = useTranslation();
  const loading = !data;
  const counts = data?.meterStatusCounts ?? [];
  const meters = counts.reduce((n, c) => n + c.count, 0);
  const online = counts.reduce((n, c) => n + c.online, 0);
  const offline = meters - online;
  const unassigned = counts.find((c) => c.status === 'not_opened')?.count ?? 0;
  const gateways = data?.gateways.totalCount ?? 0;
  const gatewaysOffline = data?.gatewaysOffline.totalCount ?? 0;
  const alarms = data?.alarms.totalCount ?? 0;
  // A rate for display, not money: one decimal is enough.
  const onlineRate = meters ? Math.round((online * 1000) / meters) / 10 : 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Card className="vp-stat-card" loading={loading} data-testid="stat-meters">
            <Statistic title={t('dashboard.meters')} value={meters} />
            <div className="vp-stat-sub">
              <Badge color={meterStatusColour('not_opened')} text={`${meterStatusLabel(t, 'not_opened')} ${unassigned}`} />
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card className="vp-stat-card" loading={loading} data-testid="stat-online">
            <Statistic title={t('dashboard.onlineRate')} value={onlineRate} precision={1} suffix="%" />
            <Progress
              percent={onlineRate}
              showInfo={false}
              strokeColor={meterStatusColour('normal')}
              trailColor={meters ? meterStatusColour('offline') : undefined}
              size="small"
            />
            <div className="vp-stat-sub">
              <Space size={16}>
                <Badge color={meterStatusColour('normal')} text={`${t('dashboard.online')} ${online}`} />
                <Badge color={meterStatusColour('offline')} text={`${t('dashboard.offline')} ${offline}`} />
              </Space>
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card className="vp-stat-card" loading={loading} data-testid="stat-gateways">
            <Statistic title={t('dashboard.gateways')} value={gateways} />
            <div className="vp-stat-sub">
              <Badge status={gatewaysOffline ? 'error' : 'success'} text={`${t('dashboard.gatewaysOffline')} ${gatewaysOffline}`} />
            </div>
          </Card>
        </Col>
      </Row>
      <Card title={t('dashboard.byStatus')} loading={loading} data-testid="status-tiles">
        <StatusTiles counts={counts} />
      </Card>
      <DashboardToday />
      <Card
        loading={loading}
        title={
          <Space>
            {t('dashboard.activeAlarms')}
            <Badge count={alarms} overflowCount={9999} showZero color={alarms ? '#cf1322' : '#52c41a'} data-testid="alarm-count" />
          </Space>
        }
      >
        {meters === 0 && alarms === 0 ? (
          <Empty description={t('dashboard.noMeters')} />
        ) : (
          <AlarmTable rows={data?.alarms.nodes ?? []} />
        )}
      </Card>
    </Space>
  );
}

function AlarmTable({ rows }: { rows: AlarmRow[] }) {
  const { t } = useTranslation();
  return (
    <Table<AlarmRow>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noAlarms')} /> }}
      columns={[
        {
          title: t('dashboard.alarmKind'),
          dataIndex: 'kind',
          width: 160,
          render: (kind: AlarmKind) => <Tag color={alarmColour[kind]}>{t(`alarmKind.${kind}`)}</Tag>,
        },
        {
          title: t('dashboard.alarmSubject'),
          key: 'subject',
          render: (_, a) => (
            <Tooltip title={a.message}>
              <span>{alarmSubject(t, a)}</span>
            </Tooltip>
          ),
        },
        {
          title: t('dashboard.alarmRaisedAt'),
          dataIndex: 'raisedAt',
          width: 180,
          render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
        },
      ]}
    />
  );
}

function alarmSubject(t: TFunction, a: AlarmRow): string {
  if (a.gateway) return t('dashboard.gatewaySubject', { name: a.gateway.name });
  const parts: string[] = [];
  if (a.account) parts.push(t('dashboard.accountSubject', { name: [a.account.shopNo, a.account.tenantName].filter(Boolean).join(' ') }));
  if (a.meter) parts.push(t('dashboard.meterSubject', { address: [a.meter.address, a.meter.room].filter(Boolean).join(' · ') }));
  return parts.join('，');
}
