import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { EntryType, type DeskTakingsQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatFen } from '../../lib/money';
import { shanghaiDayStart } from '../../lib/shanghai';
import { takingsQuery } from './operations';

const dayMs = 24 * 3600_000;

type Summary = DeskTakingsQuery['salesSummary'];

/** The net amount of one entry type in the summary (0 when there were none). */
function typeFen(s: Summary | undefined, type: EntryType): number | undefined {
  if (!s) return undefined;
  return s.byType.find((r) => r.type === type)?.amountFen ?? 0;
}

/**
 * The signed-in cashier's own takings since midnight, Beijing time, as the server totals them
 * (salesSummary for this operator): sales, refunds, reversals and the net, per channel. The desk
 * refreshes it after each sale, refund or reversal (query key desk-takings), and once a minute.
 */
export function TodayTakings() {
  const { t } = useTranslation();
  const me = useMe().data;
  const start = shanghaiDayStart();
  const from = start.toISOString();
  const to = new Date(start.getTime() + dayMs).toISOString();
  const q = useQuery({
    queryKey: ['desk-takings', me?.id, from],
    queryFn: ({ signal }) => request(takingsQuery, { operatorId: me!.id, from, to }, signal),
    enabled: me?.kind === 'operator',
    refetchInterval: 60_000,
  });
  const sum = q.data?.salesSummary;
  const money = (v: number | undefined) => (v === undefined ? '—' : formatFen(v));
  const refunds = typeFen(sum, EntryType.Refund);
  return (
    <Card
      title={t('desk.takings.title')}
      style={{ marginTop: 16 }}
      extra={<Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching} aria-label={t('desk.takings.refresh')} />}
      data-testid="desk-takings"
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 12]}>
            <Col span={12}>
              <Statistic title={t('desk.takings.sales')} value={money(typeFen(sum, EntryType.Sale))} loading={q.isLoading} data-testid="takings-sales" />
            </Col>
            <Col span={12}>
              <Statistic title={t('desk.takings.refunds')} value={money(refunds === undefined ? undefined : -refunds)} loading={q.isLoading} data-testid="takings-refunds" />
            </Col>
            <Col span={12}>
              <Statistic title={t('desk.takings.reversals')} value={money(typeFen(sum, EntryType.Reversal))} loading={q.isLoading} data-testid="takings-reversals" />
            </Col>
            <Col span={12}>
              <Statistic
                title={t('desk.takings.net')}
                value={money(sum?.totalFen)}
                loading={q.isLoading}
                valueStyle={{ color: '#1677ff', fontWeight: 600 }}
                data-testid="takings-net"
              />
            </Col>
          </Row>
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="channel"
            pagination={false}
            loading={q.isLoading}
            dataSource={sum?.byChannel ?? []}
            locale={{ emptyText: t('desk.takings.none') }}
            data-testid="takings-by-channel"
            columns={[
              { title: t('desk.channelLabel'), dataIndex: 'channel', render: (c: string) => t(`desk.channel.${c}` as 'desk.channel.cash') },
              { title: t('desk.takings.count'), dataIndex: 'count', align: 'right', width: 72 },
              { title: t('desk.takings.channelNet'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
