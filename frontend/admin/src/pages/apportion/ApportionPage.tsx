import { CalculatorOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Empty, List, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, Permission, useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import { useUrlFilter } from '../../components/useUrlFilter';
import type { ApportionGroupsQuery, ApportionRunsQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { formatWh } from '../../lib/energy';
import { formatFen } from '../../lib/money';
import { formatTime, shanghaiMonth } from '../../lib/time';
import { accountLabel, meterLabel } from './choices';
import { GroupForm, type Group } from './GroupForm';
import { memberWeight } from './groupForm';
import { groupQuery, groupsQuery, runMutation, runsQuery } from './operations';

type GroupRow = ApportionGroupsQuery['apportionGroups'][number];
type Run = ApportionRunsQuery['apportionRuns'][number];

/** 公摊: the groups sharing common meters and line loss, one group's detail and months, creating and editing groups. */
export default function ApportionPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const mayEdit = can(useMe().data, [Permission.ManageTariffs]);
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['apportion', 'groups'], queryFn: ({ signal }) => request(groupsQuery, {}, signal) });
  const groups = q.data?.apportionGroups ?? [];
  const groupId = f.get('group') ?? groups[0]?.id;
  return (
    <PageContainer
      title={t('apportion.title')}
      subTitle={t('apportion.subtitle')}
      extra={
        mayEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-group">
            {t('apportion.form.newTitle')}
          </Button>
        )
      }
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ProCard split="vertical" bordered loading={q.isLoading}>
          <ProCard colSpan="300px" title={t('apportion.groups')}>
            <List<GroupRow>
              dataSource={groups}
              data-testid="groups"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('apportion.noGroups')} /> }}
              renderItem={(g) => (
                <List.Item
                  onClick={() => f.set({ group: g.id })}
                  style={{ cursor: 'pointer', paddingInline: 8, background: g.id === groupId ? '#e6f4ff' : undefined }}
                >
                  <List.Item.Meta
                    title={g.name}
                    description={
                      <Space size={4} wrap>
                        <Tag>{t(`apportionMethod.${g.method}`)}</Tag>
                        <span>{g.site.name}</span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </ProCard>
          <ProCard>{groupId ? <GroupDetail key={groupId} id={groupId} mayEdit={mayEdit} /> : <Empty description={t('apportion.pickGroup')} />}</ProCard>
        </ProCard>
      )}
      {creating && (
        <GroupForm
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            f.set({ group: id });
          }}
        />
      )}
    </PageContainer>
  );
}

/** One group: its settings, sources and members (asked for this group alone), and its months. */
function GroupDetail({ id, mayEdit }: { id: string; mayEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['apportion', 'group', id], queryFn: ({ signal }) => request(groupQuery, { id }, signal) });
  const runs = useQuery({ queryKey: ['apportion', 'runs', id], queryFn: ({ signal }) => request(runsQuery, { groupId: id }, signal) });
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isLoading) return <ProCard loading />;
  const group = q.data?.apportionGroup;
  if (!group) return <Result status="404" title={t('apportion.groupGone')} />;
  const unit = group.method === 'area' ? 'm²' : group.method === 'fixed' ? '%' : '';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="group-detail">
      <Descriptions
        title={group.name}
        size="small"
        column={2}
        extra={
          mayEdit && (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-group">
                {t('crud.edit')}
              </Button>
              <RunButton group={group} runs={runs.data?.apportionRuns ?? []} />
            </Space>
          )
        }
      >
        <Descriptions.Item label={t('sitePages.site')}>{group.site.name}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.method')}>{t(`apportionMethod.${group.method}`)}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.tariff')}>{group.tariff.name}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.lineLoss')}>{group.includeLineLoss ? t('crud.yes') : t('crud.no')}</Descriptions.Item>
        <Descriptions.Item label={t('apportion.sources')} span={2}>
          <Space size={[4, 4]} wrap>
            {group.sources.map((s) => (
              <Tag key={s.meter.id} color={s.role === 'master' ? 'blue' : undefined}>
                {t(`apportionRole.${s.role}`)} {meterLabel(s.meter)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Table<Group['members'][number]>
        rowKey={(m) => m.account.id}
        size="small"
        title={() => t('apportion.memberCount', { count: group.members.length })}
        dataSource={group.members}
        pagination={group.members.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        columns={[
          { title: t('apportion.members'), render: (_, m) => <Link to={`/accounts/${m.account.id}`}>{accountLabel(m.account)}</Link> },
          {
            title: group.method === 'area' ? t('apportion.form.area') : group.method === 'fixed' ? t('apportion.form.share') : t('apportion.weight'),
            align: 'right',
            render: (_, m) => (unit ? `${memberWeight(m) ?? '—'} ${unit}` : t('apportion.form.byUsage')),
          },
        ]}
      />
      {runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : (
        <Table<Run>
          rowKey="id"
          size="middle"
          title={() => t('apportion.runs')}
          loading={runs.isLoading}
          dataSource={runs.data?.apportionRuns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('apportion.noRuns')} /> }}
          columns={[
            { title: t('apportion.month'), dataIndex: 'month', render: (v: string, r) => <Link to={`/apportion/runs/${r.id}`}>{v}</Link> },
            { title: t('apportion.commonKwh'), dataIndex: 'commonWh', align: 'right', render: (v: Run['commonWh']) => formatWh(Number(v)) },
            { title: t('apportion.lineLossKwh'), dataIndex: 'lineLossWh', align: 'right', render: (v: Run['lineLossWh']) => formatWh(Number(v)) },
            { title: t('apportion.totalKwh'), dataIndex: 'totalWh', align: 'right', render: (v: Run['totalWh']) => formatWh(Number(v)) },
            { title: t('apportion.price'), dataIndex: 'price', align: 'right', render: (v: string) => `¥${v}` },
            { title: t('apportion.totalFen'), dataIndex: 'totalFen', align: 'right', render: (v: Run['totalFen']) => formatFen(v) },
            { title: t('apportion.ranAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, 'minute') },
            {
              title: t('crud.actions'),
              render: (_, r) => (
                <Link to={`/apportion/runs/${r.id}`} data-testid={`open-run-${r.month}`}>
                  {t('apportion.shares')}
                </Link>
              ),
            },
          ]}
        />
      )}
      {editing && <GroupForm group={group} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
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
        cancelText={t('crud.cancel')}
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
