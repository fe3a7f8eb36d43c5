import { DownloadOutlined, LinkOutlined, PlusOutlined, ShopOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Descriptions, Popconfirm, Result, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { can, Permission, useMe } from '../../auth/session';
import { CursorPager } from '../../components/CursorPager';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useReportError } from '../../components/useReportError';
import type { AccountDetailQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { useSubscription } from '../../graphql/ws';
import { pageArgs } from '../../lib/cursorPage';
import { formatWh } from '../../lib/energy';
import { formatFen } from '../../lib/money';
import { formatShanghai } from '../../lib/shanghai';
import { exportHref } from './filter';
import { CloseAccountModal, ReplaceMeterModal } from './AccountActions';
import { AccountNotificationsCard } from '../notifications/AccountNotificationsCard';
import { BindingsCard } from './AccountBindings';
import { AccountStatementCard } from './AccountStatement';
import { TenantLoginsCard } from './TenantLogins';
import { accountBalanceSubscription, accountDetailQuery, attachMeterMutation, detachMeterMutation, freeMetersQuery } from './operations';
import { relayColour } from '../../lib/meterStatus';

type Account = NonNullable<AccountDetailQuery['account']>;
type MeterRow = Account['meters'][number];

/** One account: balance (live), meters, entries paged on the server, alarms, and what a desk does to it. */
export default function AccountDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [params] = useSearchParams();
  const args = pageArgs(params);
  const key = ['account', id];
  const q = useQuery({
    queryKey: [...key, args],
    queryFn: ({ signal }) => request(accountDetailQuery, { id, ...args }, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void queries.invalidateQueries({ queryKey: key });
  // A payment landing (WeChat, Alipay, another desk) moves the balance on screen at once.
  useSubscription(accountBalanceSubscription, { accountId: id }, refresh);
  const [dialog, setDialog] = useState<'close' | { replace: MeterRow }>();
  const manage = can(me, [Permission.ManageAccounts]);

  if (q.isLoading) return <PageLoading />;
  if (q.isError && !q.data) {
    return (
      <PageContainer title={t('accounts.detail.title')}>
        <Card>
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        </Card>
      </PageContainer>
    );
  }
  const a = q.data?.account;
  if (!a) {
    return (
      <PageContainer title={t('accounts.detail.title')}>
        <Result status="404" title={t('accounts.detail.notFound')} extra={<Link to="/accounts">{t('accounts.detail.back')}</Link>} />
      </PageContainer>
    );
  }
  const open = a.status === 'open';

  return (
    <PageContainer
      title={
        <Space>
          {a.shopNo && <Tag color="blue">{a.shopNo}</Tag>}
          {a.tenantName}
          {open ? <Tag color="green">{t('accounts.statusOpen')}</Tag> : <Tag>{t('accounts.statusClosed')}</Tag>}
        </Space>
      }
      subTitle={a.no}
      onBack={() => void navigate('/accounts')}
      extra={
        open && [
          can(me, [Permission.Sell]) && (
            <Button key="sell" type="primary" icon={<ShopOutlined />} onClick={() => void navigate(`/desk?account=${a.id}`)}>
              {t('accounts.detail.sell')}
            </Button>
          ),
          manage && (
            <Button key="close" danger icon={<StopOutlined />} onClick={() => setDialog('close')} data-testid="account-close">
              {t('accounts.detail.close')}
            </Button>
          ),
        ]
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Space size={48} align="start" wrap>
            <Statistic
              title={t('accounts.detail.balance')}
              value={formatFen(a.balanceFen)}
              valueStyle={{ color: a.balanceFen <= 0 ? '#cf1322' : '#3f8600', fontSize: 32 }}
              data-testid="account-balance"
            />
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ minWidth: 520 }}>
              <Descriptions.Item label={t('accounts.col.phone')}>{a.phone}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.site')}>{a.site.name}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.detail.balanceMode')}>{t(`accounts.detail.${a.balanceMode}`)}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.detail.alarm1')}>{formatFen(a.alarm1Fen)}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.detail.alarm2')}>{formatFen(a.alarm2Fen)}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.detail.overdraft')}>{formatFen(a.overdraftLimitFen)}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.detail.openedAt')}>{formatShanghai(a.openedAt)}</Descriptions.Item>
              {a.closedAt && <Descriptions.Item label={t('accounts.detail.closedAt')}>{formatShanghai(a.closedAt)}</Descriptions.Item>}
              {a.note && <Descriptions.Item label={t('accounts.detail.note')}>{a.note}</Descriptions.Item>}
            </Descriptions>
          </Space>
        </Card>
        <MetersCard account={a} manage={manage && open} onChanged={refresh} onReplace={(m) => setDialog({ replace: m })} />
        {manage && <TenantLoginsCard account={a} />}
        {manage && <BindingsCard accountId={a.id} accountNo={a.no} />}
        <AccountStatementCard accountId={a.id} />
        <AccountNotificationsCard accountId={a.id} manage={manage} />
        <Card
          title={t('accounts.detail.entries')}
          extra={
            <Button icon={<DownloadOutlined />} href={exportHref('ledgerEntries', { accountId: a.id }, i18n.language)}>
              {t('accounts.export')}
            </Button>
          }
        >
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            loading={q.isFetching}
            dataSource={a.entries.nodes}
            locale={{ emptyText: t('desk.noEntries') }}
            columns={[
              { title: t('desk.col.time'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatShanghai(v) },
              { title: t('desk.col.type'), dataIndex: 'type', width: 100, render: (v: string) => t(`desk.type.${v}` as 'desk.type.sale') },
              { title: t('desk.channelLabel'), dataIndex: 'channel', width: 100, render: (v: string | null) => (v ? t(`desk.channel.${v}` as 'desk.channel.cash') : '') },
              { title: t('desk.col.amount'), dataIndex: 'amountFen', align: 'right', width: 120, render: (v: number) => formatFen(v, { plusSign: true }) },
              { title: t('desk.col.balanceAfter'), dataIndex: 'balanceAfterFen', align: 'right', width: 120, render: (v: number) => formatFen(v) },
              { title: t('desk.col.receiptNo'), dataIndex: 'receiptNo', ellipsis: true },
              { title: t('desk.col.actor'), dataIndex: 'actor', ellipsis: true },
              { title: t('desk.note'), dataIndex: 'note', ellipsis: true },
            ]}
          />
          <CursorPager total={a.entries.totalCount} pageInfo={a.entries.pageInfo} totalLabel={t('accounts.detail.entriesTotal', { count: a.entries.totalCount })} />
        </Card>
        <Card title={t('accounts.detail.alarms')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={q.data?.alarms.nodes}
            locale={{ emptyText: t('accounts.detail.noAlarms') }}
            columns={[
              { title: t('accounts.detail.alarmCols.kind'), dataIndex: 'kind', width: 120, render: (k: string) => <Tag>{t(`alarmKind.${k}` as 'alarmKind.alarm1')}</Tag> },
              { title: t('accounts.detail.meterCols.address'), key: 'meter', width: 150, render: (_, r) => r.meter?.address ?? '' },
              { title: t('accounts.detail.alarmCols.message'), dataIndex: 'message', ellipsis: true },
              { title: t('accounts.detail.alarmCols.raisedAt'), dataIndex: 'raisedAt', width: 170, render: (v: string) => formatShanghai(v) },
              {
                title: t('accounts.detail.alarmCols.clearedAt'),
                dataIndex: 'clearedAt',
                width: 170,
                render: (v: string | null) => (v ? formatShanghai(v) : <Badge status="error" text={t('accounts.detail.alarmActive')} />),
              },
            ]}
          />
        </Card>
      </Space>
      {dialog === 'close' && <CloseAccountModal account={a} onClose={() => setDialog(undefined)} onDone={() => (setDialog(undefined), refresh())} />}
      {typeof dialog === 'object' && (
        <ReplaceMeterModal account={a} oldMeter={dialog.replace} onClose={() => setDialog(undefined)} onDone={() => (setDialog(undefined), refresh())} />
      )}
    </PageContainer>
  );
}

