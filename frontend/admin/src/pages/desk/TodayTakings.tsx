import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { request } from '../../graphql/client';
import { formatFen } from '../../lib/money';
import { shanghaiDayStart } from '../../lib/shanghai';
import { takingsQuery } from './operations';
import { sumTakings } from './takings';

/** The signed-in cashier's own sales and refunds since midnight, Beijing time, per channel. */
export function TodayTakings() {
  const { t } = useTranslation();
  const me = useMe().data;
  const from = shanghaiDayStart().toISOString();
  const q = useQuery({
    queryKey: ['desk-takings', me?.id, from],
    queryFn: ({ signal }) => request(takingsQuery, { operatorId: me!.id, from }, signal),
    enabled: me?.kind === 'operator',
    refetchInterval: 60_000,
  });
  const sum = q.data ? sumTakings(q.data.ledgerEntries.nodes) : undefined;
  const partial = q.data && q.data.ledgerEntries.totalCount > q.data.ledgerEntries.nodes.length;
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
          <Row gutter={16}>
            <Col span={8}>
              <Statistic title={t('desk.takings.sales')} value={sum ? formatFen(sum.salesFen) : '—'} loading={q.isLoading} />
            </Col>
            <Col span={8}>
              <Statistic title={t('desk.takings.refunds')} value={sum ? formatFen(sum.refundsFen) : '—'} loading={q.isLoading} />
            </Col>
            <Col span={8}>
              <Statistic title={t('desk.takings.net')} value={sum ? formatFen(sum.salesFen - sum.refundsFen) : '—'} loading={q.isLoading} />
            </Col>
          </Row>
          {sum && sum.byChannel.length > 0 && (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="channel"
              pagination={false}
              dataSource={sum.byChannel}
              columns={[
                { title: t('desk.channelLabel'), dataIndex: 'channel', render: (c: string) => t(`desk.channel.${c}` as 'desk.channel.cash') },
                { title: t('desk.takings.sales'), dataIndex: 'salesFen', align: 'right', render: (v: number) => formatFen(v) },
                { title: t('desk.takings.refunds'), dataIndex: 'refundsFen', align: 'right', render: (v: number) => formatFen(v) },
              ]}
            />
          )}
          {partial && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('desk.takings.partial', { count: q.data?.ledgerEntries.nodes.length })} />}
        </>
      )}
    </Card>
  );
}
