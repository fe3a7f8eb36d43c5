import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Descriptions, Empty, Row, Select, Space, Table, Tag } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { ApportionStatementPageQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatWh } from '../../lib/energy';
import { formatFen } from '../../lib/money';
import { ExportButton, useSiteFilter } from './common';

const ReportChart = lazy(() => import('./ReportChart'));

const groupsQuery = graphql(`
  query StatementGroups($siteId: ID) {
    apportionGroups(siteId: $siteId) {
      id
      name
    }
  }
`);

const runsQuery = graphql(`
  query StatementRuns($groupId: ID!) {
    apportionRuns(groupId: $groupId) {
      id
      month
    }
  }
`);

const statementQuery = graphql(`
  query ApportionStatementPage($runId: ID!) {
    apportionStatement(runId: $runId) {
      groupName
      method
      weightTotal
      ledgerFen
      reversedFen
      reconciled
      run {
        id
        month
        commonWh
        lineLossWh
        totalWh
        price
        totalFen
        note
      }
      sources {
        meterId
        address
        room
        role
        energyWh
      }
      lines {
        accountId
        accountNo
        tenantName
        weight
        shareBp
        energyWh
        amountFen
        entryId
        entryFen
        reversedFen
        note
        reconciled
      }
    }
  }
`);

type Statement = NonNullable<ApportionStatementPageQuery['apportionStatement']>;
type Line = Statement['lines'][number];