function MetersCard({ account, manage, onChanged, onReplace }: { account: Account; manage: boolean; onChanged: () => void; onReplace: (m: MeterRow) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [search, setSearch] = useState('');
  const [picking, setPicking] = useState(false);
  const free = useQuery({
    queryKey: ['free-meters', account.site.id, search],
    queryFn: ({ signal }) => request(freeMetersQuery, { siteId: account.site.id, search: search || undefined }, signal),
    enabled: picking,
  });
  const attach = async (meterId: string) => {
    try {
      await request(attachMeterMutation, { accountId: account.id, meterId });
      setPicking(false);
      onChanged();
    } catch (err) {
      reportError(err);
    }
  };
  const detach = async (m: MeterRow) => {
    try {
      await request(detachMeterMutation, { accountId: account.id, meterId: m.id });
      void message.success(`${t('accounts.detail.detach')} ${m.address}`);
      onChanged();
    } catch (err) {
      reportError(err);
    }
  };
  return (
    <Card
      title={t('accounts.detail.meters')}
      extra={
        manage &&
        (picking ? (
          <Select
            autoFocus
            open
            showSearch
            filterOption={false}
            style={{ width: 300 }}
            placeholder={t('accounts.detail.attachPick')}
            onSearch={setSearch}
            loading={free.isFetching}
            onBlur={() => setPicking(false)}
            onChange={(v: string) => void attach(v)}
            options={(free.data?.meters.nodes ?? []).map((m) => ({ value: m.id, label: `${m.address}${m.room ? ` · ${m.room}` : ''}` }))}
          />
        ) : (
          <Button icon={<PlusOutlined />} onClick={() => setPicking(true)}>
            {t('accounts.detail.attach')}
          </Button>
        ))
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={account.meters}
        locale={{ emptyText: t('desk.noMeters') }}
        columns={[
          { title: t('accounts.detail.meterCols.address'), dataIndex: 'address', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
          { title: t('accounts.detail.meterCols.room'), dataIndex: 'room' },
          {
            title: t('accounts.detail.meterCols.online'),
            dataIndex: 'online',
            render: (v: boolean) => <Badge status={v ? 'success' : 'default'} text={v ? t('accounts.detail.online') : t('accounts.detail.offline')} />,
          },
          {
            title: t('accounts.detail.meterCols.relay'),
            dataIndex: 'relay',
            render: (v: string) => <Tag color={relayColour(v)}>{t(`accounts.detail.relay.${v}` as 'accounts.detail.relay.open')}</Tag>,
          },
          { title: t('accounts.detail.meterCols.energy'), dataIndex: 'lastEnergyWh', align: 'right', render: (v: number | null) => formatWh(v) },
          ...(account.balanceMode === 'per_meter'
            ? [{ title: t('accounts.detail.meterCols.balance'), dataIndex: 'balanceFen', align: 'right' as const, render: (v: number | null) => (v == null ? '' : formatFen(v)) }]
            : []),
          ...(manage
            ? [
                {
                  title: t('accounts.detail.meterCols.action'),
                  key: 'action',
                  render: (_: unknown, m: MeterRow) => (
                    <Space>
                      <Button size="small" icon={<SwapOutlined />} onClick={() => onReplace(m)}>
                        {t('accounts.detail.replace')}
                      </Button>
                      <Popconfirm title={t('accounts.detail.detachConfirm', { address: m.address })} onConfirm={() => void detach(m)}>
                        <Button size="small" danger icon={<LinkOutlined />}>
                          {t('accounts.detail.detach')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
