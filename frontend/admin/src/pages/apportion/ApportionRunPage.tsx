import { PageContainer, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CursorTable } from '../../components/CursorTable';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import type { ApportionSharesQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatWh } from '../../lib/energy';
import { formatFen } from '../../lib/money';
import { formatTime } from '../../lib/time';
import { accountLabel } from './choices';
import { formatHundredths } from './groupForm';
import { groupMethodQuery, runQuery, sharesQuery } from './operations';

type Share = NonNullable<ApportionSharesQuery['apportionRun']>['shares']['nodes'][number];

/** 公摊单: one month of a group, its totals, and every member's share a page at a time. */
export default function ApportionRunPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const q = useQuery({ queryKey: ['apportion', 'run', id], queryFn: ({ signal }) => request(runQuery, { id }, signal) });
  const groupId = q.data?.apportionRun?.groupId;
  // The group's method says what a share's weight is (area, energy or a share).
  const group = useQuery({
    queryKey: ['apportion', 'group-method', groupId],
    queryFn: ({ signal }) => request(groupMethodQuery, { id: groupId! }, signal),
    enabled: !!groupId,
  }).data?.apportionGroup;
  if (q.isLoading) return <PageLoading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const run = q.data?.apportionRun;
  if (!run) {
    return (
      <Result
        status="404"
        title={t('apportion.runGone')}
        extra={
          <Link to="/apportion">
            <Button type="primary">{t('apportion.backToGroups')}</Button>
          </Link>
        }
      />
    );
  }
  const columns: ProColumns<Share>[] = [
    { title: t('apportion.members'), render: (_, s) => <Link to={`/accounts/${s.account.id}`}>{accountLabel(s.account)}</Link> },
    {
      title: group?.method === 'area' ? t('apportion.form.area') : group?.method === 'fixed' ? t('apportion.form.share') : t('apportion.weight'),
      dataIndex: 'weight',
      align: 'right',
      tooltip: group ? undefined : t('apportion.weightHint'),
      render: (_, s) => {
        const w = Number(s.weight);
        if (group?.method === 'area') return `${formatHundredths(w)} m²`;
        if (group?.method === 'fixed') return `${formatHundredths(w)} %`;
        if (group?.method === 'usage') return formatWh(w);
        return w;
      },
    },
    { title: t('apportion.shareKwh'), dataIndex: 'energyWh', align: 'right', render: (_, s) => formatWh(Number(s.energyWh)) },
    { title: t('apportion.shareFen'), dataIndex: 'amountFen', align: 'right', render: (_, s) => formatFen(s.amountFen) },
    { title: t('apportion.note'), dataIndex: 'note', ellipsis: true, render: (_, s) => s.note || <Typography.Text type="secondary">—</Typography.Text> },
  ];
  return (
    <PageContainer
      title={t('apportion.runPageTitle', { month: run.month })}
      subTitle={group?.name}
      onBack={() => history.back()}
      breadcrumb={{ items: [{ title: <Link to={`/apportion?group=${run.groupId}`}>{t('apportion.title')}</Link> }, { title: run.month }] }}
    >
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }} data-testid="run-summary">
        <Descriptions.Item label={t('apportion.commonKwh')}>{formatWh(Number(run.commonWh))}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.lineLossKwh')}>{formatWh(Number(run.lineLossWh))}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.totalKwh')}>{formatWh(Number(run.totalWh))}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.price')}>¥{run.price}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.totalFen')}>{formatFen(run.totalFen)}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.ranAt')}>{formatTime(run.createdAt, 'minute')}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.note')} span={3}>
          {run.note || '—'}
        </Descriptions.Item>
      </Descriptions>
      <CursorTable<Share>
        testId="shares"
        title={t('apportion.shares')}
        queryKey={['apportion', 'shares', id]}
        load={async (page, signal) => {
          const r = (await request(sharesQuery, { id, ...page }, signal)).apportionRun;
          return r ? r.shares : { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false } };
        }}
        columns={columns}
        rowKey={(s) => s.account.id}
        emptyText={t('apportion.noShares')}
      />
    </PageContainer>
  );
}
