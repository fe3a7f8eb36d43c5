import { CalculatorOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Empty, List, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import { useUrlFilter } from '../../components/useUrlFilter';
import { graphql } from '../../gql';
import type { ApportionGroupsQuery, ApportionRunsQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatWh } from '../../lib/energy';
import { formatFen } from '../../lib/money';
import { formatTime, shanghaiMonth } from '../../lib/time';

const groupsQuery = graphql(`
  query ApportionGroups {
    apportionGroups {
      id
      name
      method
      includeLineLoss
      site {
        id
        name
      }
      tariff {
        id
        name
      }
      sources {
        role
      }
      members {
        shareBp
      }
    }
  }
`);

const runsQuery = graphql(`
  query ApportionRuns($groupId: ID!) {
    apportionRuns(groupId: $groupId) {
      id
      month
      commonWh
      lineLossWh
      totalWh
      price
      totalFen
      note
      createdAt
    }
  }
`);

const runMutation = graphql(`
  mutation RunApportionment($groupId: ID!, $month: String!) {
    runApportionment(groupId: $groupId, month: $month) {
      id
      month
      totalFen
    }
  }
`);

type Group = ApportionGroupsQuery['apportionGroups'][number];
type Run = ApportionRunsQuery['apportionRuns'][number];

/** 公摊: the groups sharing common meters and line loss, their monthly runs, and running a month. */
export default function ApportionPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const q = useQuery({ queryKey: ['apportion', 'groups'], queryFn: ({ signal }) => request(groupsQuery, {}, signal) });
  const groups = q.data?.apportionGroups ?? [];
  const group = groups.find((g) => g.id === f.get('group')) ?? groups[0];
  return (
    <PageContainer title={t('apportion.title')} subTitle={t('apportion.subtitle')}>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ProCard split="vertical" bordered loading={q.isLoading}>
          <ProCard colSpan="320px" title={t('apportion.groups')}>
            <List<Group>
              dataSource={groups}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('apportion.noGroups')} /> }}
              renderItem={(g) => (
                <List.Item
                  onClick={() => f.set({ group: g.id })}
                  style={{ cursor: 'pointer', paddingInline: 8, background: g.id === group?.id ? '#e6f4ff' : undefined }}
                >
                  <List.Item.Meta
                    title={g.name}
                    description={
                      <Space size={4} wrap>
                        <Tag>{t(`apportionMethod.${g.method}`)}</Tag>
                        <span>{g.site.name}</span>
                        <span>{t('apportion.memberCount', { count: g.members.length })}</span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </ProCard>
          <ProCard>{group ? <GroupRuns key={group.id} group={group} /> : <Empty description={t('apportion.pickGroup')} />}</ProCard>
        </ProCard>
      )}
    </PageContainer>
  );
}

function GroupRuns({ group }: { group: Group }) {
  const { t } = useTranslation();
  const mayRun = can(useMe().data, [Permission.ManageTariffs]);
  const q = useQuery({ queryKey: ['apportion', 'runs', group.id], queryFn: ({ signal }) => request(runsQuery, { groupId: group.id }, signal) });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        title={group.name}
        size="small"
        column={2}
        extra={mayRun && <RunButton group={group} runs={q.data?.apportionRuns ?? []} />}
      >
        <Descriptions.Item label={t('apportion.method')}>{t(`apportionMethod.${group.method}`)}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.tariff')}>{group.tariff.name}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.members')}>{t('apportion.memberCount', { count: group.members.length })}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.lineLoss')}>{group.includeLineLoss ? t('crud.yes') : t('crud.no')}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.sources')}>
          <Space size={[4, 4]} wrap>
            {(['common', 'master'] as const).map((role) => (
              <Tag key={role} color={role === 'master' ? 'blue' : undefined}>
                {t(`apportionRole.${role}`)} × {group.sources.filter((s) => s.role === role).length}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Run>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data?.apportionRuns}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('apportion.noRuns')} /> }}
          columns={[
            { title: t('apportion.month'), dataIndex: 'month' },
            { title: t('apportion.commonKwh'), dataIndex: 'commonWh', align: 'right', render: (v: Run['commonWh']) => formatWh(Number(v)) },
            { title: t('apportion.lineLossKwh'), dataIndex: 'lineLossWh', align: 'right', render: (v: Run['lineLossWh']) => formatWh(Number(v)) },
            { title: t('apportion.totalKwh'), dataIndex: 'totalWh', align: 'right', render: (v: Run['totalWh']) => formatWh(Number(v)) },
            { title: t('apportion.price'), dataIndex: 'price', align: 'right', render: (v: string) => `¥${v}` },
            { title: t('apportion.totalFen'), dataIndex: 'totalFen', align: 'right', render: (v: Run['totalFen']) => formatFen(v) },
            { title: t('apportion.ranAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, 'minute') },
            { title: t('apportion.note'), dataIndex: 'note', ellipsis: true },
          ]}
        />
      )}
    </Space>
  );
}


/** Runs one ended month, after saying what it does (charges every member once; a month runs once). */
function RunButton({ group, runs }: { group: Group; runs: Run[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queries = useQueryClient();
  // The last month that has ended, in Beijing time.
  const thisMonth = shanghaiMonth();
  const lastMonth = dayjs(`${thisMonth}-01`).subtract(1, 'month');
  const [month, setMonth] = useState<Dayjs>(lastMonth);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const m = month.format('YYYY-MM');
  const done = runs.find((r) => r.month === m);
  return (
    <>
      <Button type="primary" icon={<CalculatorOutlined />} onClick={() => setOpen(true)} data-testid="run-apportionment">
        {t('apportion.run')}
      </Button>
      <Modal
        open={open}
        title={t('apportion.runTitle', { name: group.name })}
        okText={t('apportion.runOk')}
        okButtonProps={{ disabled: !!done, loading: busy }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            const r = await request(runMutation, { groupId: group.id, month: m });
            void message.success(t('apportion.ran', { month: r.runApportionment.month, total: formatFen(r.runApportionment.totalFen) }));
            void queries.invalidateQueries({ queryKey: ['apportion', 'runs', group.id] });
            setOpen(false);
          } catch (err) {
            report(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            onChange={(d) => d && setMonth(d)}
            disabledDate={(d) => d.format('YYYY-MM') >= thisMonth}
          />
          <Typography.Paragraph>
            {done ? t('apportion.alreadyRun', { month: m }) : t('apportion.runExplain', { month: m, count: group.members.length })}
          </Typography.Paragraph>
        </Space>
      </Modal>
    </>
  );
}
