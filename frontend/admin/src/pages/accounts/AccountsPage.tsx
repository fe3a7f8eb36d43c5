import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can, Permission, useMe } from '../../auth/session';
import { CursorPager } from '../../components/CursorPager';
import { ErrorState } from '../../components/ErrorState';
import type { AccountsListQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { pageArgs } from '../../lib/cursorPage';
import { useUrlFilter } from '../../components/useUrlFilter';
import { formatFen } from '../../lib/money';
import { formatShanghai } from '../../lib/shanghai';
import { accountFilter, exportHref } from './filter';
import { OpenAccountModal } from './OpenAccountModal';
import { accountsQuery, sitesQuery } from './operations';

type Row = AccountsListQuery['accounts']['nodes'][number];

/** Accounts (户): search, filter, page on the server, export, open. */
export default function AccountsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { params, set: setUrlFilter } = useUrlFilter();
  const [opening, setOpening] = useState(false);
  const filter = accountFilter(params);
  const args = pageArgs(params);
  const q = useQuery({
    queryKey: ['accounts', filter, args],
    queryFn: ({ signal }) => request(accountsQuery, { filter, ...args }, signal),
    placeholderData: keepPreviousData,
  });
  const sites = useQuery({ queryKey: ['account-sites'], queryFn: ({ signal }) => request(sitesQuery, {}, signal), staleTime: 5 * 60_000 });
  const update = (changes: Record<string, string | undefined>) => setUrlFilter(changes);
  const [search, setSearch] = useState(params.get('search') ?? '');

  return (
    <PageContainer title={t('accounts.title')} subTitle={t('accounts.subtitle')}>
      <ProTable<Row>
        rowKey="id"
        search={false}
        options={false}
        cardBordered
        loading={q.isFetching}
        dataSource={q.data?.accounts.nodes}
        pagination={false}
        locale={{ emptyText: q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : t('accounts.empty') }}
        headerTitle={
          <Space wrap>
            <Input.Search
              allowClear
              style={{ width: 280 }}
              placeholder={t('accounts.searchPlaceholder')}
              value={search}
              maxLength={100}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(v) => update({ search: v.trim() || undefined })}
              data-testid="accounts-search"
            />
            <Select
              style={{ width: 140 }}
              value={params.get('status') ?? ''}
              onChange={(v) => update({ status: v || undefined })}
              options={[
                { value: '', label: t('accounts.statusAll') },
                { value: 'open', label: t('accounts.statusOpen') },
                { value: 'closed', label: t('accounts.statusClosed') },
              ]}
            />
            {(sites.data?.sites.length ?? 0) > 1 && (
              <Select
                style={{ width: 180 }}
                value={params.get('site') ?? ''}
                onChange={(v) => update({ site: v || undefined })}
                options={[{ value: '', label: t('accounts.siteAll') }, ...(sites.data?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))]}
              />
            )}
            <Checkbox checked={params.get('arrears') === '1'} onChange={(e) => update({ arrears: e.target.checked ? '1' : undefined })}>
              {t('accounts.arrears')}
            </Checkbox>
          </Space>
        }
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} href={exportHref('accounts', filter, i18n.language)}>
            {t('accounts.export')}
          </Button>,
          can(me, [Permission.ManageAccounts]) && (
            <Button key="open" type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="accounts-open">
              {t('accounts.open')}
            </Button>
          ),
        ]}
        columns={[
          { title: t('accounts.col.no'), dataIndex: 'no', width: 150, render: (_, r) => <Link to={`/accounts/${r.id}`}>{r.no}</Link> },
          { title: t('accounts.col.shopNo'), dataIndex: 'shopNo', width: 100 },
          { title: t('accounts.col.tenantName'), dataIndex: 'tenantName', ellipsis: true },
          { title: t('accounts.col.phone'), dataIndex: 'phone', width: 140 },
          {
            title: t('accounts.col.balance'),
            dataIndex: 'balanceFen',
            align: 'right',
            width: 130,
            render: (_, r) => <Typography.Text type={r.balanceFen <= 0 ? 'danger' : undefined}>{formatFen(r.balanceFen)}</Typography.Text>,
          },
          { title: t('accounts.col.meters'), key: 'meters', align: 'right', width: 80, render: (_, r) => r.meters.length },
          {
            title: t('accounts.col.status'),
            dataIndex: 'status',
            width: 90,
            render: (_, r) => (r.status === 'open' ? <Tag color="green">{t('accounts.statusOpen')}</Tag> : <Tag>{t('accounts.statusClosed')}</Tag>),
          },
          { title: t('accounts.col.openedAt'), dataIndex: 'openedAt', width: 170, render: (_, r) => formatShanghai(r.openedAt) },
          {
            title: t('accounts.col.action'),
            key: 'action',
            width: 80,
            render: (_, r) => <Link to={`/accounts/${r.id}`}>{t('accounts.view')}</Link>,
          },
        ]}
        footer={() => (
          <CursorPager
            total={q.data?.accounts.totalCount}
            pageInfo={q.data?.accounts.pageInfo}
            totalLabel={t('accounts.total', { count: q.data?.accounts.totalCount ?? 0 })}
          />
        )}
      />
      {opening && (
        <OpenAccountModal
          sites={sites.data?.sites ?? []}
          onCancel={() => setOpening(false)}
          onOpened={(id) => {
            setOpening(false);
            void navigate(`/accounts/${id}`);
          }}
        />
      )}
    </PageContainer>
  );
}
