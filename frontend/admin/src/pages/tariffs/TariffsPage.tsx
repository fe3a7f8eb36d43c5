import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can, Permission, useMe } from '../../auth/session';
import { CursorPager } from '../../components/CursorPager';
import { ErrorState } from '../../components/ErrorState';
import type { TariffFieldsFragment, TariffKind } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { pageArgs } from '../../lib/cursorPage';
import { useUrlFilter } from '../../components/useUrlFilter';
import { exportHref } from '../../lib/exportLink';
import { formatShanghai } from '../../lib/shanghai';
import { formatKWh } from './tariffForm';
import { AssignMeters } from './AssignMeters';
import { rateColour } from './rates';
import { sitesQuery, tariffsQuery } from './operations';
import { TariffEditor } from './TariffEditor';
import { TouBar } from './TouBar';
import { parseMinute } from './tou';
import './tariffs.css';

const kinds: TariffKind[] = ['flat', 'tou', 'tiered'];

/** Tariffs (电价): the list with filters in the URL, the editor, and assigning meters. */
export default function TariffsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const mayEdit = can(me, [Permission.ManageTariffs]);
  const [params, setParams] = useSearchParams();
  const { set: setUrlFilter } = useUrlFilter();
  const vars = pageArgs(params);
  const filterBy = (changes: Record<string, string | undefined>) => setUrlFilter(changes);
  // The editor is a drawer over the list: opening it keeps the list's page.
  const setEditing = (id?: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (id) p.set('edit', id);
      else p.delete('edit');
      return p;
    });
  const siteId = params.get('site') ?? undefined;
  const kind = (params.get('kind') as TariffKind | null) ?? undefined;
  const search = params.get('q') ?? '';
  const editing = params.get('edit');
  const [assigning, setAssigning] = useState<TariffFieldsFragment>();
  const filter = { siteId, kind, search: search || undefined };

  const sites = useQuery({ queryKey: ['tariff-sites'], queryFn: ({ signal }) => request(sitesQuery, {}, signal) });
  const list = useQuery({
    queryKey: ['tariffs', filter, vars],
    queryFn: ({ signal }) => request(tariffsQuery, { filter, ...vars }, signal),
  });
  const data = list.data?.tariffs;

  return (
    <PageContainer title={t('tariffs.title')} subTitle={t('tariffs.subtitle')}>
      <Card>
        {list.isError && !data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <ProTable<TariffFieldsFragment>
              rowKey="id"
              search={false}
              options={{ reload: () => void list.refetch(), density: false, setting: false }}
              loading={list.isFetching}
              dataSource={data?.nodes}
              pagination={false}
              locale={{ emptyText: search || kind ? t('tariffs.emptyFiltered') : t('tariffs.empty') }}
              headerTitle={
                <Space wrap>
                  <Select
                    allowClear
                    placeholder={t('tariffs.allSites')}
                    style={{ width: 180 }}
                    value={siteId}
                    onChange={(v: string | undefined) => filterBy({ site: v })}
                    options={sites.data?.sites.map((s) => ({ value: s.id, label: s.name }))}
                    data-testid="filter-site"
                  />
                  <Select
                    allowClear
                    placeholder={t('tariffs.allKinds')}
                    style={{ width: 140 }}
                    value={kind}
                    onChange={(v: string | undefined) => filterBy({ kind: v })}
                    options={kinds.map((k) => ({ value: k, label: t(`tariffKind.${k}`) }))}
                    data-testid="filter-kind"
                  />
                  <Input.Search
                    allowClear
                    key={search}
                    defaultValue={search}
                    maxLength={100}
                    placeholder={t('tariffs.searchPlaceholder')}
                    style={{ width: 240 }}
                    onSearch={(v) => filterBy({ q: v.trim() })}
                    data-testid="filter-search"
                  />
                </Space>
              }
              toolBarRender={() => [
                <Button key="export" icon={<DownloadOutlined />} href={exportHref('tariffs', filter, i18n.language)} data-testid="export">
                  {t('tariffs.export')}
                </Button>,
                mayEdit && (
                  <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="tariff-new">
                    {t('tariffs.create')}
                  </Button>
                ),
              ]}
              columns={[
                { title: t('tariffs.name'), dataIndex: 'name', ellipsis: true },
                { title: t('tariffs.site'), render: (_, r) => r.site.name, width: 180, ellipsis: true },
                {
                  title: t('tariffs.kind'),
                  width: 110,
                  render: (_, r) => <Tag color={r.kind === 'tou' ? 'orange' : r.kind === 'tiered' ? 'purple' : 'blue'}>{t(`tariffKind.${r.kind}`)}</Tag>,
                },
                { title: t('tariffs.prices'), width: 220, render: (_, r) => <PriceSummary tariff={r} /> },
                {
                  title: t('tariffs.day'),
                  width: 170,
                  render: (_, r) =>
                    r.kind === 'tou' ? (
                      <div className="tou-mini">
                        <TouBar readOnly periods={r.periods.map((p) => ({ start: parseMinute(p.start) ?? 0, rate: p.rate }))} />
                      </div>
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ),
                },
                { title: t('tariffs.updatedAt'), width: 150, render: (_, r) => formatShanghai(r.updatedAt).slice(0, 16) },
                {
                  title: t('tariffs.actions'),
                  width: 150,
                  render: (_, r) =>
                    mayEdit ? (
                      <Space>
                        <Button type="link" size="small" onClick={() => setEditing(r.id)} data-testid={`edit-${r.id}`}>
                          {t('tariffs.edit')}
                        </Button>
                        <Button type="link" size="small" onClick={() => setAssigning(r)} data-testid={`assign-${r.id}`}>
                          {t('tariffs.assignMeters')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
            <CursorPager total={data?.totalCount} pageInfo={data?.pageInfo} totalLabel={t('tariffs.total', { count: data?.totalCount ?? 0 })} />
          </>
        )}
      </Card>
      {editing && mayEdit && sites.data && (
        <TariffEditor id={editing} sites={sites.data.sites} defaultSiteId={siteId} onClose={() => setEditing()} />
      )}
      {assigning && <AssignMeters tariff={assigning} onClose={() => setAssigning(undefined)} />}
    </PageContainer>
  );
}

function PriceSummary({ tariff }: { tariff: TariffFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {tariff.prices.map((p) => (
        <Tag key={p.rate} color={rateColour[p.rate]}>
          {t(`rate.${p.rate}`)} {p.price}
        </Tag>
      ))}
      {tariff.tiers.map((x, i) => (
        <Tag key={i}>
          {x.upToWh == null ? t('tariffs.tierRest', { n: i + 1 }) : t('tariffs.tierUpTo', { n: i + 1, kwh: formatKWh(x.upToWh) })} {tariff.kind === 'tou' ? '+' : ''}
          {x.price}
        </Tag>
      ))}
    </Space>
  );
}