/** 公摊: one group's month as a statement: the source meters' energy, each member's share and how it was computed, reconciled with the ledger. */
export default function StatementPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const site = useSiteFilter(f, { building: false });
  const groups = useQuery({
    queryKey: ['statement-groups', site.siteId],
    enabled: site.ready,
    queryFn: ({ signal }) => request(groupsQuery, { siteId: site.siteId }, signal).then((d) => d.apportionGroups),
  });
  const groupId = f.get('group') ?? groups.data?.[0]?.id;
  const runs = useQuery({
    queryKey: ['statement-runs', groupId],
    enabled: groupId !== undefined,
    queryFn: ({ signal }) => request(runsQuery, { groupId: groupId! }, signal).then((d) => d.apportionRuns),
  });
  const runId = f.get('run') ?? runs.data?.[0]?.id;
  const st = useQuery({
    queryKey: ['statement', runId],
    enabled: runId !== undefined,
    queryFn: ({ signal }) => request(statementQuery, { runId: runId! }, signal).then((d) => d.apportionStatement),
  });
  // A run of another group in the URL is dropped when the group changes.
  useEffect(() => {
    if (f.get('run') && runs.data && !runs.data.some((r) => r.id === f.get('run'))) f.set({ run: undefined });
  }, [f, runs.data]);

  const toolbar = (
    <Space wrap>
      {site.pickers}
      <Select<string>
        value={groupId}
        style={{ width: 200 }}
        placeholder={t('reports.statement.group')}
        data-testid="statement-group"
        onChange={(v) => f.set({ group: v, run: undefined })}
        options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
      />
      <Select<string>
        value={runId}
        style={{ width: 120 }}
        placeholder={t('reports.statement.month')}
        data-testid="statement-run"
        onChange={(v) => f.set({ run: v })}
        options={(runs.data ?? []).map((r) => ({ value: r.id, label: r.month }))}
      />
      <ExportButton list="apportionStatementLines" filter={{ runId }} disabled={runId === undefined} />
    </Space>
  );
  const s = st.data;
  const body = () => {
    if (st.isError) return <ErrorState error={st.error} onRetry={() => void st.refetch()} />;
    if (site.noSite || (groups.isSuccess && groups.data.length === 0)) return <Empty description={t('reports.statement.noGroups')} />;
    if (runs.isSuccess && runs.data.length === 0) return <Empty description={t('reports.statement.noRuns')} />;
    if (!s) return <PageLoading />;
    return (
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          data-testid="statement-reconciled"
          type={s.reconciled ? 'success' : 'error'}
          showIcon
          message={s.reconciled ? t('reports.statement.reconciled', { amount: formatFen(s.ledgerFen) }) : t('reports.statement.notReconciled', { ledger: formatFen(s.ledgerFen), total: formatFen(s.run.totalFen) })}
        />
        <ProCard>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('reports.statement.group')}>{s.groupName}</Descriptions.Item>
            <Descriptions.Item label={t('reports.statement.month')}>{s.run.month}</Descriptions.Item>
            <Descriptions.Item label={t('reports.statement.method')}>{t(`reports.statement.methods.${s.method}`)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.statement.common')}>{formatWh(s.run.commonWh)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.statement.lineLoss')}>{formatWh(s.run.lineLossWh)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.statement.price')}>{t('reports.statement.perKwh', { price: s.run.price })}</Descriptions.Item>
            <Descriptions.Item label={t('reports.statement.total')}>
              <strong data-testid="statement-total">{formatFen(s.run.totalFen)}</strong>
            </Descriptions.Item>
            {s.run.note && <Descriptions.Item label={t('reports.statement.note')} span={2}>{s.run.note}</Descriptions.Item>}
          </Descriptions>
        </ProCard>
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <ProCard title={t('reports.statement.sources')}>
              <Table
                rowKey="meterId"
                size="small"
                pagination={false}
                dataSource={s.sources}
                columns={[
                  { title: t('reports.snapshot.meter'), key: 'm', render: (_, m) => [m.address, m.room].filter(Boolean).join(' · ') },
                  { title: t('reports.statement.role'), dataIndex: 'role', render: (_, m) => <Tag>{t(`reports.statement.roles.${m.role}`)}</Tag> },
                  { title: t('reports.statement.energy'), dataIndex: 'energyWh', align: 'right', render: (_, m) => formatWh(m.energyWh) },
                ]}
              />
            </ProCard>
          </Col>
          <Col xs={24} lg={14}>
            <ProCard title={t('reports.statement.shares')}>
              <Suspense fallback={<PageLoading />}>
                <ReportChart
                  testId="statement-chart"
                  kind="pie"
                  unit={t('reports.yuan')}
                  height={260}
                  categories={s.lines.map((l) => l.tenantName)}
                  series={[{ name: t('reports.statement.amount'), data: s.lines.map((l) => l.amountFen / 100) }]}
                />
              </Suspense>
            </ProCard>
          </Col>
        </Row>
        <ProCard>
          <Table<Line>
            data-testid="statement-lines"
            rowKey="accountId"
            size="middle"
            dataSource={s.lines}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 1000 }}
            columns={[
              { title: t('reports.arrears.account'), key: 'a', width: 200, render: (_, l) => `${l.tenantName} ${l.accountNo}` },
              { title: t(`reports.statement.weights.${s.method}`), dataIndex: 'weight', width: 120, align: 'right', render: (_, l) => weightText(s.method, l.weight) },
              { title: t('reports.statement.share'), dataIndex: 'shareBp', width: 90, align: 'right', render: (_, l) => `${(l.shareBp / 100).toFixed(2)}%` },
              { title: t('reports.statement.energy'), dataIndex: 'energyWh', width: 110, align: 'right', render: (_, l) => formatWh(l.energyWh) },
              { title: t('reports.statement.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (_, l) => formatFen(l.amountFen) },
              { title: t('reports.statement.posted'), dataIndex: 'entryFen', width: 110, align: 'right', render: (_, l) => (l.entryId ? formatFen(l.entryFen) : '—') },
              { title: t('reports.statement.check'), dataIndex: 'reconciled', width: 90, render: (_, l) => (l.reconciled ? <Tag color="green">{t('reports.statement.ok')}</Tag> : <Tag color="red">{t('reports.statement.differs')}</Tag>) },
              { title: t('reports.statement.note'), dataIndex: 'note', ellipsis: true },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('reports.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} />
                <Table.Summary.Cell index={2} />
                <Table.Summary.Cell index={3} align="right">{formatWh(s.lines.reduce((a, l) => a + l.energyWh, 0))}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{formatFen(s.lines.reduce((a, l) => a + l.amountFen, 0))}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{formatFen(s.ledgerFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} colSpan={2} />
              </Table.Summary.Row>
            )}
          />
        </ProCard>
      </Space>
    );
  };
  return (
    <PageContainer title={t('reports.statement.title')} subTitle={t('reports.statement.subtitle')} extra={toolbar}>
      {body()}
    </PageContainer>
  );
}

/** A line's weight as the method reads it: 120.50 m², 3.2 kWh, 25.00%. */
function weightText(method: string, weight: number): string {
  if (method === 'area') return `${(weight / 100).toFixed(2)} m²`;
  if (method === 'usage') return formatWh(weight);
  return `${(weight / 100).toFixed(2)}%`;
}
